"""Countries by their formal names, as visa letters and other official documents write them.

CLDR's territory names are the short ones ("South Korea", "Laos"); a letter to a consulate or
a certificate names a state as it names itself ("Republic of Korea", "Lao People's Democratic
Republic", "Kingdom of Thailand"). The table covers the states the product deals with (the
members and invited states of the series and the hosts of its meetings), in every language of
the application: the UN's official names in English, French, Spanish, Arabic and Chinese, and
the names the ministries of foreign affairs use in the other languages. Any other country falls
back to CLDR's name, so nothing is ever left unnamed.
"""
from __future__ import annotations

from app.i18n import DEFAULT_LOCALE, country_name, current_locale

FORMAL_NAMES: dict[str, dict[str, str]] = {
    "KR": {
        "en": "Republic of Korea", "ko": "대한민국", "zh_Hans": "大韩民国", "ja": "大韓民国",
        "vi": "Đại Hàn Dân Quốc", "th": "สาธารณรัฐเกาหลี", "km": "សាធារណរដ្ឋកូរ៉េ",
        "lo": "ສາທາລະນະລັດເກົາຫຼີ", "id": "Republik Korea", "ms": "Republik Korea",
        "fil": "Republika ng Korea", "ar": "جمهورية كوريا", "fr": "République de Corée",
        "es": "República de Corea", "pt": "República da Coreia",
    },
    "KH": {
        "en": "Kingdom of Cambodia", "ko": "캄보디아 왕국", "zh_Hans": "柬埔寨王国",
        "ja": "カンボジア王国", "vi": "Vương quốc Campuchia", "th": "ราชอาณาจักรกัมพูชา",
        "km": "ព្រះរាជាណាចក្រកម្ពុជា", "lo": "ຣາຊະອານາຈັກກຳປູເຈຍ", "id": "Kerajaan Kamboja",
        "ms": "Kerajaan Kemboja", "fil": "Kaharian ng Cambodia", "ar": "مملكة كمبوديا",
        "fr": "Royaume du Cambodge", "es": "Reino de Camboya", "pt": "Reino do Camboja",
    },
    "LA": {
        "en": "Lao People's Democratic Republic", "ko": "라오인민민주공화국",
        "zh_Hans": "老挝人民民主共和国", "ja": "ラオス人民民主共和国",
        "vi": "Cộng hòa Dân chủ Nhân dân Lào", "th": "สาธารณรัฐประชาธิปไตยประชาชนลาว",
        "km": "សាធារណរដ្ឋប្រជាធិបតេយ្យប្រជាមានិតឡាវ", "lo": "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ",
        "id": "Republik Demokratik Rakyat Laos", "ms": "Republik Demokratik Rakyat Laos",
        "fil": "Demokratikong Republikang Bayan ng Laos",
        "ar": "جمهورية لاو الديمقراطية الشعبية", "fr": "République démocratique populaire lao",
        "es": "República Democrática Popular Lao", "pt": "República Democrática Popular do Laos",
    },
    "TH": {
        "en": "Kingdom of Thailand", "ko": "타이 왕국", "zh_Hans": "泰王国", "ja": "タイ王国",
        "vi": "Vương quốc Thái Lan", "th": "ราชอาณาจักรไทย", "km": "ព្រះរាជាណាចក្រថៃ",
        "lo": "ຣາຊະອານາຈັກໄທ", "id": "Kerajaan Thailand", "ms": "Kerajaan Thailand",
        "fil": "Kaharian ng Thailand", "ar": "مملكة تايلند", "fr": "Royaume de Thaïlande",
        "es": "Reino de Tailandia", "pt": "Reino da Tailândia",
    },
    "SG": {
        "en": "Republic of Singapore", "ko": "싱가포르 공화국", "zh_Hans": "新加坡共和国",
        "ja": "シンガポール共和国", "vi": "Cộng hòa Singapore", "th": "สาธารณรัฐสิงคโปร์",
        "km": "សាធារណរដ្ឋសិង្ហបុរី", "lo": "ສາທາລະນະລັດສິງກະໂປ", "id": "Republik Singapura",
        "ms": "Republik Singapura", "fil": "Republika ng Singapore", "ar": "جمهورية سنغافورة",
        "fr": "République de Singapour", "es": "República de Singapur",
        "pt": "República de Singapura",
    },
    "PH": {
        "en": "Republic of the Philippines", "ko": "필리핀 공화국", "zh_Hans": "菲律宾共和国",
        "ja": "フィリピン共和国", "vi": "Cộng hòa Philippines", "th": "สาธารณรัฐฟิลิปปินส์",
        "km": "សាធារណរដ្ឋហ្វីលីពីន", "lo": "ສາທາລະນະລັດຟີລິບປິນ", "id": "Republik Filipina",
        "ms": "Republik Filipina", "fil": "Republika ng Pilipinas", "ar": "جمهورية الفلبين",
        "fr": "République des Philippines", "es": "República de Filipinas",
        "pt": "República das Filipinas",
    },
    "US": {
        "en": "United States of America", "ko": "미합중국", "zh_Hans": "美利坚合众国",
        "ja": "アメリカ合衆国", "vi": "Hợp chủng quốc Hoa Kỳ", "th": "สหรัฐอเมริกา",
        "km": "សហរដ្ឋអាមេរិក", "lo": "ສະຫະລັດອາເມລິກາ", "id": "Amerika Serikat",
        "ms": "Amerika Syarikat", "fil": "Estados Unidos ng Amerika",
        "ar": "الولايات المتحدة الأمريكية", "fr": "États-Unis d'Amérique",
        "es": "Estados Unidos de América", "pt": "Estados Unidos da América",
    },
    "AE": {
        "en": "United Arab Emirates", "ko": "아랍에미리트 연합국", "zh_Hans": "阿拉伯联合酋长国",
        "ja": "アラブ首長国連邦", "vi": "Các Tiểu vương quốc Ả Rập Thống nhất",
        "th": "สหรัฐอาหรับเอมิเรตส์", "km": "អេមីរ៉ាតអារ៉ាប់រួម", "lo": "ສະຫະລັດອາຣັບເອມິເຣດ",
        "id": "Persatuan Emirat Arab", "ms": "Emiriah Arab Bersatu",
        "fil": "Nagkakaisang Emiratos Arabe", "ar": "دولة الإمارات العربية المتحدة",
        "fr": "Émirats arabes unis", "es": "Emiratos Árabes Unidos",
        "pt": "Emirados Árabes Unidos",
    },
    "QA": {
        "en": "State of Qatar", "ko": "카타르국", "zh_Hans": "卡塔尔国", "ja": "カタール国",
        "vi": "Nhà nước Qatar", "th": "รัฐกาตาร์", "km": "រដ្ឋកាតា", "lo": "ລັດກາຕາ",
        "id": "Negara Qatar", "ms": "Negara Qatar", "fil": "Estado ng Qatar", "ar": "دولة قطر",
        "fr": "État du Qatar", "es": "Estado de Qatar", "pt": "Estado do Catar",
    },
    "CN": {
        "en": "People's Republic of China", "ko": "중화인민공화국", "zh_Hans": "中华人民共和国",
        "ja": "中華人民共和国", "vi": "Cộng hòa Nhân dân Trung Hoa", "th": "สาธารณรัฐประชาชนจีน",
        "km": "សាធារណរដ្ឋប្រជាមានិតចិន", "lo": "ສາທາລະນະລັດ ປະຊາຊົນຈີນ",
        "id": "Republik Rakyat Tiongkok", "ms": "Republik Rakyat China",
        "fil": "Republikang Bayan ng Tsina", "ar": "جمهورية الصين الشعبية",
        "fr": "République populaire de Chine", "es": "República Popular China",
        "pt": "República Popular da China",
    },
    "JP": {
        "en": "Japan", "ko": "일본국", "zh_Hans": "日本国", "ja": "日本国", "vi": "Nhật Bản",
        "th": "ญี่ปุ่น", "km": "ប្រទេសជប៉ុន", "lo": "ປະເທດຍີ່ປຸ່ນ", "id": "Jepang", "ms": "Jepun",
        "fil": "Hapon", "ar": "اليابان", "fr": "Japon", "es": "Japón", "pt": "Japão",
    },
    "VN": {
        "en": "Socialist Republic of Viet Nam", "ko": "베트남 사회주의 공화국",
        "zh_Hans": "越南社会主义共和国", "ja": "ベトナム社会主義共和国",
        "vi": "Cộng hòa Xã hội Chủ nghĩa Việt Nam", "th": "สาธารณรัฐสังคมนิยมเวียดนาม",
        "km": "សាធារណរដ្ឋសង្គមនិយមវៀតណាម", "lo": "ສາທາລະນະລັດ ສັງຄົມນິຍົມ ຫວຽດນາມ",
        "id": "Republik Sosialis Vietnam", "ms": "Republik Sosialis Vietnam",
        "fil": "Sosyalistang Republika ng Vietnam", "ar": "جمهورية فييت نام الاشتراكية",
        "fr": "République socialiste du Viet Nam", "es": "República Socialista de Viet Nam",
        "pt": "República Socialista do Vietnã",
    },
    "ID": {
        "en": "Republic of Indonesia", "ko": "인도네시아 공화국", "zh_Hans": "印度尼西亚共和国",
        "ja": "インドネシア共和国", "vi": "Cộng hòa Indonesia", "th": "สาธารณรัฐอินโดนีเซีย",
        "km": "សាធារណរដ្ឋឥណ្ឌូណេស៊ី", "lo": "ສາທາລະນະລັດອິນໂດເນເຊຍ", "id": "Republik Indonesia",
        "ms": "Republik Indonesia", "fil": "Republika ng Indonesia", "ar": "جمهورية إندونيسيا",
        "fr": "République d'Indonésie", "es": "República de Indonesia",
        "pt": "República da Indonésia",
    },
    "MY": {
        "en": "Malaysia", "ko": "말레이시아", "zh_Hans": "马来西亚", "ja": "マレーシア",
        "vi": "Malaysia", "th": "มาเลเซีย", "km": "ម៉ាឡេស៊ី", "lo": "ມາເລເຊຍ", "id": "Malaysia",
        "ms": "Malaysia", "fil": "Malaysia", "ar": "ماليزيا", "fr": "Malaisie", "es": "Malasia",
        "pt": "Malásia",
    },
    "BN": {
        "en": "Brunei Darussalam", "ko": "브루나이 다루살람국", "zh_Hans": "文莱达鲁萨兰国",
        "ja": "ブルネイ・ダルサラーム国", "vi": "Brunei Darussalam", "th": "เนการาบรูไนดารุสซาลาม",
        "km": "ប្រ៊ុយណេដារូសាឡឹម", "lo": "ບຣູໄນດາຣຸສຊາລາມ", "id": "Brunei Darussalam",
        "ms": "Negara Brunei Darussalam", "fil": "Brunei Darussalam", "ar": "بروني دار السلام",
        "fr": "Brunéi Darussalam", "es": "Brunei Darussalam", "pt": "Brunei Darussalam",
    },
}


def formal_country_name(code: str | None, lang: str | None = None) -> str:
    """The formal name of an ISO 3166 country in `lang` (default: the current locale); CLDR's
    name where the table has none."""
    if not code:
        return ""
    lang = lang or current_locale()
    names = FORMAL_NAMES.get(code.upper())
    if names:
        return names.get(lang) or names[DEFAULT_LOCALE]
    return country_name(code, lang)

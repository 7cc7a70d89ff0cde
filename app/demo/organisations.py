"""The demo's organisations: the members of the alliance, the invited states and the
international bodies, each named in the languages it uses."""
from __future__ import annotations

from app.demo.rows import get_or_create
from app.meetings.models import Organisation, OrganisationKind, ParticipationCategory

BODY_CATEGORY = ParticipationCategory.INTERNATIONAL_BODY
MEMBER, INVITED, BODY = (ParticipationCategory.MEMBER, ParticipationCategory.INVITED_STATE,
                         ParticipationCategory.INTERNATIONAL_BODY)

# code, acronym, country, language, category, names. Members: the alliance announced on
# 23 October 2025; invited: the six further states; then the four international bodies.
ORGANISATIONS = [
    # The hosts of meetings 1 and 2 are named in every language: {host} in the letter.
    ("knpa", "KNPA", "KR", "ko", MEMBER, {
        "en": "Korean National Police Agency", "ko": "경찰청", "zh_Hans": "大韩民国警察厅",
        "ja": "韓国警察庁", "vi": "Cơ quan Cảnh sát Quốc gia Hàn Quốc",
        "th": "สำนักงานตำรวจแห่งชาติเกาหลี", "km": "អគ្គស្នងការដ្ឋាននគរបាលជាតិកូរ៉េ",
        "lo": "ກົມຕຳຫຼວດແຫ່ງຊາດເກົາຫຼີ", "id": "Badan Kepolisian Nasional Korea",
        "ms": "Agensi Polis Kebangsaan Korea", "fil": "Korean National Police Agency",
        "ar": "وكالة الشرطة الوطنية الكورية", "fr": "Agence nationale de police coréenne",
        "es": "Agencia Nacional de Policía de Corea",
        "pt": "Agência Nacional de Polícia da Coreia"}),
    ("cnp-kh", "CNP", "KH", "km", MEMBER, {
        "en": "Cambodian National Police", "km": "អគ្គស្នងការដ្ឋាននគរបាលជាតិ"}),
    # Three ministries of public security and two of the interior: the short name (acronym)
    # and every language's name carry the country, so that lists tell them apart.
    ("mps-la", "MPS Lao PDR", "LA", "lo", MEMBER, {
        "en": "Ministry of Public Security of the Lao PDR", "ko": "라오스 공안부",
        "zh_Hans": "老挝公安部", "ja": "ラオス公安省",
        "vi": "Bộ An ninh nước Cộng hòa Dân chủ Nhân dân Lào",
        "th": "กระทรวงป้องกันความสงบ สปป. ลาว",
        "km": "ក្រសួងសន្តិសុខសាធារណៈនៃសាធារណរដ្ឋប្រជាធិបតេយ្យប្រជាមានិតឡាវ",
        "lo": "ກະຊວງປ້ອງກັນຄວາມສະຫງົບ ສປປ ລາວ",
        "id": "Kementerian Keamanan Publik Republik Demokratik Rakyat Laos",
        "ms": "Kementerian Keselamatan Awam Republik Demokratik Rakyat Laos",
        "fil": "Ministri ng Pampublikong Seguridad ng Lao PDR",
        "ar": "وزارة الأمن العام في جمهورية لاو الديمقراطية الشعبية",
        "fr": "Ministère de la Sécurité publique de la RDP lao",
        "es": "Ministerio de Seguridad Pública de la RDP Lao",
        "pt": "Ministério da Segurança Pública da RDP do Laos"}),
    ("rtp", "RTP", "TH", "th", MEMBER, {
        "en": "Royal Thai Police", "th": "สำนักงานตำรวจแห่งชาติ", "ko": "태국 왕립경찰청",
        "zh_Hans": "泰国皇家警察", "ja": "タイ王国警察", "vi": "Cảnh sát Hoàng gia Thái Lan",
        "km": "នគរបាលរាជអាណាចក្រថៃ", "lo": "ຕຳຫຼວດແຫ່ງຊາດໄທ",
        "id": "Kepolisian Kerajaan Thailand", "ms": "Polis Diraja Thailand",
        "fil": "Royal Thai Police", "ar": "الشرطة الملكية التايلندية",
        "fr": "Police royale thaïlandaise", "es": "Policía Real de Tailandia",
        "pt": "Polícia Real da Tailândia"}),
    ("spf", "SPF", "SG", "en", MEMBER, {"en": "Singapore Police Force"}),
    ("pnp", "PNP", "PH", "fil", MEMBER, {
        "en": "Philippine National Police", "fil": "Pambansang Pulisya ng Pilipinas"}),
    ("fbi", "FBI", "US", "en", MEMBER, {"en": "Federal Bureau of Investigation"}),
    ("moi-ae", "MOI UAE", "AE", "ar", MEMBER, {
        "en": "Ministry of Interior of the United Arab Emirates", "ko": "아랍에미리트 내무부",
        "zh_Hans": "阿拉伯联合酋长国内政部", "ja": "アラブ首長国連邦内務省",
        "vi": "Bộ Nội vụ Các Tiểu vương quốc Ả Rập Thống nhất",
        "th": "กระทรวงมหาดไทยสหรัฐอาหรับเอมิเรตส์", "km": "ក្រសួងមហាផ្ទៃអេមីរ៉ាតអារ៉ាប់រួម",
        "lo": "ກະຊວງພາຍໃນ ສະຫະລັດອາຣັບເອມິເຣດ",
        "id": "Kementerian Dalam Negeri Persatuan Emirat Arab",
        "ms": "Kementerian Dalam Negeri Emiriah Arab Bersatu",
        "fil": "Ministri ng Interyor ng United Arab Emirates",
        "ar": "وزارة الداخلية في دولة الإمارات العربية المتحدة",
        "fr": "Ministère de l’Intérieur des Émirats arabes unis",
        "es": "Ministerio del Interior de los Emiratos Árabes Unidos",
        "pt": "Ministério do Interior dos Emirados Árabes Unidos"}),
    ("moi-qa", "MOI Qatar", "QA", "ar", MEMBER, {
        "en": "Ministry of Interior of the State of Qatar", "ko": "카타르 내무부",
        "zh_Hans": "卡塔尔国内政部", "ja": "カタール国内務省", "vi": "Bộ Nội vụ Nhà nước Qatar",
        "th": "กระทรวงมหาดไทยรัฐกาตาร์", "km": "ក្រសួងមហាផ្ទៃរដ្ឋកាតា", "lo": "ກະຊວງພາຍໃນ ລັດກາຕາ",
        "id": "Kementerian Dalam Negeri Negara Qatar",
        "ms": "Kementerian Dalam Negeri Negara Qatar",
        "fil": "Ministri ng Interyor ng Estado ng Qatar", "ar": "وزارة الداخلية في دولة قطر",
        "fr": "Ministère de l’Intérieur de l’État du Qatar",
        "es": "Ministerio del Interior del Estado de Qatar",
        "pt": "Ministério do Interior do Estado do Catar"}),
    ("mps-cn", "MPS China", "CN", "zh_Hans", INVITED, {
        "en": "Ministry of Public Security of the People's Republic of China",
        "ko": "중국 공안부", "zh_Hans": "中华人民共和国公安部", "ja": "中国公安部",
        "vi": "Bộ Công an nước Cộng hòa Nhân dân Trung Hoa",
        "th": "กระทรวงความมั่นคงสาธารณะแห่งสาธารณรัฐประชาชนจีน",
        "km": "ក្រសួងសន្តិសុខសាធារណៈនៃសាធារណរដ្ឋប្រជាមានិតចិន",
        "lo": "ກະຊວງປ້ອງກັນຄວາມສະຫງົບ ສາທາລະນະລັດ ປະຊາຊົນຈີນ",
        "id": "Kementerian Keamanan Publik Republik Rakyat Tiongkok",
        "ms": "Kementerian Keselamatan Awam Republik Rakyat China",
        "fil": "Ministri ng Pampublikong Seguridad ng Republikang Bayan ng Tsina",
        "ar": "وزارة الأمن العام في جمهورية الصين الشعبية",
        "fr": "Ministère de la Sécurité publique de la République populaire de Chine",
        "es": "Ministerio de Seguridad Pública de la República Popular China",
        "pt": "Ministério da Segurança Pública da República Popular da China"}),
    ("npa-jp", "NPA", "JP", "ja", INVITED, {"en": "National Police Agency", "ja": "警察庁"}),
    ("mps-vn", "MPS Viet Nam", "VN", "vi", INVITED, {
        "en": "Ministry of Public Security of Viet Nam", "ko": "베트남 공안부",
        "zh_Hans": "越南公安部", "ja": "ベトナム公安省", "vi": "Bộ Công an Việt Nam",
        "th": "กระทรวงความมั่นคงสาธารณะเวียดนาม", "km": "ក្រសួងសន្តិសុខសាធារណៈវៀតណាម",
        "lo": "ກະຊວງປ້ອງກັນຄວາມສະຫງົບ ຫວຽດນາມ", "id": "Kementerian Keamanan Publik Vietnam",
        "ms": "Kementerian Keselamatan Awam Vietnam",
        "fil": "Ministri ng Pampublikong Seguridad ng Vietnam",
        "ar": "وزارة الأمن العام في فييت نام",
        "fr": "Ministère de la Sécurité publique du Viet Nam",
        "es": "Ministerio de Seguridad Pública de Viet Nam",
        "pt": "Ministério da Segurança Pública do Vietnã"}),
    ("polri", "POLRI", "ID", "id", INVITED, {
        "en": "Indonesian National Police", "id": "Kepolisian Negara Republik Indonesia"}),
    ("pdrm", "PDRM", "MY", "ms", INVITED, {
        "en": "Royal Malaysia Police", "ms": "Polis Diraja Malaysia"}),
    ("rbpf", "RBPF", "BN", "ms", INVITED, {
        "en": "Royal Brunei Police Force", "ms": "Pasukan Polis Diraja Brunei"}),
    ("interpol", "INTERPOL", None, "en", BODY, {
        "en": "International Criminal Police Organization (INTERPOL)",
        "fr": "Organisation internationale de police criminelle (INTERPOL)",
        "es": "Organización Internacional de Policía Criminal (INTERPOL)",
        "ar": "المنظمة الدولية للشرطة الجنائية (INTERPOL)"}),
    ("aseanapol", "ASEANAPOL", None, "en", BODY, {
        "en": "ASEAN Chiefs of National Police (ASEANAPOL)",
        "ko": "아세안 경찰청장 회의(ASEANAPOL)", "zh_Hans": "东盟国家警察首长会议（ASEANAPOL）",
        "ja": "ASEAN警察長官会合（ASEANAPOL）",
        "vi": "Hội nghị Tư lệnh Cảnh sát các nước ASEAN (ASEANAPOL)",
        "th": "การประชุมหัวหน้าตำรวจแห่งชาติอาเซียน (ASEANAPOL)",
        "km": "សមាគមប្រធាននគរបាលជាតិអាស៊ាន (ASEANAPOL)",
        "lo": "ກອງປະຊຸມຫົວໜ້າຕຳຫຼວດແຫ່ງຊາດອາຊຽນ (ASEANAPOL)",
        "id": "Kepala Kepolisian Nasional ASEAN (ASEANAPOL)",
        "ms": "Ketua-Ketua Polis Kebangsaan ASEAN (ASEANAPOL)",
        "fil": "Mga Pinuno ng Pambansang Pulisya ng ASEAN (ASEANAPOL)",
        "ar": "رؤساء الشرطة الوطنية في رابطة أمم جنوب شرق آسيا (ASEANAPOL)",
        "fr": "Chefs des polices nationales de l’ASEAN (ASEANAPOL)",
        "es": "Jefes de Policía Nacional de la ASEAN (ASEANAPOL)",
        "pt": "Chefes das Polícias Nacionais da ASEAN (ASEANAPOL)"}),
    ("ameripol", "AMERIPOL", None, "es", BODY, {
        "en": "Police Community of the Americas (AMERIPOL)",
        "es": "Comunidad de Policías de América (AMERIPOL)",
        "pt": "Comunidade de Polícias da América (AMERIPOL)"}),
    ("afripol", "AFRIPOL", None, "fr", BODY, {
        "en": "African Union Mechanism for Police Cooperation (AFRIPOL)",
        "fr": "Mécanisme de l’Union africaine pour la coopération policière (AFRIPOL)",
        "ar": "آلية الاتحاد الأفريقي للتعاون الشرطي (AFRIPOL)",
        "pt": "Mecanismo da União Africana para a Cooperação Policial (AFRIPOL)"}),
]


def create_organisations() -> dict:
    """Every demo organisation by code; one loaded before gets the languages added since."""
    orgs = {}
    for code, acronym, country, language, _category, names in ORGANISATIONS:
        kind = OrganisationKind.NATIONAL_AGENCY if country else OrganisationKind.INTERNATIONAL_BODY
        orgs[code] = get_or_create(Organisation, {"code": code}, acronym=acronym, name=names,
                                   kind=kind, country_code=country, language=language)
        if set(names) - set(orgs[code].name or {}):  # a demo loaded before: add languages
            orgs[code].name = {**names, **(orgs[code].name or {})}
    return orgs

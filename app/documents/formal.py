"""How official documents write dates and sub-paragraph letters in each language.

CLDR (Babel) gives the right date form in some languages (Korean, Japanese) but abbreviates
months or mixes eras in others ("11–12 nov. 2025", "vào 11 – 12 thg 11, 2025", a Thai long date
in the Christian era beside a short one in the Buddhist era). A letter writes dates in full, as
each language's official correspondence does; the tables below were written per language and
take the month names from CLDR (full, "wide" names), so only the sentence shapes are ours.

Three forms:
- `formal_date(d)`: one date, bare ("11 novembre 2025", "11 พฤศจิกายน พ.ศ. 2568"), for a
  sentence that already has its preposition ("avant le {reply_by}", "ภายในวันที่ {reply_by}");
- `formal_dates(start, end)`: the period as a phrase of running text, preposition included
  ("du 11 au 12 novembre 2025", "del 11 al 12 de noviembre de 2025", "ngày 11–12 tháng 11 năm
  2025"; one day: "le 11 novembre 2025"): the `{dates}` of an invitation letter;
- `formal_period(start, end)`: the period standing alone or after a sentence's own words
  ("11–12 novembre 2025"): headers of documents and messages that write "from %(dates)s".

Choices: Thai in the Buddhist era throughout (พ.ศ.); Khmer and Lao in the Christian era with
Latin digits like the rest of the application (their official letters often use their own
digits; the era is the one both governments use on solar dates); Arabic with the month names
used in the Gulf (نوفمبر), as in the correspondence of the United Arab Emirates and Qatar, rather
than the Levantine تشرين الثاني; Portuguese as written in Brazil (1º); Filipino "ika-11 ng
Nobyembre 2025"; Indonesian "sampai dengan"; Malay "dari … hingga …".
"""
from __future__ import annotations

from datetime import date

from babel.dates import get_month_names

from app.i18n import DEFAULT_LOCALE, current_locale

# Per language: the bare date, and the period as running text (one day, same month, same year,
# across years) and standing alone (same month, same year, across years). Fields: {d} {m} {M}
# {y} {be} of one date; {d1} {m1} {M1} {y1} {be1}, {d2}… of the two ends; {D1} {D2} the two
# ends as bare dates. {m} is the full month name, {M} its number, {be} the Buddhist-era year.
_FORMS: dict[str, dict[str, str]] = {
    "en": {"date": "{d} {m} {y}",
           "one": "on {D1}", "month": "from {d1} to {d2} {m1} {y1}",
           "year": "from {d1} {m1} to {d2} {m2} {y1}", "years": "from {D1} to {D2}",
           "s_month": "{d1}–{d2} {m1} {y1}", "s_year": "{d1} {m1} – {d2} {m2} {y1}"},
    "fr": {"date": "{d} {m} {y}",
           "one": "le {D1}", "month": "du {d1} au {d2} {m1} {y1}",
           "year": "du {d1} {m1} au {d2} {m2} {y1}", "years": "du {D1} au {D2}",
           "s_month": "{d1}–{d2} {m1} {y1}", "s_year": "{d1} {m1} – {d2} {m2} {y1}"},
    "es": {"date": "{d} de {m} de {y}",
           "one": "el {D1}", "month": "del {d1} al {d2} de {m1} de {y1}",
           "year": "del {d1} de {m1} al {d2} de {m2} de {y1}", "years": "del {D1} al {D2}",
           "s_month": "{d1}–{d2} de {m1} de {y1}",
           "s_year": "{d1} de {m1} – {d2} de {m2} de {y1}"},
    "pt": {"date": "{d} de {m} de {y}",
           "one": "em {D1}", "month": "de {d1} a {d2} de {m1} de {y1}",
           "year": "de {d1} de {m1} a {d2} de {m2} de {y1}", "years": "de {D1} a {D2}",
           "s_month": "{d1}–{d2} de {m1} de {y1}",
           "s_year": "{d1} de {m1} – {d2} de {m2} de {y1}"},
    "vi": {"date": "{d} tháng {M} năm {y}",
           "one": "ngày {D1}", "month": "ngày {d1}–{d2} tháng {M1} năm {y1}",
           "year": "từ ngày {d1} tháng {M1} đến ngày {d2} tháng {M2} năm {y1}",
           "years": "từ ngày {D1} đến ngày {D2}",
           "s_month": "{d1}–{d2} tháng {M1} năm {y1}",
           "s_year": "{d1} tháng {M1} – {d2} tháng {M2} năm {y1}"},
    "th": {"date": "{d} {m} พ.ศ. {be}",
           "one": "ในวันที่ {D1}", "month": "ระหว่างวันที่ {d1}–{d2} {m1} พ.ศ. {be1}",
           "year": "ระหว่างวันที่ {d1} {m1} – {d2} {m2} พ.ศ. {be1}",
           "years": "ระหว่างวันที่ {D1} – {D2}",
           "s_month": "{d1}–{d2} {m1} พ.ศ. {be1}", "s_year": "{d1} {m1} – {d2} {m2} พ.ศ. {be1}"},
    "km": {"date": "{d} ខែ{m} ឆ្នាំ {y}",
           "one": "នៅថ្ងៃទី {D1}", "month": "ពីថ្ងៃទី {d1} ដល់ថ្ងៃទី {d2} ខែ{m1} ឆ្នាំ {y1}",
           "year": "ពីថ្ងៃទី {d1} ខែ{m1} ដល់ថ្ងៃទី {d2} ខែ{m2} ឆ្នាំ {y1}",
           "years": "ពីថ្ងៃទី {D1} ដល់ថ្ងៃទី {D2}",
           "s_month": "{d1}–{d2} ខែ{m1} ឆ្នាំ {y1}",
           "s_year": "{d1} ខែ{m1} – {d2} ខែ{m2} ឆ្នាំ {y1}"},
    "lo": {"date": "{d} {m} {y}",
           "one": "ໃນວັນທີ {D1}", "month": "ແຕ່ວັນທີ {d1} ຫາ {d2} {m1} {y1}",
           "year": "ແຕ່ວັນທີ {d1} {m1} ຫາ ວັນທີ {d2} {m2} {y1}",
           "years": "ແຕ່ວັນທີ {D1} ຫາ ວັນທີ {D2}",
           "s_month": "{d1}–{d2} {m1} {y1}", "s_year": "{d1} {m1} – {d2} {m2} {y1}"},
    "id": {"date": "{d} {m} {y}",
           "one": "pada tanggal {D1}", "month": "pada tanggal {d1} sampai dengan {d2} {m1} {y1}",
           "year": "pada tanggal {d1} {m1} sampai dengan {d2} {m2} {y1}",
           "years": "pada tanggal {D1} sampai dengan {D2}",
           "s_month": "{d1}–{d2} {m1} {y1}", "s_year": "{d1} {m1} – {d2} {m2} {y1}"},
    "ms": {"date": "{d} {m} {y}",
           "one": "pada {D1}", "month": "dari {d1} hingga {d2} {m1} {y1}",
           "year": "dari {d1} {m1} hingga {d2} {m2} {y1}", "years": "dari {D1} hingga {D2}",
           "s_month": "{d1}–{d2} {m1} {y1}", "s_year": "{d1} {m1} – {d2} {m2} {y1}"},
    "fil": {"date": "ika-{d} ng {m} {y}",
            "one": "sa {D1}", "month": "mula ika-{d1} hanggang ika-{d2} ng {m1} {y1}",
            "year": "mula ika-{d1} ng {m1} hanggang ika-{d2} ng {m2} {y1}",
            "years": "mula {D1} hanggang {D2}",
            "s_month": "ika-{d1} hanggang ika-{d2} ng {m1} {y1}",
            "s_year": "ika-{d1} ng {m1} hanggang ika-{d2} ng {m2} {y1}",
            "s_years": "{D1} hanggang {D2}"},
    "ar": {"date": "{d} {m} {y}",
           "one": "في {D1}", "month": "من {d1} إلى {d2} {m1} {y1}",
           "year": "من {d1} {m1} إلى {d2} {m2} {y1}", "years": "من {D1} إلى {D2}",
           "s_month": "{d1}–{d2} {m1} {y1}", "s_year": "{d1} {m1} – {d2} {m2} {y1}"},
    "ko": {"date": "{y}년 {M}월 {d}일",
           "one": "{D1}", "month": "{y1}년 {M1}월 {d1}일~{d2}일",
           "year": "{y1}년 {M1}월 {d1}일~{M2}월 {d2}일", "years": "{D1}~{D2}"},
    "zh_Hans": {"date": "{y}年{M}月{d}日",
                "one": "{D1}", "month": "{y1}年{M1}月{d1}日至{d2}日",
                "year": "{y1}年{M1}月{d1}日至{M2}月{d2}日", "years": "{D1}至{D2}"},
    "ja": {"date": "{y}年{M}月{d}日",
           "one": "{D1}", "month": "{y1}年{M1}月{d1}日～{d2}日",
           "year": "{y1}年{M1}月{d1}日～{M2}月{d2}日", "years": "{D1}～{D2}"},
}
# Standing alone, a period across years is its two dates joined by a spaced en dash (Korean,
# Chinese and Japanese write the period one way, alone or in a sentence).
_ACROSS_YEARS = {"s_years": "{D1} – {D2}"}
_FIRST_OF_MONTH = {"fr": "1er", "pt": "1º"}


def _locale(lang: str | None) -> str:
    code = lang or current_locale()
    return code if code in _FORMS else DEFAULT_LOCALE


def _fields(day: date, lang: str, suffix: str = "") -> dict[str, str]:
    month = get_month_names("wide", "format", locale=lang if lang != "zh_Hans" else "zh")
    number = _FIRST_OF_MONTH.get(lang, "1") if day.day == 1 else str(day.day)
    return {f"d{suffix}": number, f"m{suffix}": month[day.month], f"M{suffix}": str(day.month),
            f"y{suffix}": str(day.year), f"be{suffix}": str(day.year + 543)}


def formal_date(day: date | None, lang: str | None = None) -> str:
    """One date as official correspondence writes it in `lang` (default: the current locale)."""
    if day is None:
        return ""
    code = _locale(lang)
    return _FORMS[code]["date"].format(**_fields(day, code))


def _period(start: date, end: date, lang: str | None, running: bool) -> str:
    code = _locale(lang)
    forms = {**_ACROSS_YEARS, **_FORMS[code]} if "s_month" in _FORMS[code] else _FORMS[code]
    if end < start:
        start, end = end, start
    values = {**_fields(start, code, "1"), **_fields(end, code, "2"),
              "D1": formal_date(start, code), "D2": formal_date(end, code)}
    if start == end:
        shape = "one" if running else "date"
        return forms[shape].format(**values, **_fields(start, code))
    shape = ("month" if (start.year, start.month) == (end.year, end.month)
             else "year" if start.year == end.year else "years")
    if not running and f"s_{shape}" in forms:
        shape = f"s_{shape}"
    return forms[shape].format(**values)


def formal_dates(start: date, end: date, lang: str | None = None) -> str:
    """The period as a phrase of running text, preposition included: a letter's `{dates}`."""
    return _period(start, end, lang, running=True)


def formal_period(start: date, end: date, lang: str | None = None) -> str:
    """The period standing alone (a document's header, "from %(dates)s" in a sentence)."""
    return _period(start, end, lang, running=False)


# Sub-paragraphs of a resolution's operative paragraphs: (a) (b) (c)… in Latin-script texts
# and in the UN's Chinese texts (which keep (a) (b)); the first letters of the alphabet as
# official texts use them elsewhere: Arabic in the abjad order of UN Arabic texts (أ ب ج د…),
# Thai ก ข ค as Thai government documents do (skipping the obsolete ฃ ฅ), Khmer ក ខ គ and Lao
# ກ ຂ ຄ likewise; Japanese as Japanese official texts (and treaties) number items: (a) (b) too.
_SUB_LETTERS = {
    "ar": "أ ب ج د هـ و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ".split(),
    "th": "ก ข ค ง จ ฉ ช ซ ฌ ญ ฎ ฏ ฐ ฑ ฒ ณ ด ต ถ ท ธ น บ ป ผ ฝ พ ฟ ภ ม ย ร ล ว ศ ษ ส ห ฬ อ ฮ"
          .split(),
    "km": "ក ខ គ ឃ ង ច ឆ ជ ឈ ញ ដ ឋ ឌ ឍ ណ ត ថ ទ ធ ន ប ផ ព ភ ម យ រ ល វ ស ហ ឡ អ".split(),
    "lo": "ກ ຂ ຄ ງ ຈ ສ ຊ ຍ ດ ຕ ຖ ທ ນ ບ ປ ຜ ຝ ພ ຟ ມ ຢ ຣ ລ ວ ຫ ອ ຮ".split(),
}
_LATIN = "abcdefghijklmnopqrstuvwxyz"


def sub_paragraph_label(index: int, lang: str | None = None) -> str:
    """The label of the `index`-th (from 0) sub-paragraph in a text in `lang`: "(a)", "(أ)",
    "(ก)"…; past the alphabet, the letters double ("(aa)")."""
    letters = _SUB_LETTERS.get(lang or current_locale(), _LATIN)
    count = len(letters)
    letter = letters[index % count] * (index // count + 1)
    return f"({letter})"

"""Dates, country names and sub-paragraph letters as official documents write them, per
language (app.documents.formal, app.documents.countries)."""
from __future__ import annotations

from datetime import date

import pytest

from app.documents.countries import FORMAL_NAMES, formal_country_name
from app.documents.formal import formal_date, formal_dates, formal_period, sub_paragraph_label
from app.i18n import LOCALES

SAME_MONTH = (date(2025, 11, 11), date(2025, 11, 12))
ACROSS_MONTHS = (date(2025, 11, 28), date(2025, 12, 2))
ACROSS_YEARS = (date(2025, 12, 28), date(2026, 1, 3))

# Per language: same month, across months, across years, one day ({dates} of a letter), and
# one bare date ({start}, {end}, {reply_by}).
EXPECTED = {
    "en": (
        "from 11 to 12 November 2025",
        "from 28 November to 2 December 2025",
        "from 28 December 2025 to 3 January 2026",
        "on 11 November 2025",
        "11 November 2025",
    ),
    "ko": (
        "2025년 11월 11일~12일",
        "2025년 11월 28일~12월 2일",
        "2025년 12월 28일~2026년 1월 3일",
        "2025년 11월 11일",
        "2025년 11월 11일",
    ),
    "zh_Hans": (
        "2025年11月11日至12日",
        "2025年11月28日至12月2日",
        "2025年12月28日至2026年1月3日",
        "2025年11月11日",
        "2025年11月11日",
    ),
    "ja": (
        "2025年11月11日～12日",
        "2025年11月28日～12月2日",
        "2025年12月28日～2026年1月3日",
        "2025年11月11日",
        "2025年11月11日",
    ),
    "vi": (
        "ngày 11–12 tháng 11 năm 2025",
        "từ ngày 28 tháng 11 đến ngày 2 tháng 12 năm 2025",
        "từ ngày 28 tháng 12 năm 2025 đến ngày 3 tháng 1 năm 2026",
        "ngày 11 tháng 11 năm 2025",
        "11 tháng 11 năm 2025",
    ),
    "th": (
        "ระหว่างวันที่ 11–12 พฤศจิกายน พ.ศ. 2568",
        "ระหว่างวันที่ 28 พฤศจิกายน – 2 ธันวาคม พ.ศ. 2568",
        "ระหว่างวันที่ 28 ธันวาคม พ.ศ. 2568 – 3 มกราคม พ.ศ. 2569",
        "ในวันที่ 11 พฤศจิกายน พ.ศ. 2568",
        "11 พฤศจิกายน พ.ศ. 2568",
    ),
    "km": (
        "ពីថ្ងៃទី 11 ដល់ថ្ងៃទី 12 ខែវិច្ឆិកា ឆ្នាំ 2025",
        "ពីថ្ងៃទី 28 ខែវិច្ឆិកា ដល់ថ្ងៃទី 2 ខែធ្នូ ឆ្នាំ 2025",
        "ពីថ្ងៃទី 28 ខែធ្នូ ឆ្នាំ 2025 ដល់ថ្ងៃទី 3 ខែមករា ឆ្នាំ 2026",
        "នៅថ្ងៃទី 11 ខែវិច្ឆិកា ឆ្នាំ 2025",
        "11 ខែវិច្ឆិកា ឆ្នាំ 2025",
    ),
    "lo": (
        "ແຕ່ວັນທີ 11 ຫາ 12 ພະຈິກ 2025",
        "ແຕ່ວັນທີ 28 ພະຈິກ ຫາ ວັນທີ 2 ທັນວາ 2025",
        "ແຕ່ວັນທີ 28 ທັນວາ 2025 ຫາ ວັນທີ 3 ມັງກອນ 2026",
        "ໃນວັນທີ 11 ພະຈິກ 2025",
        "11 ພະຈິກ 2025",
    ),
    "id": (
        "pada tanggal 11 sampai dengan 12 November 2025",
        "pada tanggal 28 November sampai dengan 2 Desember 2025",
        "pada tanggal 28 Desember 2025 sampai dengan 3 Januari 2026",
        "pada tanggal 11 November 2025",
        "11 November 2025",
    ),
    "ms": (
        "dari 11 hingga 12 November 2025",
        "dari 28 November hingga 2 Disember 2025",
        "dari 28 Disember 2025 hingga 3 Januari 2026",
        "pada 11 November 2025",
        "11 November 2025",
    ),
    "fil": (
        "mula ika-11 hanggang ika-12 ng Nobyembre 2025",
        "mula ika-28 ng Nobyembre hanggang ika-2 ng Disyembre 2025",
        "mula ika-28 ng Disyembre 2025 hanggang ika-3 ng Enero 2026",
        "sa ika-11 ng Nobyembre 2025",
        "ika-11 ng Nobyembre 2025",
    ),
    "ar": (
        "من 11 إلى 12 نوفمبر 2025",
        "من 28 نوفمبر إلى 2 ديسمبر 2025",
        "من 28 ديسمبر 2025 إلى 3 يناير 2026",
        "في 11 نوفمبر 2025",
        "11 نوفمبر 2025",
    ),
    "fr": (
        "du 11 au 12 novembre 2025",
        "du 28 novembre au 2 décembre 2025",
        "du 28 décembre 2025 au 3 janvier 2026",
        "le 11 novembre 2025",
        "11 novembre 2025",
    ),
    "es": (
        "del 11 al 12 de noviembre de 2025",
        "del 28 de noviembre al 2 de diciembre de 2025",
        "del 28 de diciembre de 2025 al 3 de enero de 2026",
        "el 11 de noviembre de 2025",
        "11 de noviembre de 2025",
    ),
    "pt": (
        "de 11 a 12 de novembro de 2025",
        "de 28 de novembro a 2 de dezembro de 2025",
        "de 28 de dezembro de 2025 a 3 de janeiro de 2026",
        "em 11 de novembro de 2025",
        "11 de novembro de 2025",
    ),
}


def test_every_language_has_its_forms():
    assert set(EXPECTED) == set(LOCALES)


@pytest.mark.parametrize("lang", LOCALES)
def test_letter_dates_per_language(lang):
    same, months, years, one, bare = EXPECTED[lang]
    assert formal_dates(*SAME_MONTH, lang) == same
    assert formal_dates(*ACROSS_MONTHS, lang) == months
    assert formal_dates(*ACROSS_YEARS, lang) == years
    assert formal_dates(SAME_MONTH[0], SAME_MONTH[0], lang) == one
    assert formal_date(SAME_MONTH[0], lang) == bare
    # months in full: never CLDR's abbreviations
    for text in (same, months, years):
        assert not any(short in text for short in ("nov.", "thg", " nov ", "Nob ", "déc."))


def test_thai_is_in_one_era_the_buddhist_one():
    text = formal_dates(*ACROSS_YEARS, "th") + formal_period(*ACROSS_YEARS, "th")
    assert "ค.ศ." not in text and "2025" not in text and "2026" not in text
    assert "พ.ศ. 2568" in text and "พ.ศ. 2569" in text


def test_first_of_the_month_and_reversed_ends():
    assert formal_date(date(2025, 12, 1), "fr") == "1er décembre 2025"
    assert formal_date(date(2025, 12, 1), "pt") == "1º de dezembro de 2025"
    assert formal_dates(date(2025, 12, 1), date(2025, 12, 3), "fr") == "du 1er au 3 décembre 2025"
    assert formal_dates(date(2025, 11, 12), date(2025, 11, 11), "es") == \
        "del 11 al 12 de noviembre de 2025"


@pytest.mark.parametrize(("lang", "same", "years"), [
    ("fr", "11–12 novembre 2025", "28 décembre 2025 – 3 janvier 2026"),
    ("es", "11–12 de noviembre de 2025", "28 de diciembre de 2025 – 3 de enero de 2026"),
    ("vi", "11–12 tháng 11 năm 2025", "28 tháng 12 năm 2025 – 3 tháng 1 năm 2026"),
    ("th", "11–12 พฤศจิกายน พ.ศ. 2568", "28 ธันวาคม พ.ศ. 2568 – 3 มกราคม พ.ศ. 2569"),
    ("ko", "2025년 11월 11일~12일", "2025년 12월 28일~2026년 1월 3일"),
    ("ja", "2025年11月11日～12日", "2025年12月28日～2026年1月3日"),
    ("fil", "ika-11 hanggang ika-12 ng Nobyembre 2025",
     "ika-28 ng Disyembre 2025 hanggang ika-3 ng Enero 2026"),
])
def test_period_standing_alone(lang, same, years):
    """Headers of documents, and sentences that bring their own preposition."""
    assert formal_period(*SAME_MONTH, lang) == same
    assert formal_period(*ACROSS_YEARS, lang) == years


@pytest.mark.parametrize(("lang", "first", "second", "third"), [
    ("en", "(a)", "(b)", "(c)"), ("fr", "(a)", "(b)", "(c)"), ("zh_Hans", "(a)", "(b)", "(c)"),
    ("ja", "(a)", "(b)", "(c)"), ("ar", "(أ)", "(ب)", "(ج)"), ("th", "(ก)", "(ข)", "(ค)"),
    ("km", "(ក)", "(ខ)", "(គ)"), ("lo", "(ກ)", "(ຂ)", "(ຄ)"),
])
def test_sub_paragraph_letters_per_language(lang, first, second, third):
    assert [sub_paragraph_label(i, lang) for i in range(3)] == [first, second, third]


def test_sub_paragraph_letters_continue_past_the_alphabet():
    assert sub_paragraph_label(26, "en") == "(aa)"
    assert sub_paragraph_label(3, "ar") == "(د)"


def test_formal_country_names_in_every_language():
    for code, names in FORMAL_NAMES.items():
        assert set(names) == set(LOCALES), code
        assert all(name.strip() == name and name for name in names.values()), code
    assert formal_country_name("KR", "en") == "Republic of Korea"
    assert formal_country_name("LA", "en") == "Lao People's Democratic Republic"
    assert formal_country_name("TH", "en") == "Kingdom of Thailand"
    assert formal_country_name("KR", "fr") == "République de Corée"
    assert formal_country_name("KR", "ar") == "جمهورية كوريا"
    assert formal_country_name("TH", "th") == "ราชอาณาจักรไทย"
    assert formal_country_name("kh", "km") == "ព្រះរាជាណាចក្រកម្ពុជា"
    # a country outside the table: CLDR's name in that language
    assert formal_country_name("FR", "es") == "Francia"
    assert formal_country_name(None, "en") == ""


def test_the_demo_countries_have_formal_names():
    from app.demo.organisations import ORGANISATIONS

    countries = {country for _c, _a, country, *_rest in ORGANISATIONS if country}
    assert countries <= set(FORMAL_NAMES)

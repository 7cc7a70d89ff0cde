"""The catalogues through translate-toolkit's pofilter: the checks that must stay clean.

`variables` and `printf`: every translation keeps the placeholders of its message (a lost
%(name)s prints nothing; a stray one raises KeyError). The one exception the languages need:
Arabic writes zero, one and two in words ("لا رحلات", "دقيقة واحدة", "دقيقتان"), so its plural
forms 0, 1 and 2 may leave out the count (%(num)d, %(minutes)d: the %(…)d of the message).

`brackets`: pofilter counts the "(" of "%(name)s" and does not know that Chinese and Japanese
write full-width brackets or that a translation may add its own ("accrédité(e)"); what must
hold is that the brackets of each flagged translation, placeholders aside, are balanced.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ("ko", "zh_Hans", "ja", "vi", "th", "km", "lo", "id", "ms", "fil", "ar", "fr", "es",
           "pt")
PLACEHOLDER = re.compile(r"%\([A-Za-z_]+\)[sdif]|%[sdif]")
PAIRS = {")": "(", "]": "[", "}": "{", "）": "（", "】": "【", "」": "「", "』": "『",
         "»": "«"}
ARABIC_WORDED_FORMS = {0, 1, 2}


def _pofilter() -> Path:
    tool = Path(sys.executable).with_name("pofilter")
    if not tool.exists():
        pytest.fail("pofilter is missing: translate-toolkit is a test extra (make install)")
    return tool


@pytest.fixture(scope="module")
def findings(tmp_path_factory) -> dict[str, list]:
    out = tmp_path_factory.mktemp("pofilter")
    subprocess.run([str(_pofilter()), "--progress=none", "-t", "variables", "-t", "printf",
                    "-t", "brackets", "-i", str(ROOT / "translations"), "-o", str(out)],
                   check=True, capture_output=True)
    found = {}
    for locale in LOCALES:
        path = out / locale / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as handle:
            found[locale] = [m for m in read_po(handle, locale=locale.replace("_Hans", ""))
                             if m.id and any("(pofilter)" in c for c in m.user_comments)]
    return found


def _forms(message) -> tuple[list[str], list[str]]:
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    strs = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
    return ids, strs


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _balanced(text: str) -> bool:
    stack = []
    for char in PLACEHOLDER.sub("", text):
        if char in PAIRS.values() and not (char == "«" and "»" not in text):
            stack.append(char)
        elif char in PAIRS:
            if not stack or stack.pop() != PAIRS[char]:
                return False
    return not stack


def _placeholder_problems(locale: str, message) -> list[str]:
    ids, strs = _forms(message)
    wanted = set().union(*(_placeholders(text) for text in ids))
    problems = []
    for form, text in enumerate(strs):
        counts = {p for p in _placeholders(ids[0]) if p.endswith("d")}
        worded = locale == "ar" and len(ids) > 1 and form in ARABIC_WORDED_FORMS
        allowed_missing = counts if worded else set()
        missing = wanted - _placeholders(text) - allowed_missing
        extra = _placeholders(text) - wanted
        if missing or extra:
            problems.append(f"form {form}: missing {sorted(missing)} extra {sorted(extra)}")
    return problems


@pytest.mark.parametrize("locale", LOCALES)
def test_pofilter_placeholders_are_kept(findings, locale):
    wrong = []
    for message in findings[locale]:
        checks = " ".join(message.user_comments)
        if "printf:" in checks or "variables:" in checks:
            problems = _placeholder_problems(locale, message)
            if problems:
                wrong.append((_forms(message)[0][0], checks, problems))
    assert wrong == []


@pytest.mark.parametrize("locale", LOCALES)
def test_pofilter_brackets_flag_only_balanced_translations(findings, locale):
    unbalanced = [(_forms(m)[0][0], text) for m in findings[locale]
                  if "brackets:" in " ".join(m.user_comments)
                  for text in _forms(m)[1] if not _balanced(text)]
    assert unbalanced == []


def test_the_arabic_exception_is_what_pofilter_reports():
    """The Arabic plural exception is there because pofilter does report those forms: the
    filter sees them, and only them, through the exception."""
    with (ROOT / "translations/ar/LC_MESSAGES/messages.po").open("rb") as handle:
        plurals = [m for m in read_po(handle, locale="ar")
                   if m.id and isinstance(m.id, tuple | list) and "%(num)d" in m.id[0]]
    worded = [m for m in plurals if any("%(num)d" not in text for text in m.string)]
    assert worded, "no Arabic plural writes its number in words any more: drop the exception"
    assert all(_placeholder_problems("ar", m) == [] for m in plurals)


def test_the_placeholder_check_catches_a_lost_placeholder():
    from babel.messages.catalog import Message

    lost = Message(("%(num)d minute", "%(num)d minutes"),
                   ("دقيقة", "دقيقة واحدة", "دقيقتان", "دقائق", "دقيقة", "دقيقة"))
    assert _placeholder_problems("ar", lost) == [
        "form 3: missing ['%(num)d'] extra []", "form 4: missing ['%(num)d'] extra []",
        "form 5: missing ['%(num)d'] extra []"]
    assert _placeholder_problems("fr", Message("Hello %(name)s", "Bonjour %(nom)s")) == [
        "form 0: missing ['%(name)s'] extra ['%(nom)s']"]
    assert not _balanced("Réunion (%(symbol)s") and _balanced("会议（%(symbol)s）")


@pytest.mark.parametrize("locale", ["th", "km"])
def test_untranslated_looking_phrases_of_thai_and_khmer_have_no_latin_comma(tmp_path, locale):
    """pofilter's `unchanged` lists the translations equal to the English (placeholders joined
    by punctuation): in Thai and Khmer their parts are separated by a space. (Lao writes Latin
    commas and semicolons in modern texts, so it is not held to this.)"""
    out = tmp_path / f"{locale}.po"
    subprocess.run([str(_pofilter()), "--progress=none", "-t", "unchanged",
                    str(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"),
                    str(out)], check=True, capture_output=True)
    with out.open("rb") as handle:
        unchanged = [m for m in read_po(handle, locale=locale) if m.id]
    assert unchanged, "pofilter reported nothing: the check did not run"
    assert [m.id for m in unchanged
            if any("," in text or ";" in text for text in _forms(m)[1])] == []

"""What a native reader trips over, checked over whole catalogues (issue 23): French
typography, the Arabic respectful plural, one word per concept (ms, id, vi, ja, fil, pt),
member agencies rather than member states (ko, zh, ja), Korean particles on fixed nouns, and
no sentence with a count outside ngettext (over the POT). Fixes: scripts/native_catalogue_fixes.py.
"""
from __future__ import annotations

import re
import sys

import pytest
from babel.messages.pofile import read_po

from app.config import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from native_catalogue_fixes import ARABIC_PLURAL  # noqa: E402


def _messages(locale: str):
    """(msgid, translation) for every form of every message of a catalogue."""
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = [message.string] if isinstance(message.string, str) else message.string
        for text in strings:
            if text:
                yield msgid, text


def _offending(locale: str, pattern: str, flags=0) -> list[str]:
    return [f"{msgid!r} → {text!r}" for msgid, text in _messages(locale)
            if re.search(pattern, text, flags)]


def test_french_no_break_spaces():
    """U+00A0 before ':' and inside « », U+202F before ; ? ! — never a plain space or none."""
    bad = []
    for msgid, text in _messages("fr"):
        problems = []
        if re.search(r"(?<=[^\u00a0])(?<!^):(?=\s|$)", text):
            problems.append("':' without U+00A0")
        if re.search(r"(?<=[^\u202f])[;?!](?=\s|$|[»\"”)\]])", text):
            problems.append("; ? ! without U+202F")
        if re.search(r"«(?!\u00a0)|(?<!\u00a0)»", text):
            problems.append("« » without U+00A0")
        if re.search(r"[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]", text):
            problems.append("straight apostrophe")
        if problems:
            bad.append(f"{msgid!r}: {', '.join(problems)}")
    assert bad == []


def test_french_greeting_is_formal():
    found = dict((msgid, text) for msgid, text in _messages("fr") if msgid == "Dear %(name)s,")
    assert "Madame, Monsieur," in found["Dear %(name)s,"]
    assert not _offending("fr", r"^Bonjour\b")


@pytest.mark.parametrize("locale, forbidden", [
    ("es", r"Estimado/a|Estimad[oa]\(a\)"), ("pt", r"Prezado\(a\)|Prezado/a"),
    ("ar", r"المحترم/المحترمة")])
def test_greetings_avoid_slash_forms(locale, forbidden):
    assert _offending(locale, forbidden) == []


def test_arabic_addresses_the_reader_in_the_plural():
    word = r"[\u0600-\u06ff]"
    long_forms = [form for form in ARABIC_PLURAL if len(form) > 2]
    short_forms = [form for form in ARABIC_PLURAL if len(form) <= 2]
    pattern = (rf"(?<!{word})(?:[وف]?(?:{'|'.join(long_forms)})|{'|'.join(short_forms)})"
               rf"(?!{word})")
    assert _offending("ar", pattern) == []


def test_malay_glossary():
    """ms: delegasi (delegation), ketua delegasi (its head), wakil (delegate); 'peringatan'
    only for a warning, never a reminder."""
    assert _offending("ms", r"(?i)\bperwakilan") == []
    assert [m for m, t in _messages("ms")
            if re.search(r"(?i)\bperingatan\b", t) and "warn" not in m.lower()] == []
    heads = [(m, t) for m, t in _messages("ms") if re.search(r"(?i)heads? of delegation", m)]
    assert heads and all(re.search(r"(?i)ketua delegasi", t) for m, t in heads)


def test_indonesian_glossary():
    """id: delegasi is the delegation, utusan the delegate; no 'menyesalkan' (deplore)."""
    delegates = [(m, t) for m, t in _messages("id")
                 if re.search(r"(?i)\bdelegates?\b|delegate's", m) and "delegation" not in m]
    assert delegates and [m for m, t in delegates if re.search(r"(?i)\bdelegasi\b", t)] == []
    assert _offending("id", r"(?i)menyesalkan") == []
    heads = [(m, t) for m, t in _messages("id") if re.search(r"(?i)heads? of delegation", m)]
    assert all(re.search(r"(?i)ketua delegasi", t) for m, t in heads)


@pytest.mark.parametrize("locale, forbidden", [
    ("ko", r"회원국"), ("zh_Hans", r"成员国|会员国"), ("ja", r"加盟国"),
    # Korean: particles attach to a fixed noun, not written as 을(를), 이(가), 은(는), (으)로
    ("ko", r"\((?:을|를|이|가|은|는|와|과|으)\)"),
    # Japanese: 貴殿/ご自身 in formal text; one word for the meeting (会議)
    ("ja", r"あなた|会合"),
    # Vietnamese: one word for the meeting (hội nghị); a reminder is not "Nhắc lại"
    ("vi", r"(?i)cuộc họp|nhắc lại"),
    # Filipino words where Filipino has them
    ("fil", r"(?i)\btime zone\b|\binterpreter\b|\bmobile phone\b|\bCSV file\b"),
    # Portuguese: Brazilian throughout
    ("pt", r"(?i)\bficheiros?\b|\bcontactos?\b|\bregistos?\b|\butilizador|telemóvel|\becrã"),
])
def test_forbidden_forms(locale, forbidden):
    assert _offending(locale, forbidden) == []


def test_filipino_short_labels_are_filipino():
    labels = {m: t for m, t in _messages("fil")
              if m in {"Key", "Interpreter", "Mobile phone", "CSV file", "Time zone"}}
    assert labels and all(t != m for m, t in labels.items())


# --- Sentences with a count are plural messages ---------------------------------------------
# Reviewed exceptions: the number is an identifier, a version, a line, a unit symbol, a bare
# fraction with no noun, or a label followed by the number.
NOT_A_COUNT = {
    "%(min)d min %(sec)02d s": "unit symbols, invariable",
    "%(sec)d s": "unit symbol, invariable",
    "%(symbol)s, amendment %(number)d": "ordinal identifier",
    "%(taken)d of %(allotment)d": "bare fraction, no noun",
    "%(taken)d of %(quota)d": "bare fraction, no noun",
    "%(taken)d of %(seats)d": "bare fraction, no noun",
    "Changes from version %(old)d to version %(new)d": "version numbers",
    "Changes since version %(number)d:": "version number",
    "Last published: version %(number)d, %(date)s.": "version number",
    "Line %(line)d: %(message)s": "line number",
    "Organisation repeated (first on line %(line)d).": "line number",
    "Participants told by e-mail: %(num)d.": "label, then the number",
    "Preambular paragraph %(num)d": "ordinal identifier",
    "Room %(number)d": "ordinal identifier",
    "Room %(number)d, shared with %(names)s": "ordinal identifier",
    "Version %(num)d": "version number",
    "Version %(number)d of the agenda has been published.": "version number",
    "Version %(number)d, published %(date)s": "version number",
    "Vote %(number)d": "ordinal identifier",
    "Vote %(number)d is open.": "ordinal identifier",
    "The attachments are too large together (at most %(size)d MB).": "unit symbol MB",
    "The file is too large (at most %(size)d MB).": "unit symbol MB",
    "The recipients changed since the preview (now %(num)d): check the preview again.":
        "the number stands alone in parentheses",
    "Give a number from 1 to %(max)d, or leave it blank.": "a range of numbers, no noun",
    "Field must be between %(min)d and %(max)d characters long.":
        "WTForms' own msgid (validators.Length), looked up by WTForms as it is",
    "The allotment is a number of rooms per night, from 0 to %(most)d.":
        "a range of numbers after the noun",
}
# Not yet converted. Shrink this set; never grow it.
NOT_YET_PLURAL: set[str] = set()


def test_sentences_with_a_count_are_plural_messages():
    with (ROOT / "translations" / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    singular = {m.id for m in template
                if isinstance(m.id, str) and re.search(r"%\(\w+\)\d*d", m.id)}
    unreviewed = singular - set(NOT_A_COUNT) - NOT_YET_PLURAL
    assert unreviewed == set(), "use ngettext, or add a reviewed reason to NOT_A_COUNT"


# --- Status words: one context per noun, the legend speaks like the labels -----------------
def _translation(locale: str, msgid: str, context: str | None = None) -> str:
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        message = read_po(handle, locale=locale).get(msgid, context=context)
    assert message is not None and message.string, (locale, context, msgid)
    return message.string


REGISTRATION, RESOLUTION, MINUTES, INVITATION = (
    "status of a registration", "status of a resolution", "status of the minutes",
    "answer to an invitation")


@pytest.mark.parametrize("locale", ["km", "es", "pt", "id", "ms", "fil", "fr", "ar", "vi"])
def test_adopted_is_not_approved_and_declined_is_not_rejected(locale):
    adopted = _translation(locale, "Adopted", RESOLUTION)
    assert adopted != _translation(locale, "Approved", REGISTRATION)
    assert adopted != _translation(locale, "Approved", MINUTES)
    assert _translation(locale, "Declined", INVITATION) != \
        _translation(locale, "Rejected", REGISTRATION)


@pytest.mark.parametrize("locale, ending", [("fr", "ée"), ("es", "a"), ("pt", "a")])
def test_status_agrees_with_its_feminine_noun(locale, ending):
    """Registration (inscription, inscripción, inscrição), resolution and invitation are
    feminine in French, Spanish and Portuguese: so are their status words."""
    for context, msgid in [(REGISTRATION, "Approved"), (REGISTRATION, "Rejected"),
                           (REGISTRATION, "Cancelled"), (RESOLUTION, "Adopted"),
                           (RESOLUTION, "Rejected"), (INVITATION, "Accepted")]:
        assert _translation(locale, msgid, context).endswith(ending), (context, msgid)


@pytest.mark.parametrize("locale", ["ko", "zh_Hans", "ja", "vi", "th", "km", "lo", "id", "ms",
                                    "fil", "ar", "fr", "es", "pt"])
def test_translations_legend_uses_the_status_labels(locale):
    legend = _translation(locale, "✓ verified · … draft translation · — missing").casefold()
    assert _translation(locale, "Verified").casefold() in legend
    assert _translation(locale, "Draft translation").casefold() in legend

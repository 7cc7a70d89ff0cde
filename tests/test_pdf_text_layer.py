"""The PDFs' text layer reads back true (issue 18): every drawn glyph has a Unicode value, and
poppler's pdftotext and pypdf each keep at least 99.5 % of the source's characters of each
script, in order (tests/pdf_text.py defines the measure)."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

import pytest
from flask import g
from sqlalchemy import select

from app.documents.pdf import render_pdf
from tests.pdf_text import (
    glyph_counts,
    html_text,
    pdftotext_text,
    pypdf_text,
    script_lcs_shares,
    script_shares,
)

pytestmark = pytest.mark.one_database  # format checks (tests/conftest.py)

LOCALES = ["en", "ko", "zh_Hans", "ja", "vi", "th", "km", "lo", "id", "ms", "fil", "ar", "fr",
           "es", "pt"]
TARGET = 0.995

# The phrases of the bug report, each in a block of its own script and direction.
SAMPLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="css/print.css"></head><body>
<p lang="th">สำนักงาน คำสั่ง น้ำ ที่ประชุมรับรองระเบียบวาระ</p>
<p lang="km">សុក្រ សមាជិក កោះ ស្ត្រី ខ្មែរ ការអនុម័តរបៀបវារៈ</p>
<p lang="lo">ສຳນັກງານ ການຮັບຮອງວາລະກອງປະຊຸມ</p>
<p lang="ko">의제 채택</p><p lang="zh-Hans">通过议程</p><p lang="ja">議題の採択</p>
<p lang="vi">Thông qua chương trình nghị sự</p>
<p>office final — “quoted”</p>
</body></html>"""
SAMPLE_RTL = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>t</title><link rel="stylesheet" href="css/print.css"></head><body>
<p>الاجتماع الأول للدول الأعضاء، سيول، 11–12 نوفمبر 2025</p>
<p>إقرار جدول الأعمال وانتخاب أعضاء المكتب (BC/1/1)</p>
</body></html>"""

# An English sentence of more than 60 characters quoted in an Arabic line.
LATIN_IN_ARABIC = 'قال: "The Conference adopted the agenda as amended (BC/1/1/Rev.1)." انتهى'


def _check(pdf: bytes, source: str) -> None:
    drawn, unmapped = glyph_counts(pdf)
    assert drawn > 0 and unmapped == 0, f"{unmapped} of {drawn} glyphs without Unicode value"
    for name, text in (("pdftotext", pdftotext_text(pdf)), ("pypdf", pypdf_text(pdf))):
        shares = script_shares(source, text)
        assert shares, name
        low = {script: round(share, 4) for script, share in shares.items() if share < TARGET}
        assert not low, f"{name} keeps too little of {low}"


def test_measure_counts_order_and_unmapped_glyphs():
    """The measure itself: a reordered or dropped character lowers the share of its script."""
    assert script_shares("สำนักงาน ที่", "สานักงาน ที่")["Thai"] == 3 / 11
    assert script_shares("11–12 نوفمبر", "12–11 نوفمبر") == {"Zyyy": 0, "Arab": 1}
    assert script_shares("សុក្រ", "ស\u200bុក្រ\u2060")["Khmr"] == 1  # invisible ones
    assert script_shares("ab cd", "cd\nab") == {"Latn": 1}  # blocks in another order
    assert script_lcs_shares("abc", "c b a")["Latn"] == 1 / 3
    assert script_shares("Breaking Chains", "BREAKING CHAINS") == {"Latn": 1}  # text-transform
    # a word of a script without spaces, broken over two lines of a table cell, the next
    # cell read between its pieces: kept; in the wrong order, cut inside a token or picked
    # up far away: lost
    word = "AFRIPOLとの協力"
    assert set(script_shares(word, "AFRIPOLと 14:00\nの協力").values()) == {1}
    assert set(script_shares(word, "の協力\nAFRIPOLと").values()) == {0}
    assert set(script_shares(word, "AFRIPOLとX 14:00\nの協力").values()) == {0}
    assert set(script_shares(word, "AFRIPOLと\n1\n2\n3\n4\nの協力").values()) == {0}


def test_sample_of_every_script_reads_back(app):
    with app.test_request_context():
        pdf = render_pdf(SAMPLE)
    _check(pdf, html_text(SAMPLE))


# Where a document does not reach the bar, what is asserted instead, and why (issue 18).
# pdftotext: the lowest share of any script of the document.
SHORT: dict[tuple[str, str, str], tuple[float, str]] = {}
# (lang, kind, extractor) -> (floor, why): none left. The last one was the Arabic parallel
# text with pdftotext, whose pages hold more Latin letters than Arabic ones (see
# test_poppler_gives_a_page_one_direction).
# pypdf has no bidirectional algorithm and ignores ActualText: it reads glyphs in the order
# of the content stream and reverses each stretch of right-to-left characters. The text layer
# writes a line holding right-to-left text in slices, in reading order, that this rule gives
# back in order (app/documents/text_layer.py, _reading_order), so pypdf is held to the same
# bar as poppler in every locale.


def _visible(text: str) -> str:
    """The text without the bidirectional controls pdftotext writes around runs, nor the
    WORD JOINERs of glyphs that only complete the text of another (app/documents/text_layer.py)."""
    return re.sub("[\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069]", "", text)


def _problems(pdf: bytes, source: str, lang: str, kind: str) -> list[str]:
    """What keeps the PDF of `source` (a `kind` of document in `lang`) below the bar."""
    problems = []
    drawn, unmapped = glyph_counts(pdf)
    if not drawn or unmapped:
        problems.append(f"{kind}: {unmapped} of {drawn} glyphs without Unicode value")
    for name, text in (("pdftotext", pdftotext_text(pdf)), ("pypdf", pypdf_text(pdf))):
        shares = script_shares(source, text)
        floor = {script: SHORT.get((lang, kind, name), (TARGET,))[0] for script in shares}
        low = {script: round(share, 4) for script, share in shares.items()
               if share < floor[script]}
        if low or not shares:
            problems.append(f"{kind}, {name}: {low}")
    return problems


def test_right_to_left_sample_keeps_marks_digits_and_order(app):
    """Both extractors read a right-to-left page in reading order, numbers, parentheses and
    the Arabic comma included."""
    with app.test_request_context():
        pdf = render_pdf(SAMPLE_RTL)
    source = html_text(SAMPLE_RTL)
    drawn, unmapped = glyph_counts(pdf)
    assert drawn > 0 and unmapped == 0
    for text in (pdftotext_text(pdf), pypdf_text(pdf)):
        shares = script_shares(source, text)
        assert min(shares.values()) >= TARGET, shares
        assert "11–12 نوفمبر 2025" in _visible(text)
        assert "(BC/1/1)" in _visible(text)


def _pixels(pdf: bytes) -> bytes:
    """The pages as poppler paints them at 150 dpi (PPM, one after the other). No output root:
    with "-" as the root, poppler writes files named "--1.ppm" into the working folder and
    nothing on stdout, and two empty results would compare equal."""
    pages = subprocess.run(["pdftoppm", "-r", "150", "-"], input=pdf, capture_output=True,
                           check=True).stdout
    assert pages.startswith(b"P6"), "poppler drew no page"
    return pages


def test_poppler_gives_a_page_one_direction(app, monkeypatch, tmp_path):
    """poppler (TextPage::coalesce) gives a whole page one primary direction, from the count
    of its left-to-right and right-to-left letters: Arabic lines on a page with more Latin
    letters are read as right-to-left text inside left-to-right lines, and the number or
    punctuation at their start comes last. The text layer counts the page's letters and
    gives each Arabic line of such a page an ActualText in the order that reading needs
    (app/documents/text_layer.py, _LineSpan): without it the page reads out of order, with
    it whole, and the page is drawn the same, pixel for pixel. A page with more Arabic
    letters keeps the spans of its glyphs. pypdf reads every page whole."""
    from app.documents import pdf as pdf_module
    from app.documents import text_layer

    english = "The Meeting decides to establish a network of contact points available. "
    shares, pages = {}, {}
    for name, count, spans in (("short", 0, True), ("long", 3, True), ("long", 3, False)):
        html = SAMPLE_RTL.replace("</body>", f'<p lang="en" dir="ltr">{english * count}'
                                  "The Meeting decides.</p></body>")
        variant = f"{name} {spans}"
        if not spans:
            monkeypatch.setattr(text_layer, "_left_to_right_page", lambda page: False)
            monkeypatch.setattr(text_layer, "VERSION", "without line spans")
        monkeypatch.setattr(pdf_module, "_cache_dir", lambda personal, n=variant: tmp_path / n)
        (tmp_path / variant).mkdir()
        with app.test_request_context():
            pdf = render_pdf(html)
        shares[variant] = script_shares(html_text(html), pdftotext_text(pdf))
        assert min(script_shares(html_text(html), pypdf_text(pdf)).values()) >= TARGET
        pages[variant] = _pixels(pdf)
    assert min(shares["short True"].values()) >= TARGET, shares
    assert min(shares["long True"].values()) >= TARGET, shares
    assert (shares["long False"]["Zyyy"] < TARGET
            and shares["long False"]["Arab"] < TARGET), shares
    assert pages["long True"] == pages["long False"]


def test_right_to_left_lines_in_reading_order_draw_the_same_page(app, monkeypatch, tmp_path):
    """Writing the slices of a right-to-left line in reading order moves no pixel: the page
    rendered by poppler at 150 dpi is byte for byte the page drawn in WeasyPrint's order."""
    from app.documents import pdf as pdf_module
    from app.documents import text_layer

    html = SAMPLE_RTL.replace("</body>", "<p>" + LATIN_IN_ARABIC + "</p></body>")
    pages = {}
    for name in ("reading order", "drawing order"):
        if name == "drawing order":
            monkeypatch.setattr(text_layer, "_reading_order", lambda recorder, glyphs: None)
            monkeypatch.setattr(text_layer, "VERSION", "drawing order")
        monkeypatch.setattr(pdf_module, "_cache_dir", lambda personal, n=name: tmp_path / n)
        (tmp_path / name).mkdir()
        with app.test_request_context():
            pdf = render_pdf(html)
        pages[name] = _pixels(pdf)
        if name == "reading order":
            assert "11–12 نوفمبر 2025" in _visible(pypdf_text(pdf))
        else:
            assert "11–12 نوفمبر 2025" not in _visible(pypdf_text(pdf))
    assert pages["reading order"] == pages["drawing order"]


def test_right_to_left_marks_ligatures_and_separators_read_back_with_poppler(app):
    """A letter with its marks (shadda, damma, tanween: poppler would read a raised mark as a
    line of its own), the lam-alef ligature of the sans face, the Arabic comma and colon after
    a word (poppler reads separators with digits), a bracket between Arabic and Latin text."""
    lines = ["مقدَّمة عضوًا يُرجى مسجَّل الخطاب، يُرجى الاتصال",
             "الاجتماع الأول لعملية «كسر السلاسل» · 11–12 نوفمبر 2025",
             "الاثنين، 7 ديسمبر 2026", "المرجعي: BC/1/1 السفر N01234567",
             '<span lang="en" dir="ltr">Conference Hall</span> (معروض باللغة الإنجليزية)']
    body = "".join(f"<p>{line}</p><p style='font-family: \"Noto Sans Arabic\"'>{line}</p>"
                   for line in lines)
    html = SAMPLE_RTL.split("<body>")[0] + f"<body>{body}</body></html>"
    with app.test_request_context():
        pdf = render_pdf(html)
    assert glyph_counts(pdf)[1] == 0
    text = pdftotext_text(pdf)
    shares = script_shares(html_text(html), text)
    assert min(shares.values()) >= TARGET, shares
    assert min(script_shares(html_text(html), pypdf_text(pdf)).values()) >= TARGET


def test_long_left_to_right_stretch_in_an_arabic_line(app):
    """A quoted English sentence in an Arabic line: pypdf reads it in place, and its text is
    cut into ToUnicode values poppler can read (a token of at most 255 characters)."""
    html = SAMPLE_RTL.split("<body>")[0] + f"<body><p>{LATIN_IN_ARABIC}</p></body></html>"
    with app.test_request_context():
        pdf = render_pdf(html)
    assert glyph_counts(pdf)[1] == 0
    text = pypdf_text(pdf)
    assert min(script_shares(html_text(html), text).values()) >= TARGET
    assert _visible(text).strip() == LATIN_IN_ARABIC.replace("‏", "")
    warnings = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                              check=True).stderr.decode()
    assert "ToUnicode" not in warnings, warnings


@pytest.mark.parametrize("lang", LOCALES)
def test_agenda_pdf_text_layer(app, demo, tmp_path, lang):
    runner = app.test_cli_runner()
    files = {}
    for fmt in ("html", "pdf"):
        files[fmt] = tmp_path / f"agenda.{fmt}"
        result = runner.invoke(args=["export", "agenda", "bc-2025-seoul", "--format", fmt,
                                     "--lang", lang, "-o", str(files[fmt])])
        assert result.exit_code == 0, result.output
    problems = _problems(files["pdf"].read_bytes(), html_text(files["html"].read_text()),
                         lang, "agenda")
    assert not problems, "\n".join(problems)


# --- every kind of document --------------------------------------------------------------

DOCUMENT_LOCALES = ["en", "ar", "th", "km", "lo", "ko", "zh_Hans", "ja"]
KHMER_DELEGATE = "delegate.kh@cnp.example.com"


def _recording_render_pdf(monkeypatch) -> list[tuple[str, bytes]]:
    """Record the HTML and the PDF of every document rendered (the real renderer does the
    work): wherever a module of the application holds render_pdf, it gets the recording one."""
    from app.documents import pdf as pdf_module

    real = pdf_module.render_pdf
    recorded: list[tuple[str, bytes]] = []

    def recording(html, **options):
        data = real(html, **options)
        recorded.append((html, data))
        return data

    for name, module in list(sys.modules.items()):
        if name.startswith("app") and getattr(module, "render_pdf", None) is real:
            monkeypatch.setattr(module, "render_pdf", recording)
    return recorded


def _every_document(app, db, monkeypatch, lang: str) -> dict[str, tuple[str, bytes]]:
    """Each kind of document the application prints, in `lang`: {kind: (its HTML, PDF)}."""
    from app.agenda import services as agenda_services
    from app.agenda.models import Visibility
    from app.agenda.render import agenda_pdf
    from app.invitations import documents as invitation_documents
    from app.invitations import services as invitation_services
    from app.invitations.models import Invitation
    from app.meetings.models import Meeting
    from app.minutes.documents import minutes_pdf
    from app.minutes.services import minutes_of
    from app.registration import documents
    from app.registration.models import Registration
    from app.registration.services import participants
    from app.resolutions.documents import parallel_pdf, resolution_pdf
    from app.resolutions.services import by_number

    recorded = _recording_render_pdf(monkeypatch)
    made: dict[str, tuple[str, bytes]] = {}
    with app.test_request_context(base_url="http://localhost"):
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
        g.meeting = meeting
        version = agenda_services.latest_version(meeting)
        resolution = by_number(meeting, 1)
        rows = participants(meeting, lang)
        khmer = db.session.scalar(select(Registration).where(
            Registration.email == KHMER_DELEGATE))
        letter = invitation_services.letter_of(meeting)
        invitation = db.session.scalar(select(Invitation).where(
            Invitation.id == khmer.invitation_id))
        letter_lang = lang if lang in (letter.subject or {}) else meeting.working_language
        subject, body = invitation_services.render_letter(meeting, letter, invitation,
                                                          letter_lang)
        makers = {
            "agenda": lambda: agenda_pdf(meeting, version.snapshot, version,
                                         {Visibility.PUBLIC, Visibility.DELEGATES}, lang),
            "minutes": lambda: minutes_pdf(meeting, minutes_of(meeting), lang),
            "resolution": lambda: resolution_pdf(resolution, lang),
            "parallel text": lambda: parallel_pdf(resolution, "en", lang, lang),
            "badges": lambda: documents.badges_pdf(meeting, rows, lang),
            "participants list": lambda: documents.participants_pdf(meeting, rows, lang),
            "visa letter": lambda: documents.visa_letter_pdf(khmer, lang,
                                                             today=date(2025, 10, 20)),
            "confirmation": lambda: documents.confirmation_pdf(khmer),
            "invitation letter": lambda: invitation_documents.letter_pdf(
                meeting, invitation, letter_lang, subject, body, lang),
        }
        khmer.language = lang  # the confirmation is in the delegate's language
        try:
            for kind, make in makers.items():
                recorded.clear()
                data = make()
                html = next(html for html, pdf in reversed(recorded) if pdf == data)
                made[kind] = (html, data)
        finally:
            db.session.rollback()
    return made


@pytest.mark.parametrize("lang", DOCUMENT_LOCALES)
def test_every_kind_of_document_reads_back(app, db, demo, monkeypatch, lang):
    """Every kind of document in a locale of each script: no glyph without a Unicode value,
    and both extractors give back the source (SHORT says where and why less is
    asserted)."""
    problems = []
    for kind, (html, pdf) in _every_document(app, db, monkeypatch, lang).items():
        problems += _problems(pdf, html_text(html), lang, kind)
    assert not problems, "\n".join(problems)

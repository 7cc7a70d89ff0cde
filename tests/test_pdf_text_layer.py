"""The PDFs' text layer reads back true (issue 18): every drawn glyph has a Unicode value, and
poppler's pdftotext and pypdf each keep at least 99.5 % of the source's characters of each
script, in order (tests/pdf_text.py defines the measure)."""
from __future__ import annotations

import pytest

from app.documents.pdf import render_pdf
from tests.pdf_text import (
    glyph_counts,
    html_text,
    pdftotext_text,
    pypdf_text,
    script_lcs_shares,
    script_shares,
)

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


def test_sample_of_every_script_reads_back(app):
    with app.test_request_context():
        pdf = render_pdf(SAMPLE)
    _check(pdf, html_text(SAMPLE))


@pytest.mark.xfail(strict=True, reason="open: pdftotext still reads '(BC/1/1)' and some digit "
                   "groups of a right-to-left line in visual order (issue 18, text layer)")
def test_right_to_left_sample_keeps_marks_digits_and_order_with_poppler(app):
    """pdftotext reads a right-to-left page in reading order, numbers included. pypdf has no
    bidirectional algorithm (it reverses right-to-left characters between two left-to-right
    ones), so for it only the glyphs' values are checked here, not the order of the runs."""
    with app.test_request_context():
        pdf = render_pdf(SAMPLE_RTL)
    drawn, unmapped = glyph_counts(pdf)
    assert drawn > 0 and unmapped == 0
    shares = script_shares(html_text(SAMPLE_RTL), pdftotext_text(pdf))
    assert min(shares.values()) >= TARGET, shares
    assert "11–12" in pdftotext_text(pdf)
    assert sorted(pypdf_text(pdf).replace(" ", "").replace("\n", "")) == sorted(
        "".join(html_text(SAMPLE_RTL).split()))


OPEN = {"ar": "digit groups and parenthesised Latin in right-to-left lines",
        "ja": "pdftotext word share of Latin and Kana below target, not yet analysed",
        "zh_Hans": "pdftotext word share of Latin below target, not yet analysed"}


@pytest.mark.parametrize("lang", [pytest.param(lang, marks=pytest.mark.xfail(
    strict=True, reason=f"open (issue 18): {OPEN[lang]}")) if lang in OPEN else lang
    for lang in LOCALES])
def test_agenda_pdf_text_layer(app, demo, tmp_path, lang):
    runner = app.test_cli_runner()
    files = {}
    for fmt in ("html", "pdf"):
        files[fmt] = tmp_path / f"agenda.{fmt}"
        result = runner.invoke(args=["export", "agenda", "bc-2025-seoul", "--format", fmt,
                                     "--lang", lang, "-o", str(files[fmt])])
        assert result.exit_code == 0, result.output
    pdf = files["pdf"].read_bytes()
    source = html_text(files["html"].read_text())
    if lang == "ar":  # pypdf cannot order right-to-left lines with numbers (see above)
        drawn, unmapped = glyph_counts(pdf)
        assert drawn > 0 and unmapped == 0
        shares = script_shares(source, pdftotext_text(pdf))
        assert min(shares.values()) >= TARGET, shares
        return
    _check(pdf, source)

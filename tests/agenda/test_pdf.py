"""The agenda as a PDF: A4, symbol, page numbers, every script in a real embedded font."""
from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader

from tests.conftest import base_letters, sign_in

PDF = "/meetings/bc-2025-seoul/agenda.pdf"


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "agenda.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _fonts(data: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout


def _covers(font_list: str, codepoint: int) -> bool:
    """Some embedded font's family really has a glyph for the character."""
    families = subprocess.run(["fc-list", f":charset={codepoint:x}", "family"],
                              capture_output=True, text=True).stdout
    names = {name.strip().replace(" ", "") for line in families.splitlines()
             for name in line.split(",")}
    embedded = {line.split()[0].split("+", 1)[-1].replace("-", "").split("Bold")[0]
                for line in font_list.splitlines()[2:] if line.strip()}
    return any(any(e.startswith(n) or n.startswith(e) for n in names) for e in embedded)


def test_agenda_pdf_is_a4_with_symbol_and_page_numbers(app, client, demo, tmp_path):
    sign_in(app, client, "delegate.th@rtp.example.com")
    response = client.get(PDF + "?lang=en")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    page = PdfReader(__import__("io").BytesIO(response.data)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = _text(response.data, tmp_path)
    assert "BC/1/1" in text and "Provisional agenda" in text
    assert "Page 1 of 1" in text
    assert "Adoption of the agenda" in text and "Korean Standard Time" in text


@pytest.mark.one_database
@pytest.mark.parametrize("lang, sample", [
    ("ko", "의제 채택"), ("th", "การรับรองระเบียบวาระ"), ("km", "ការអនុម័ត"),
    ("lo", "ການຮັບຮອງວາລະກອງປະຊຸມ"), ("ar", "إقرار جدول الأعمال"), ("ja", "議題の採択"),
    ("zh_Hans", "通过议程"), ("vi", "Thông qua chương trình nghị sự")])
def test_agenda_pdf_renders_each_script_with_an_embedded_font(app, client, demo, tmp_path,
                                                               lang, sample):
    sign_in(app, client, "delegate.th@rtp.example.com")
    data = client.get(f"{PDF}?lang={lang}").data
    assert base_letters(sample) in base_letters(_text(data, tmp_path))
    fonts = _fonts(data, tmp_path)
    assert _covers(fonts, ord(sample[1])), fonts


def test_pdf_is_served_from_the_cache_when_nothing_changed(app, client, demo):
    from pathlib import Path

    sign_in(app, client, "delegate.th@rtp.example.com")
    first = client.get(PDF + "?lang=fr").data
    cache = Path(app.instance_path) / "pdf-cache"
    count = len(list(cache.glob("*.pdf")))
    assert client.get(PDF + "?lang=fr").data == first
    assert len(list(cache.glob("*.pdf"))) == count


def test_cli_exports_the_agenda_in_every_format(app, demo, tmp_path):
    runner = app.test_cli_runner()
    for fmt in ("pdf", "ics", "html"):
        out = tmp_path / f"agenda.{fmt}"
        result = runner.invoke(args=["export", "agenda", "bc-2025-seoul", "--format", fmt,
                                     "--lang", "ar", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    assert '<html lang="ar" dir="rtl">' in (tmp_path / "agenda.html").read_text()
    bad = runner.invoke(args=["export", "agenda", "nope", "--lang", "en", "-o",
                              str(tmp_path / "x")])
    assert bad.exit_code != 0 and "no meeting" in bad.output
    bad = runner.invoke(args=["export", "agenda", "bc-2025-seoul", "--lang", "xx", "-o",
                              str(tmp_path / "x")])
    assert bad.exit_code != 0 and not (tmp_path / "x").exists()

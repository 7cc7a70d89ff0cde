"""HTML to PDF with WeasyPrint; the result is cached under instance/pdf-cache by content hash."""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from pathlib import Path

import icu
import weasyprint
from flask import current_app
from weasyprint.text.fonts import FontConfiguration

from app.config import ROOT
from app.documents.linebreak import with_break_opportunities

PRINT_CSS = ROOT / "static" / "css" / "print.css"


class RenderError(RuntimeError):
    """WeasyPrint could not produce the document."""


_local = threading.local()


def _font_config() -> FontConfiguration:
    """One font configuration per thread, reused: a new one per document makes memory swing
    by hundreds of megabytes (measured), and fontconfig objects are not shared across threads."""
    if not hasattr(_local, "fonts"):
        _local.fonts = FontConfiguration()
    return _local.fonts


def _cache_dir() -> Path:
    path = Path(current_app.instance_path) / "pdf-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def render_pdf(html: str, *, pdf_variant: str | None = None) -> bytes:
    """Render (or fetch from the cache) the PDF of a complete HTML document."""
    key = hashlib.sha256("\0".join((weasyprint.__version__, icu.ICU_VERSION, pdf_variant or "",
                                    html))
                         .encode()).hexdigest()
    cached = _cache_dir() / f"{key}.pdf"
    if cached.exists():
        return cached.read_bytes()
    try:
        document = weasyprint.HTML(string=with_break_opportunities(html),
                                   base_url=str(ROOT / "static"))
        data = document.write_pdf(pdf_variant=pdf_variant, font_config=_font_config())
    except Exception as exc:  # noqa: BLE001 - any rendering failure becomes one clear error
        raise RenderError(str(exc)) from exc
    handle, temporary = tempfile.mkstemp(dir=cached.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, cached)  # atomic: concurrent workers never read half a file
    return data


def pdf_response(data: bytes, filename: str, *, attachment: bool = False):
    """A PDF for the browser: shown inline (or downloaded) under a readable file name."""
    from flask import Response

    response = Response(data, mimetype="application/pdf")
    kind = "attachment" if attachment else "inline"
    response.headers["Content-Disposition"] = f'{kind}; filename="{filename}"'
    return response

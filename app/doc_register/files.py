"""What a language version's file must be to be kept: PDF, DOCX or XLSX by its content (never
by its name or the browser's word): a PDF that pypdf reads, unencrypted; an Office Open XML
package whose [Content_Types].xml names the main part of its type, without macros (the
agenda's checks, app.agenda.uploads)."""
from __future__ import annotations

import io
import logging
import re

from flask_babel import gettext as _

from app.agenda.uploads import DocumentRefused, check_document
from app.errors import DomainError

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_BYTES = 15 * 1024 * 1024  # below the request limit (MAX_CONTENT_LENGTH, 20 MB) with the form
MAX_PDF_PAGES = 2000


class DocumentError(DomainError):
    pass


def _extension(filename: str) -> str:
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_file(filename: str, data: bytes) -> tuple[str, str]:
    """(extension, content type) of an upload that is what its name says; DocumentError on
    the field "file" otherwise."""
    extension = _extension(filename)
    if not data:
        raise DocumentError(_("The file is empty."), "file")
    if extension not in TYPES:
        raise DocumentError(_("Attach a PDF, DOCX or XLSX file."), "file")
    if len(data) > MAX_BYTES:
        raise DocumentError(_("The file is too large (at most %(size)d MB).",
                              size=MAX_BYTES // (1024 * 1024)), "file")
    try:
        check_document(extension, data)
    except DocumentRefused as exc:
        raise DocumentError(exc.message, "file") from exc
    if extension == "pdf":
        _readable_pdf(data)
    return extension, TYPES[extension]


def _readable_pdf(data: bytes) -> None:
    """pypdf reads the file's structure and its pages; an encrypted PDF is refused (readers
    at the venue would need a password)."""
    if not re.search(rb"%%EOF\s*$", data[-1024:]):
        raise DocumentError(_("This file is not a valid document of its type."), "file")
    from pypdf import PdfReader  # here: a tenth of a second that only uploads need
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentError(_("This document is protected by a password or encrypted. "
                                  "Remove the protection, then attach it again."), "file")
        pages = len(reader.pages)
        if not 0 < pages <= MAX_PDF_PAGES:
            raise DocumentError(_("This file is not a valid document of its type."), "file")
        reader.pages[0].mediabox  # noqa: B018 - the first page must be a page
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as exc:
        raise DocumentError(_("This file is not a valid document of its type."),
                            "file") from exc

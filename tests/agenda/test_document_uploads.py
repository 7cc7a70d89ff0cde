"""An agenda document is kept only when the file really is what its name says: an Office Open
XML file names the right main part, an OpenDocument file starts with the right mimetype, and
zip bombs, encrypted, malformed and renamed files are refused with a clear message."""
from __future__ import annotations

import io
import os
import struct
import zipfile

import pytest
from sqlalchemy import func, select

from app.agenda.models import AgendaDocument
from app.agenda.uploads import DocumentRefused, check_document
from tests.agenda.helpers import item_titled
from tests.conftest import csrf_token, sign_in_staff

CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAIN = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument."
             "wordprocessingml.document.main+xml"),
    "pptx": ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument."
             "presentationml.presentation.main+xml"),
}
NOT_VALID = "This file is not a valid document of its type."
BOMB = "far more data than a document holds"
ENCRYPTED = "protected by a password or encrypted"


def ooxml(kind: str, extra: dict[str, bytes] | None = None, doctype: bool = False) -> bytes:
    """A minimal Word or PowerPoint file: content types, package relationships, main part."""
    part, content_type = MAIN[kind]
    prolog = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    if doctype:
        prolog += '<!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">]>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            f'{prolog}<Types xmlns="{CT}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'))
        archive.writestr("_rels/.rels", (
            f'{prolog}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{OFFICE}" Target="{part}"/>'
            '</Relationships>'))
        archive.writestr(part, f'{prolog}<document>Statement of Thailand</document>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Delegation"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def odf(kind: str = "odt", mimetype: str | None = None, compress_first: bool = False) -> bytes:
    media = mimetype or {"odt": "text", "ods": "spreadsheet",
                         "odp": "presentation"}[kind]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{media}",
                         zipfile.ZIP_DEFLATED if compress_first else zipfile.ZIP_STORED)
        archive.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:'
                         'document-content xmlns:office="urn:oasis:names:tc:opendocument:'
                         'xmlns:office:1.0"/>')
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?>'
                         '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                         'opendocument:xmlns:manifest:1.0"/>')
    return out.getvalue()


def random_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("payload.bin", os.urandom(2000))
        archive.writestr("readme.txt", "not a document")
    return out.getvalue()


def ratio_bomb() -> bytes:
    """A Word file whose one part unpacks from about 20 kB to 20 MB of zeros."""
    return ooxml("docx", extra={"word/media/padding.bin": b"\0" * (20 * 1024 * 1024)})


def declared_bomb() -> bytes:
    """A Word file whose directory declares its main part to be 3.7 GB (never unpacked)."""
    data = bytearray(ooxml("docx"))
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack("<H", data[at + 28:at + 30])[0]
        if data[at + 46:at + 46 + name_length] == b"word/document.xml":
            data[at + 24:at + 28] = struct.pack("<I", 0xE0000000)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def encrypted() -> bytes:
    """The zip's flags say "encrypted" (local and central headers), as a protected zip's do."""
    data = bytearray(ooxml("docx"))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + flag_at] |= 0x01
            at = data.find(signature, at + 4)
    return bytes(data)


OLE_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000  # a password-protected .docx


@pytest.fixture
def upload(app, client, db, demo):
    sign_in_staff(app, client)
    item = item_titled(db, "Statements by delegations")
    url = f"/meetings/{demo}/agenda/items/{item.id}/documents"
    page = client.get(f"/meetings/{demo}/agenda/items/{item.id}/edit?lang=en")
    token = csrf_token(page.get_data(as_text=True))

    def post(name: str, data: bytes, lang: str = "en") -> str:
        response = client.post(f"{url}?lang={lang}", data={
            "csrf_token": token, "title": f"Document {name}",
            "file": (io.BytesIO(data), name)}, content_type="multipart/form-data",
            follow_redirects=True)
        assert response.status_code == 200
        return response.get_data(as_text=True)

    return post


def _stored(app, db) -> tuple[int, int]:
    """Documents, and documents whose bytes are kept (in the database: every application
    server serves them, whatever its instance folder)."""
    db.session.expire_all()
    return (db.session.scalar(select(func.count()).select_from(AgendaDocument)),
            db.session.scalar(select(func.count()).select_from(AgendaDocument)
                              .where(AgendaDocument.data.is_not(None))))


@pytest.mark.parametrize("name, data", [
    ("statement.docx", ooxml("docx")), ("slides.pptx", ooxml("pptx")),
    ("list.xlsx", xlsx()), ("notes.odt", odf("odt")), ("table.ods", odf("ods")),
    ("talk.odp", odf("odp"))], ids=["docx", "pptx", "xlsx", "odt", "ods", "odp"])
def test_real_documents_are_attached(app, db, upload, name, data):
    before = _stored(app, db)
    page = upload(name, data)
    assert f"Document {name}" in page and NOT_VALID not in page
    assert _stored(app, db) == (before[0] + 1, before[1] + 1)


@pytest.mark.parametrize("name, data, message", [
    ("random.docx", random_zip(), NOT_VALID),
    ("workbook.docx", xlsx(), NOT_VALID),  # a spreadsheet posted as a Word file
    ("words.xlsx", ooxml("docx"), NOT_VALID),
    ("slides.docx", ooxml("pptx"), NOT_VALID),
    ("notes.ods", odf("odt"), NOT_VALID),  # a text document posted as a spreadsheet
    ("notes.odt", odf("odt", compress_first=True), NOT_VALID),
    ("notes.odt", odf("odt", mimetype="text-template"), NOT_VALID),
    ("macros.docx", ooxml("docx", extra={"word/vbaProject.bin": b"\0" * 100}), NOT_VALID),
    ("entities.docx", ooxml("docx", doctype=True), NOT_VALID),
    ("truncated.docx", ooxml("docx")[:-40], NOT_VALID),
    ("bomb.docx", ratio_bomb(), BOMB),
    ("declared.docx", declared_bomb(), BOMB),
    ("locked.docx", encrypted(), ENCRYPTED),
    ("protected.docx", OLE_FILE, ENCRYPTED),
], ids=["random-zip", "xlsx-as-docx", "docx-as-xlsx", "pptx-as-docx", "odt-as-ods",
        "odf-mimetype-compressed", "odf-other-mimetype", "macros", "doctype", "truncated",
        "ratio-bomb", "declared-size-bomb", "zip-encrypted", "ole-encrypted"])
def test_fakes_bombs_and_locked_files_are_refused(app, db, upload, name, data, message):
    before = _stored(app, db)
    page = upload(name, data)
    assert message in page
    assert f"Document {name}" not in page
    assert _stored(app, db) == before


def test_the_refusal_is_in_the_readers_language(app, db, upload):
    assert "Ce fichier" in upload("bomb.docx", ratio_bomb(), lang="fr")


def test_a_bomb_is_refused_from_its_directory_without_unpacking(monkeypatch):
    bombs = (ratio_bomb(), declared_bomb())

    def no_unpacking(*args, **kwargs):
        raise AssertionError("unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_unpacking)
    for data in bombs:
        with pytest.raises(DocumentRefused) as refused:
            check_document("docx", data)
        assert BOMB in refused.value.message

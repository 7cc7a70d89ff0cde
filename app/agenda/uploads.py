"""What an uploaded agenda document must be to be kept: the file's own signature, and for the
zip-based formats (Office Open XML, OpenDocument) a well-formed, unencrypted zip that really
is a document of the named type. Zips are read from their directory only, never extracted:
the declared sizes are checked against bombs, and only two small parts are read (bounded)."""
from __future__ import annotations

import io
import zipfile
from xml.parsers import expat

from flask_babel import gettext as _

from app.agenda.services import AgendaError

#: Office Open XML: the main part's content type, as [Content_Types].xml must name it. The
#: macro-enabled and template variants (.docm, .dotx …) have other types and are refused.
OOXML_MAIN = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
#: OpenDocument: the first entry, "mimetype", stored uncompressed, holds exactly this.
ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
MAX_ENTRIES = 10_000
MAX_UNPACKED = 200 * 1024 * 1024  # declared size of all entries together
MAX_RATIO = 200  # uncompressed / compressed, for any entry above RATIO_FROM
RATIO_FROM = 1024 * 1024
MAX_XML_PART = 1024 * 1024  # [Content_Types].xml and _rels/.rels are a few kB

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a password-protected Office file is one of these
_CT = "http://schemas.openxmlformats.org/package/2006/content-types "
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships "
_OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                    "officeDocument")


class DocumentRefused(AgendaError):
    """The upload is not kept; the message says why, for the file field."""


def check_document(extension: str, data: bytes) -> None:
    """Raise DocumentRefused unless `data` really is a document of type `extension`."""
    if extension == "pdf":
        _require(data.startswith(b"%PDF-"))
    elif extension == "txt":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            _require(False)
        _require(b"\0" not in data)
    elif extension in OOXML_MAIN:
        if data.startswith(_OLE):
            raise DocumentRefused(_encrypted(), "file")
        _office_open_xml(extension, _zip(data))
    elif extension in ODF_TYPES:
        _open_document(extension, data, _zip(data))
    else:
        _require(False)


def _not_valid() -> str:
    return _("This file is not a valid document of its type.")


def _encrypted() -> str:
    return _("This document is protected by a password or encrypted. Remove the protection, "
             "then attach it again.")


def _require(condition: bool) -> None:
    if not condition:
        raise DocumentRefused(_not_valid(), "file")


def _zip(data: bytes) -> zipfile.ZipFile:
    """The zip's directory, checked: one zip from the first byte, no encryption, no entry
    compressed other than as documents are, declared sizes within bounds."""
    _require(data.startswith(b"PK\x03\x04"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        _require(False)
    _require(0 < len(entries) <= MAX_ENTRIES and entries[0].header_offset == 0)
    names = [entry.filename for entry in entries]
    _require(len(set(names)) == len(names))  # two parts of one name: readers disagree
    if any(entry.flag_bits & 0x41 for entry in entries):  # encrypted, or strong encryption
        raise DocumentRefused(_encrypted(), "file")
    _require(all(entry.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
                 for entry in entries))
    # Entries that overlap (the same compressed bytes counted twice) are a classic bomb.
    _require(sum(entry.compress_size for entry in entries) <= len(data))
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED or any(
            entry.file_size > RATIO_FROM
            and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
            for entry in entries):
        raise DocumentRefused(_(
            "This file would unpack to far more data than a document holds (more than "
            "200 MB, or compressed suspiciously well); it cannot be attached."), "file")
    return archive


def _read(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        entry = archive.getinfo(name)
    except KeyError:
        _require(False)
    _require(entry.file_size <= limit)
    try:
        with archive.open(entry) as part:
            return part.read(limit + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        _require(False)


class _Refused(Exception):
    pass


def _refuse(*_args) -> None:
    raise _Refused


def _elements(archive: zipfile.ZipFile, name: str) -> list[tuple[str, dict]]:
    """The elements of a small XML part, as (namespace + " " + tag, attributes). A document
    type declaration (the way to entity expansion and external entities) is refused."""
    found: list[tuple[str, dict]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = lambda tag, attributes: found.append((tag, attributes))
    try:
        parser.Parse(_read(archive, name, MAX_XML_PART), True)
    except (_Refused, expat.ExpatError, ValueError):
        _require(False)
    return found


def _office_open_xml(extension: str, archive: zipfile.ZipFile) -> None:
    """[Content_Types].xml names the main part of this type (a .xlsx renamed .docx names
    the workbook instead), the package relationships point at it, and it is there."""
    types = _elements(archive, "[Content_Types].xml")
    _require(bool(types) and types[0][0] == _CT + "Types")
    declared = [(a.get("PartName", ""), a.get("ContentType", ""))
                for tag, a in types if tag == _CT + "Override"]
    mains = [part for part, kind in declared if kind == OOXML_MAIN[extension]]
    _require(len(mains) == 1)
    main = mains[0].lstrip("/")
    names = {name.casefold() for name in archive.namelist()}
    _require(main.casefold() in names)
    # Macros make it a .docm/.xlsm/.pptm, whatever the name says.
    _require(not any("vbaproject" in name for name in names))
    targets = [a.get("Target", "").lstrip("/") for tag, a in _elements(archive, "_rels/.rels")
               if tag == _RELS + "Relationship" and a.get("Type") == _OFFICE_DOCUMENT]
    _require([target.casefold() for target in targets] == [main.casefold()])


def _open_document(extension: str, data: bytes, archive: zipfile.ZipFile) -> None:
    """The first entry is "mimetype", stored, holding exactly this type (what `file` and
    every ODF reader look at, at byte 30), and the content and manifest are there."""
    expected = ODF_TYPES[extension]
    first = archive.infolist()[0]
    _require(first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED)
    _require(data[30:38] == b"mimetype" and data[38:38 + len(expected)] == expected)
    _require(_read(archive, "mimetype", 100) == expected)
    names = set(archive.namelist())
    _require({"content.xml", "META-INF/manifest.xml"} <= names)

"""The register's steps: a document created as a draft with the next free symbol of its class
(or a typed one, refused if taken), language versions checked by content, issued once (the
notice e-mail to each participant who may read it, in their language), revised, corrected,
added to, withdrawn; the lists a reader may see, and the meeting's ZIP."""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date

from babel.lists import format_list
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.agenda.models import AgendaItem, Visibility, levels_for
from app.agenda.services import serialize
from app.audit.services import record
from app.auth.models import STAFF_ROLES, Membership, Role
from app.doc_register.files import DocumentError, check_file
from app.doc_register.models import (
    SUFFIX,
    DocumentClass,
    DocumentKind,
    DocumentNotice,
    DocumentStatus,
    MeetingDocument,
    MeetingDocumentFile,
)
from app.errors import Problems
from app.extensions import db
from app.i18n import LOCALES, TranslatedText, language_name, normalise_locale, to_zone
from app.mail.services import queue_templated
from app.models_base import utcnow
from app.urls import public_url

__all__ = ["DocumentError"]

MAX_NUMBER = 9999
ATTEMPTS = 8  # automatic numbers tried when another request takes the same one


# --- symbols ----------------------------------------------------------------------------------

def symbol_for(meeting, doc_class: DocumentClass, number: int) -> str:
    return f"{meeting.symbol_prefix}/{doc_class.value}/{number}"


def suffixed(parent: MeetingDocument, kind: DocumentKind, sequence: int) -> str:
    return f"{parent.symbol}/{SUFFIX[kind]}.{sequence}"


def file_stem(symbol: str) -> str:
    """A symbol as a file name: BC/2/WP/3/Rev.1 → BC-2-WP-3-Rev.1 (nothing else survives)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", symbol).strip("-.") or "document"


def download_name(document: MeetingDocument, file: MeetingDocumentFile) -> str:
    return f"{file_stem(document.symbol)}_{file.language}.{file.extension}"


def _next_number(meeting_id: int, doc_class: DocumentClass) -> int:
    highest = db.session.scalar(select(func.max(MeetingDocument.number)).where(
        MeetingDocument.meeting_id == meeting_id, MeetingDocument.doc_class == doc_class,
        MeetingDocument.kind == DocumentKind.ORIGINAL))
    return (highest or 0) + 1


def _symbol_taken(meeting_id: int, symbol: str) -> bool:
    return db.session.scalar(select(MeetingDocument.id).where(
        MeetingDocument.meeting_id == meeting_id, MeetingDocument.symbol == symbol)) is not None


def _taken_message(symbol: str) -> str:
    return _("The symbol %(symbol)s already exists at this meeting; choose another number, "
             "or leave it blank for the next free one.", symbol=symbol)


# --- input ------------------------------------------------------------------------------------

def _clean_title(meeting, title: dict, problems: Problems, reader: str) -> dict:
    cleaned = {code: " ".join((title.get(code) or "").split())[:300]
               for code in LOCALES if (title.get(code) or "").strip()}
    if meeting.working_language not in cleaned:
        problems.add(_("Give the title in %(language)s, the meeting's working language.",
                       language=language_name(meeting.working_language, reader)),
                     f"title_{meeting.working_language}")
    return cleaned


def _clean_item(meeting, item_id, problems: Problems) -> int | None:
    if not item_id:
        return None
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        problems.add(_("Not a valid choice."), "agenda_item_id")
        return None
    return item.id


def _clean_distribution(value, problems: Problems) -> Visibility | None:
    try:
        return Visibility(value)
    except ValueError:
        problems.add(_("Not a valid choice."), "distribution")
        return None


def _clean_language(value, problems: Problems) -> str | None:
    code = value if value in LOCALES else None
    if code is None:
        problems.add(_("Choose the language of the file."), "language")
    return code


@dataclass
class Upload:
    filename: str
    data: bytes


def _file_row(language: str, upload: Upload, checked: tuple[str, str],
              actor) -> MeetingDocumentFile:
    extension, content_type = checked
    return MeetingDocumentFile(language=language, extension=extension,
                               content_type=content_type, size=len(upload.data),
                               sha256=hashlib.sha256(upload.data).hexdigest(), data=upload.data,
                               uploaded_by_id=getattr(actor, "id", None))


def _insert(document: MeetingDocument, next_symbol, *, retry: bool) -> None:
    """Add the document under the symbol `next_symbol()` gives; when another request took it
    meanwhile (the database's unique symbol), ask again if `retry`, else refuse."""
    for _attempt in range(ATTEMPTS if retry else 1):
        next_symbol(document)
        try:
            with db.session.begin_nested():
                db.session.add(document)
                db.session.flush()
            return
        except IntegrityError:
            if document in db.session:
                db.session.expunge(document)
    raise DocumentError(_taken_message(document.symbol), "number")


# --- the steps --------------------------------------------------------------------------------

def create(meeting, *, doc_class: str, number: int | None, title: dict,
           agenda_item_id: int | None, distribution: str, language: str | None = None,
           upload: Upload | None = None, actor=None, reader: str = "en") -> MeetingDocument:
    """A new original, in draft, every problem of the form at once; nothing is saved if any."""
    problems = Problems(DocumentError)
    try:
        kind_of = DocumentClass(doc_class)
    except ValueError:
        problems.add(_("Not a valid choice."), "doc_class")
        kind_of = None
    if number is not None and not 0 < number <= MAX_NUMBER:
        problems.add(_("Give a number from 1 to %(max)d, or leave it blank.", max=MAX_NUMBER),
                     "number")
        number = None
    if kind_of is not None and number is not None \
            and _symbol_taken(meeting.id, symbol_for(meeting, kind_of, number)):
        problems.add(_taken_message(symbol_for(meeting, kind_of, number)), "number")
    cleaned = _clean_title(meeting, title, problems, reader)
    item_id = _clean_item(meeting, agenda_item_id, problems)
    level = _clean_distribution(distribution, problems)
    checked = None
    if upload is not None and upload.data:
        code = _clean_language(language, problems)
        checked = problems.check(check_file, upload.filename, upload.data)
        if code is None:
            checked = None
    problems.raise_if_any()
    document = MeetingDocument(meeting_id=meeting.id, doc_class=kind_of,
                               kind=DocumentKind.ORIGINAL, sequence=0, title=cleaned,
                               agenda_item_id=item_id, distribution=level,
                               status=DocumentStatus.DRAFT,
                               created_by_id=getattr(actor, "id", None))

    def next_symbol(doc):
        doc.number = number if number is not None else _next_number(meeting.id, kind_of)
        doc.symbol = symbol_for(meeting, kind_of, doc.number)

    _insert(document, next_symbol, retry=number is None)
    if checked is not None:
        document.files.append(_file_row(language, upload, checked, actor))
        db.session.flush()
    record("doc_register.created", document, meeting=meeting, symbol=document.symbol)
    return document


def _chain_withdrawn(document: MeetingDocument) -> MeetingDocument | None:
    node = document
    while node is not None:
        if node.status == DocumentStatus.WITHDRAWN:
            return node
        node = node.parent
    return None


def _refuse_if_withdrawn(document: MeetingDocument) -> None:
    withdrawn = _chain_withdrawn(document)
    if withdrawn is not None:
        raise DocumentError(_("%(symbol)s has been withdrawn: it cannot be revised, corrected "
                              "or added to.", symbol=withdrawn.symbol))


def suffix_base(document: MeetingDocument, kind: DocumentKind) -> MeetingDocument:
    """The document a new revision, addendum or corrigendum hangs from: a revision replaces
    the original (Rev.2 follows Rev.1 under WP/3); an addendum or corrigendum belongs to the
    document it is asked on, an original or a revision."""
    if kind == DocumentKind.REVISION:
        return document.parent if document.kind == DocumentKind.REVISION else document
    return document


def revise(document: MeetingDocument, kind: str, *, title: dict, actor=None,
           language: str | None = None, upload: Upload | None = None,
           reader: str = "en") -> MeetingDocument:
    """A revision, addendum or corrigendum of an issued document, as a draft: the next suffix
    of its kind (Rev.1, Rev.2 …). A withdrawn document (or one whose parent is) is refused."""
    meeting = document.meeting
    try:
        kind = DocumentKind(kind)
    except ValueError:
        raise DocumentError(_("Not a valid choice."), "kind") from None
    if kind == DocumentKind.ORIGINAL:
        raise DocumentError(_("Not a valid choice."), "kind")
    _refuse_if_withdrawn(document)
    if document.kind in (DocumentKind.ADDENDUM, DocumentKind.CORRIGENDUM):
        raise DocumentError(_("An addendum or corrigendum is not revised or added to; choose "
                              "the document it belongs to."))
    if document.status != DocumentStatus.ISSUED:
        raise DocumentError(_("%(symbol)s is still a draft: change it, or issue it first.",
                              symbol=document.symbol))
    base = suffix_base(document, kind)
    _refuse_if_withdrawn(base)
    problems = Problems(DocumentError)
    cleaned = _clean_title(meeting, title, problems, reader)
    checked = None
    if upload is not None and upload.data:
        code = _clean_language(language, problems)
        checked = problems.check(check_file, upload.filename, upload.data)
        if code is None:
            checked = None
    problems.raise_if_any()
    child = MeetingDocument(meeting_id=meeting.id, doc_class=base.doc_class, number=base.number,
                            kind=kind, parent_id=base.id, title=cleaned,
                            agenda_item_id=base.agenda_item_id, distribution=base.distribution,
                            status=DocumentStatus.DRAFT,
                            created_by_id=getattr(actor, "id", None))

    def next_symbol(doc):
        highest = db.session.scalar(select(func.max(MeetingDocument.sequence)).where(
            MeetingDocument.parent_id == base.id, MeetingDocument.kind == kind))
        doc.sequence = (highest or 0) + 1
        doc.symbol = suffixed(base, kind, doc.sequence)

    _insert(child, next_symbol, retry=True)
    if checked is not None:
        child.files.append(_file_row(language, upload, checked, actor))
        db.session.flush()
    record("doc_register.revised", child, meeting=meeting, symbol=child.symbol,
           of=base.symbol, kind=kind.value)
    return child


def edit(document: MeetingDocument, *, title: dict, agenda_item_id: int | None,
         distribution: str, reader: str = "en") -> None:
    """Title, agenda item and distribution; a withdrawn document stays as it was."""
    if document.status == DocumentStatus.WITHDRAWN:
        raise DocumentError(_("%(symbol)s has been withdrawn; it can no longer be changed.",
                              symbol=document.symbol))
    problems = Problems(DocumentError)
    cleaned = _clean_title(document.meeting, title, problems, reader)
    item_id = _clean_item(document.meeting, agenda_item_id, problems)
    level = _clean_distribution(distribution, problems)
    problems.raise_if_any()
    document.title, document.agenda_item_id, document.distribution = cleaned, item_id, level
    record("doc_register.changed", document, meeting=document.meeting, symbol=document.symbol)


def add_file(document: MeetingDocument, language: str, upload: Upload, actor=None) -> None:
    """A language version: any language of a draft (a new file replaces the old); a language
    the issued document does not have yet (a changed text is a corrigendum or a revision)."""
    problems = Problems(DocumentError)
    code = _clean_language(language, problems)
    if document.status == DocumentStatus.WITHDRAWN:
        problems.add(_("%(symbol)s has been withdrawn; it can no longer be changed.",
                       symbol=document.symbol))
    if upload is None:
        problems.add(_("Choose the file."), "file")
        checked = None
    else:
        checked = problems.check(check_file, upload.filename, upload.data)
    existing = document.file_in(code) if code else None
    if existing is not None and document.status == DocumentStatus.ISSUED:
        problems.add(_("The %(language)s version of an issued document is not replaced: "
                       "issue a corrigendum or a revision.",
                       language=language_name(code)), "language")
    problems.raise_if_any()
    if existing is not None:
        document.files.remove(existing)
        db.session.flush()
    document.files.append(_file_row(code, upload, checked, actor))
    db.session.flush()
    record("doc_register.file_added", document, meeting=document.meeting,
           symbol=document.symbol, language=code)


def issue(document: MeetingDocument, actor=None, *, notify: bool = True) -> int:
    """Draft → issued, once (the database decides between two requests at the same moment);
    a revision supersedes what it revises. Returns how many notices were queued."""
    if document.parent is not None:
        _refuse_if_withdrawn(document.parent)
    if document.status == DocumentStatus.ISSUED:
        raise DocumentError(_("%(symbol)s has already been issued.", symbol=document.symbol))
    if document.status == DocumentStatus.WITHDRAWN:
        raise DocumentError(_("%(symbol)s has been withdrawn; it can no longer be changed.",
                              symbol=document.symbol))
    if not document.files:
        raise DocumentError(_("Attach the file of at least one language before issuing "
                              "%(symbol)s.", symbol=document.symbol))
    now = utcnow()
    changed = db.session.execute(
        update(MeetingDocument).where(MeetingDocument.id == document.id,
                                      MeetingDocument.status == DocumentStatus.DRAFT)
        .values(status=DocumentStatus.ISSUED, issued_at=now)
        .execution_options(synchronize_session=False)).rowcount
    if changed != 1:
        raise DocumentError(_("%(symbol)s has already been issued.", symbol=document.symbol))
    document.status, document.issued_at = DocumentStatus.ISSUED, now
    queued = notify_participants(document) if notify else 0
    if document.kind == DocumentKind.REVISION:
        record("doc_register.revised_issued", document, meeting=document.meeting,
               symbol=document.symbol, notices=queued)
    else:
        record("doc_register.issued", document, meeting=document.meeting,
               symbol=document.symbol, notices=queued)
    return queued


def withdraw(document: MeetingDocument, actor=None) -> None:
    if document.status == DocumentStatus.WITHDRAWN:
        raise DocumentError(_("%(symbol)s has already been withdrawn.", symbol=document.symbol))
    changed = db.session.execute(
        update(MeetingDocument).where(MeetingDocument.id == document.id,
                                      MeetingDocument.status != DocumentStatus.WITHDRAWN)
        .values(status=DocumentStatus.WITHDRAWN, withdrawn_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    if changed != 1:
        raise DocumentError(_("%(symbol)s has already been withdrawn.", symbol=document.symbol))
    db.session.refresh(document)
    record("doc_register.withdrawn", document, meeting=document.meeting, symbol=document.symbol)


# --- the notice -------------------------------------------------------------------------------

def notice_subject(kind: DocumentKind, symbol: str, title: str) -> str:
    if kind == DocumentKind.REVISION:
        return _("Revised document %(symbol)s: %(title)s", symbol=symbol, title=title)
    return _("New document %(symbol)s: %(title)s", symbol=symbol, title=title)


def notice_context(document: MeetingDocument, lang: str) -> dict:
    """What the notice says, in `lang` (called inside that locale)."""
    meeting = document.meeting
    title = TranslatedText(document.title).resolve(lang, meeting.working_language).text
    return {
        "symbol": document.symbol, "title": title, "revised": document.kind ==
        DocumentKind.REVISION, "kind_label": document.kind.label,
        "replaces": document.parent.symbol if document.parent is not None else None,
        "meeting_title": TranslatedText(meeting.title).resolve(
            lang, meeting.working_language).text,
        "languages": format_list([language_name(code, lang) for code in document.languages],
                                 locale=lang),
        "in_own_language": lang in document.languages,
        "link": public_url("doc_register.document", slug=meeting.slug,
                           doc_id=document.id, lang=lang),
    }


def readers_told(document: MeetingDocument) -> list[tuple[object, str]]:
    """(user, language) of each participant who may read the document and is no staff
    member only: once each, whatever their roles."""
    memberships = db.session.scalars(
        select(Membership).where(Membership.meeting_id == document.meeting_id)
        .options(selectinload(Membership.user)).order_by(Membership.id)).all()
    roles: dict[int, set[Role]] = {}
    users = {}
    for membership in memberships:
        roles.setdefault(membership.user_id, set()).add(membership.role)
        users[membership.user_id] = membership.user
    fallback = document.meeting.working_language
    return [(users[user_id], normalise_locale(users[user_id].locale) or fallback)
            for user_id, held in roles.items()
            if users[user_id].active and not held <= STAFF_ROLES
            and document.distribution in levels_for(held)]


def notify_participants(document: MeetingDocument) -> int:
    """One e-mail per participant who may read the document, in their language; the log of
    notices (unique per document and person) keeps a second from being queued."""
    told = set(db.session.scalars(select(DocumentNotice.user_id).where(
        DocumentNotice.document_id == document.id)))
    queued = 0
    for user, lang in readers_told(document):
        if user.id in told:
            continue
        with force_locale(lang):
            context = notice_context(document, lang)
        message = queue_templated(
            "document_issued", user.email, lang,
            lambda c=context: notice_subject(document.kind, c["symbol"], c["title"]),
            meeting=document.meeting, name=user.name, **context)
        db.session.flush()
        db.session.add(DocumentNotice(document_id=document.id, user_id=user.id, language=lang,
                                      message_id=message.id))
        queued += 1
    db.session.flush()
    return queued


# --- reading ----------------------------------------------------------------------------------

def all_documents(meeting) -> list[MeetingDocument]:
    return db.session.scalars(
        select(MeetingDocument).where(MeetingDocument.meeting_id == meeting.id)
        .options(selectinload(MeetingDocument.files), selectinload(MeetingDocument.parent))
        .order_by(MeetingDocument.doc_class, MeetingDocument.number,
                  MeetingDocument.symbol)).all()


def superseded(documents: list[MeetingDocument]) -> set[int]:
    """Ids replaced by a later issued revision: the original and earlier revisions, with their
    addenda and corrigenda."""
    latest: dict[int, int] = {}
    for doc in documents:
        if doc.kind == DocumentKind.REVISION and doc.status == DocumentStatus.ISSUED:
            latest[doc.parent_id] = max(latest.get(doc.parent_id, 0), doc.sequence)
    gone: set[int] = set()
    for doc in documents:
        if doc.kind == DocumentKind.ORIGINAL and doc.id in latest:
            gone.add(doc.id)
        elif doc.kind == DocumentKind.REVISION and doc.sequence < latest.get(doc.parent_id, 0):
            gone.add(doc.id)
    for doc in documents:
        if doc.kind in (DocumentKind.ADDENDUM, DocumentKind.CORRIGENDUM) \
                and doc.parent_id in gone:
            gone.add(doc.id)
    return gone


def readable(document: MeetingDocument, levels: set[Visibility], secretariat: bool) -> bool:
    """The secretariat reads every document; others issued ones of their distribution."""
    if secretariat:
        return True
    return document.status == DocumentStatus.ISSUED and document.distribution in levels


def reader_levels(roles: set[Role]) -> set[Visibility]:
    return levels_for(roles)


@dataclass
class Listing:
    documents: list[MeetingDocument]
    superseded: set[int]


def listing(meeting, levels: set[Visibility], *, secretariat: bool, doc_class: str | None = None,
            language: str | None = None, item_id: int | None = None,
            with_superseded: bool = False) -> Listing:
    """The documents a reader may see, filtered; superseded ones only when asked."""
    documents = all_documents(meeting)
    gone = superseded(documents)
    shown = [doc for doc in documents if readable(doc, levels, secretariat)
             and (with_superseded or doc.id not in gone)
             and (not doc_class or doc.doc_class.value == doc_class)
             and (not language or language in doc.languages)
             and (item_id is None or doc.agenda_item_id == item_id)]
    return Listing(shown, gone)


def meeting_zip(meeting, documents: list[MeetingDocument], language: str | None = None,
                progress=None) -> bytes:
    """One ZIP of the documents' files (one language, or all), named by symbol and language;
    stored, not compressed again (PDFs and Office files are compressed already).
    `progress(done, total)` after each file (a background job's bar)."""
    ids = [doc.id for doc in documents]
    query = select(MeetingDocumentFile).where(MeetingDocumentFile.document_id.in_(ids)) \
        .order_by(MeetingDocumentFile.document_id, MeetingDocumentFile.language)
    if language:
        query = query.where(MeetingDocumentFile.language == language)
    # One file at a time by its id: a progress report may commit between two of them.
    file_ids = list(db.session.scalars(query.with_only_columns(MeetingDocumentFile.id))) \
        if ids else []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for number, file_id in enumerate(file_ids, start=1):
            file = db.session.get(MeetingDocumentFile, file_id)
            document = db.session.get(MeetingDocument, file.document_id)
            folder = file_stem(meeting.symbol_prefix)
            archive.writestr(zipfile.ZipInfo(
                f"{folder}/{download_name(document, file)}",
                date_time=(document.issued_at or document.created_at).timetuple()[:6]),
                file.data)
            db.session.expunge(file)  # its bytes are in the archive now
            if progress is not None:
                progress(number, len(file_ids))
    return buffer.getvalue()


def zip_name(meeting, language: str | None) -> str:
    stem = file_stem(meeting.symbol_prefix)
    return f"{stem}-documents-{language}.zip" if language else f"{stem}-documents.zip"


def issued_count(meeting) -> int:
    """For the series' archive: the documents of the meeting that are issued and current."""
    documents = [doc for doc in all_documents(meeting) if doc.status == DocumentStatus.ISSUED]
    gone = superseded(documents)
    return sum(1 for doc in documents if doc.id not in gone)


def numbered_items(meeting) -> list[dict]:
    """The agenda's items and sub-items in order, numbered as printed (id, number, title,
    visibility): the choices of a document's item and the headings of the lists."""
    found = []
    for block in serialize(meeting)["sessions"]:
        for item in block["items"]:
            found.append(item)
            found.extend(item["children"])
    return [{"id": item["id"], "number": item["number"], "title": item["title"],
             "visibility": item["visibility"]} for item in found]


def issued_day(document: MeetingDocument) -> date | None:
    """The day of issue in the meeting's time zone."""
    if document.issued_at is None:
        return None
    return to_zone(document.issued_at, document.meeting.timezone).date()

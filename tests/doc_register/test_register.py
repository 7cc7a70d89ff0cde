"""The documents register: symbols in the series' pattern, numbered per class (never twice, even
at the same moment), a document in three languages revised and the notice e-mail each
participant receives in their language, uploads checked by their content, bad input refused
whole, distribution per role, the downloads and the meeting's ZIP, valid pages."""
from __future__ import annotations

import io
import re
import threading
import zipfile

import pytest
from pypdf import PdfWriter
from sqlalchemy import func, select

from app.doc_register.models import (
    DocumentNotice,
    DocumentStatus,
    MeetingDocument,
    MeetingDocumentFile,
)
from app.mail.models import OutboxMessage
from tests.agenda.test_document_uploads import encrypted, ooxml, xlsx
from tests.conftest import csrf_token, sign_in, staff_client

DELEGATE = "delegate.th@rtp.example.com"  # Thai, a delegate (no head)
HEAD_AE = "head.ae@moi.example.com"  # Arabic, a head of delegation
OBSERVER = "observer@interpol.example.com"  # French


def pdf(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _meeting(db, demo):
    from app.meetings.models import Meeting

    return db.session.scalar(select(Meeting).where(Meeting.slug == demo))


def _doc(db, symbol: str) -> MeetingDocument:
    db.session.expire_all()
    return db.session.scalar(select(MeetingDocument).where(MeetingDocument.symbol == symbol))


def _count(db, model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def _signed_in(app, email):
    client = app.test_client()
    sign_in(app, client, email)
    return client


def _post(client, url: str, data: dict, page: str):
    token = csrf_token(client.get(page).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data},
                       content_type="multipart/form-data")


# --- symbols and numbers ----------------------------------------------------------------------

def test_symbols_follow_the_series_pattern_numbered_per_class(app, db, demo):
    from app.doc_register import services
    from app.doc_register.services import DocumentError

    meeting = _meeting(db, demo)
    with app.test_request_context():
        inf = services.create(meeting, doc_class="INF", number=None, title={"en": "Venue"},
                              agenda_item_id=None, distribution="public")
        wp = services.create(meeting, doc_class="WP", number=None, title={"en": "Paper"},
                             agenda_item_id=None, distribution="delegates")
        typed = services.create(meeting, doc_class="CRP", number=7, title={"en": "Room"},
                                agenda_item_id=None, distribution="heads")
        db.session.commit()
        assert (inf.symbol, wp.symbol, typed.symbol) == ("BC/1/INF/2", "BC/1/WP/3", "BC/1/CRP/7")
        before = _count(db, MeetingDocument)
        with pytest.raises(DocumentError) as refused:
            services.create(meeting, doc_class="WP", number=2, title={"en": "Again"},
                            agenda_item_id=None, distribution="delegates")
        db.session.rollback()
    assert "BC/1/WP/2 already exists" in refused.value.message
    assert _count(db, MeetingDocument) == before
    # revisions, addenda and corrigenda hang from their document, numbered per kind
    rev = _doc(db, "BC/1/WP/1/Rev.1")
    with app.test_request_context():
        add = services.revise(rev, "addendum", title={"en": "Annex"})
        corr = services.revise(rev, "corrigendum", title={"en": "Correction"})
        rev2 = services.revise(rev, "revision", title={"en": "Second revision"})
        db.session.commit()
        assert (add.symbol, corr.symbol, rev2.symbol) == (
            "BC/1/WP/1/Rev.1/Add.1", "BC/1/WP/1/Rev.1/Corr.1", "BC/1/WP/1/Rev.2")


def test_parallel_creation_never_gives_the_same_number(app, db, demo):
    """Eight requests at once ask for the next working paper: eight different numbers, with
    no gap, the database deciding (on PostgreSQL the inserts really run side by side)."""
    from app.doc_register import services
    from app.extensions import db as _db

    meeting_id = _meeting(db, demo).id
    db.session.remove()
    barrier = threading.Barrier(8)
    made, failed = [], []

    def create(index: int) -> None:
        with app.test_request_context():
            from app.meetings.models import Meeting

            try:
                meeting = _db.session.get(Meeting, meeting_id)
                barrier.wait(timeout=10)
                doc = services.create(meeting, doc_class="WP", number=None,
                                      title={"en": f"Paper {index}"}, agenda_item_id=None,
                                      distribution="delegates")
                _db.session.commit()
                made.append(doc.number)
            except Exception as exc:  # noqa: BLE001 - reported below
                failed.append(repr(exc))
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=create, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if db.engine.dialect.name == "sqlite":
        # SQLite lets one writer at a time: a request may time out waiting, never share a number.
        failed = [f for f in failed if "locked" not in f]
    assert failed == []
    assert len(made) == len(set(made))
    if db.engine.dialect.name == "postgresql":
        assert sorted(made) == list(range(3, 11))
    symbols = db.session.scalars(select(MeetingDocument.symbol)).all()
    assert len(symbols) == len(set(symbols))


def test_two_issues_at_once_tell_each_participant_once(app, db, demo):
    """A double click, or two staff members at the same moment: the draft is issued once, the
    other request is refused, and nobody gets two notices."""
    from app.doc_register import services
    from app.doc_register.services import DocumentError
    from app.extensions import db as _db

    draft_id = _doc(db, "BC/1/WP/2").id
    db.session.remove()
    barrier = threading.Barrier(2)
    outcomes = []

    def issue() -> None:
        with app.test_request_context():
            try:
                doc = _db.session.get(MeetingDocument, draft_id)
                barrier.wait(timeout=10)
                told = services.issue(doc)
                _db.session.commit()
                outcomes.append(("issued", told))
            except DocumentError as exc:
                _db.session.rollback()
                outcomes.append(("refused", exc.message))
            except Exception as exc:  # noqa: BLE001 - SQLite: one writer at a time
                _db.session.rollback()
                outcomes.append(("error", repr(exc)))
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    issued = [told for kind, told in outcomes if kind == "issued"]
    assert len(issued) == 1 and issued[0] > 3
    others = [o for o in outcomes if o[0] != "issued"]
    assert others == [("refused", "BC/1/WP/2 has already been issued.")] or (
        db.engine.dialect.name == "sqlite" and "locked" in others[0][1])
    notices = db.session.scalars(select(DocumentNotice.user_id).where(
        DocumentNotice.document_id == draft_id)).all()
    assert len(notices) == len(set(notices)) == issued[0]


# --- three languages, revised, and the notice ---------------------------------------------------

def test_a_document_in_three_languages_revised_and_the_notice_e_mail(app, db, demo,
                                                                    smtp_server):
    from app.mail.services import deliver_due

    staff = staff_client(app)
    base = f"/meetings/{demo}/documents"
    created = _post(staff, f"{base}/new", {
        "doc_class": "WP", "number": "", "title_en": "Victim referral between agencies",
        "title_th": "การส่งต่อผู้เสียหายระหว่างหน่วยงาน", "title_fr": "Orientation des victimes",
        "agenda_item_id": "0", "distribution": "delegates", "language": "en",
        "file": (io.BytesIO(pdf()), "referral.pdf")}, f"{base}/new")
    assert created.status_code == 302, created.get_data(as_text=True)
    doc = _doc(db, "BC/1/WP/3")
    assert doc.status == DocumentStatus.DRAFT and doc.languages == ["en"]
    page = f"{base}/{doc.id}"
    for lang in ("th", "fr"):
        response = _post(staff, f"{page}/files", {
            "language": lang, "file": (io.BytesIO(pdf()), f"referral-{lang}.pdf")}, page)
        assert response.status_code == 302
    assert _doc(db, "BC/1/WP/3").languages == ["en", "fr", "th"]
    # a participant does not see the draft
    delegate = _signed_in(app, DELEGATE)
    assert delegate.get(page).status_code == 404
    before = _count(db, OutboxMessage)
    issued = _post(staff, f"{page}/issue", {}, page)
    assert issued.status_code == 302
    notices = db.session.scalars(select(DocumentNotice).where(
        DocumentNotice.document_id == doc.id)).all()
    told = {n.user_id: n.language for n in notices}
    assert len(told) == len(notices) == _count(db, OutboxMessage) - before > 3
    # issuing again (a double click) sends nothing more and says why
    again = _post(staff, f"{page}/issue", {}, page)
    assert "has already been issued" in staff.get(again.headers["Location"]).get_data(
        as_text=True)
    assert _count(db, OutboxMessage) - before == len(notices)
    # the revision: in the same three languages, superseding the original
    revised = _post(staff, f"{page}/revise", {
        "kind": "revision", "title_en": "Victim referral between agencies (revised)",
        "title_th": "การส่งต่อผู้เสียหายระหว่างหน่วยงาน (ฉบับแก้ไข)",
        "language": "en", "file": (io.BytesIO(pdf(2)), "referral-rev.pdf")}, f"{page}/revise")
    assert revised.status_code == 302, revised.get_data(as_text=True)
    rev = _doc(db, "BC/1/WP/3/Rev.1")
    rev_page = f"{base}/{rev.id}"
    for lang in ("th", "fr"):
        _post(staff, f"{rev_page}/files", {"language": lang,
                                           "file": (io.BytesIO(pdf(2)), "r.pdf")}, rev_page)
    assert _post(staff, f"{rev_page}/issue", {}, rev_page).status_code == 302
    with app.app_context():
        deliver_due()
    mails = [(rcpt[0], mail) for rcpt, mail in smtp_server.messages
             if "BC/1/WP/3" in mail["Subject"]]
    by_person = {}
    for rcpt, mail in mails:
        by_person.setdefault(rcpt, []).append(mail)
    # one notice per person per document, never two
    assert all(len(got) == 2 for got in by_person.values())
    thai = by_person[DELEGATE]
    assert "BC/1/WP/3/Rev.1" in thai[1]["Subject"]
    assert "การส่งต่อผู้เสียหายระหว่างหน่วยงาน (ฉบับแก้ไข)" in thai[1]["Subject"]
    text = thai[1].get_body(("plain",)).get_content()
    assert "การส่งต่อผู้เสียหายระหว่างหน่วยงาน (ฉบับแก้ไข)" in text
    assert "อังกฤษ" in text and "ฝรั่งเศส" in text and "ไทย" in text  # CLDR's names, in Thai
    assert "BC/1/WP/3" in text  # what the revision replaces
    assert f"/meetings/{demo}/documents/{rev.id}?lang=th" in text
    assert thai[1]["Content-Language"] == "th"
    arabic = by_person[HEAD_AE][0]
    assert arabic["Content-Language"] == "ar"
    assert "الإنجليزية" in arabic.get_body(("plain",)).get_content()
    assert "Victim referral between agencies" in arabic["Subject"]  # no Arabic title: English
    french = by_person[OBSERVER][1]
    assert french["Content-Language"] == "fr"
    assert "Victim referral between agencies (revised)" in french.get_body(
        ("plain",)).get_content()  # the revision has no French title: the working language
    # the lists show the revision, not what it replaced; the original says it is superseded
    listing = delegate.get(f"{base}/").get_data(as_text=True)
    assert "BC/1/WP/3/Rev.1" in listing and ">BC/1/WP/3<" not in listing
    everything = delegate.get(f"{base}/?superseded=1").get_data(as_text=True)
    assert ">BC/1/WP/3<" in everything
    assert "superseded by a revision" in delegate.get(page + "?lang=en").get_data(as_text=True)
    # the audit log: issue and revised issue
    from app.audit.models import AuditEntry

    actions = set(db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.action.like("doc_register.%"))))
    assert {"doc_register.issued", "doc_register.revised_issued", "doc_register.revised",
            "doc_register.file_added"} <= actions


# --- content checks ----------------------------------------------------------------------------

def _macro_docx() -> bytes:
    return ooxml("docx", extra={"word/vbaProject.bin": b"\0" * 100})


@pytest.mark.parametrize(("name", "data", "message"), [
    ("paper.pdf", ooxml("docx"), "not a valid document of its type"),  # a DOCX named .pdf
    ("paper.docx", xlsx(), "not a valid document of its type"),  # a workbook named .docx
    ("paper.xlsx", ooxml("docx"), "not a valid document of its type"),
    ("paper.docx", _macro_docx(), "not a valid document of its type"),  # macros
    ("paper.docx", encrypted(), "protected by a password"),
    ("paper.pdf", pdf(password="secret"), "protected by a password"),
    ("paper.pdf", b"%PDF-1.7\n%%EOF", "not a valid document of its type"),  # a header only
    ("paper.pdf", b"%PDF-1.7\n" + b"garbage " * 200 + b"\n%%EOF\n",
     "not a valid document of its type"),
    ("paper.exe", pdf(), "Attach a PDF, DOCX or XLSX file."),
    ("paper.pdf", b"", "The file is empty."),
])
def test_uploads_are_checked_by_their_content(app, db, demo, name, data, message):
    staff = staff_client(app)
    doc = _doc(db, "BC/1/WP/2")  # the demo's draft
    page = f"/meetings/{demo}/documents/{doc.id}"
    before = _count(db, MeetingDocumentFile)
    response = _post(staff, f"{page}/files", {"language": "fr",
                                              "file": (io.BytesIO(data), name)}, page)
    assert response.status_code == 302
    assert message in staff.get(page).get_data(as_text=True)
    assert _count(db, MeetingDocumentFile) == before


def test_real_office_files_are_kept_and_too_large_ones_refused(app, db, demo, monkeypatch):
    from app.doc_register import files

    staff = staff_client(app)
    doc = _doc(db, "BC/1/WP/2")
    page = f"/meetings/{demo}/documents/{doc.id}"
    for lang, name, data in (("fr", "a.docx", ooxml("docx")), ("es", "b.xlsx", xlsx())):
        _post(staff, f"{page}/files", {"language": lang, "file": (io.BytesIO(data), name)}, page)
    kept = {f.language: f.content_type for f in _doc(db, "BC/1/WP/2").files}
    assert kept["fr"].endswith("wordprocessingml.document")
    assert kept["es"].endswith("spreadsheetml.sheet")
    big = pdf(5)
    monkeypatch.setattr(files, "MAX_BYTES", len(big) - 1)
    _post(staff, f"{page}/files", {"language": "pt", "file": (io.BytesIO(big), "c.pdf")}, page)
    assert "The file is too large" in staff.get(page).get_data(as_text=True)
    assert "pt" not in _doc(db, "BC/1/WP/2").languages


# --- bad input ---------------------------------------------------------------------------------

def test_bad_input_is_refused_whole_with_every_problem_at_once(app, db, demo):
    staff = staff_client(app)
    url = f"/meetings/{demo}/documents/new"
    before = (_count(db, MeetingDocument), _count(db, MeetingDocumentFile))
    response = _post(staff, url + "?lang=en", {
        "doc_class": "WP", "number": "1", "title_en": "", "title_fr": "Un titre",
        "agenda_item_id": "0", "distribution": "delegates", "language": "fr",
        "file": (io.BytesIO(xlsx()), "note.pdf")}, url + "?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The symbol BC/1/WP/1 already exists" in html
    assert "the meeting&#39;s working language" in html or "the meeting's working language" \
        in html
    assert "This file is not a valid document of its type." in html
    assert (_count(db, MeetingDocument), _count(db, MeetingDocumentFile)) == before


def test_a_withdrawn_document_is_not_revised(app, db, demo):
    staff = staff_client(app)
    base = f"/meetings/{demo}/documents"
    crp = _doc(db, "BC/1/CRP/1")
    page = f"{base}/{crp.id}"
    assert _post(staff, f"{page}/withdraw", {}, page).status_code == 302
    assert _doc(db, "BC/1/CRP/1").status == DocumentStatus.WITHDRAWN
    before = _count(db, MeetingDocument)
    response = _post(staff, f"{page}/revise", {"kind": "revision", "title_en": "New",
                                               "language": "en"}, f"{page}/revise")
    assert response.status_code == 400
    assert "BC/1/CRP/1 has been withdrawn" in response.get_data(as_text=True)
    assert _count(db, MeetingDocument) == before
    # nor corrected, nor added to
    again = _post(staff, f"{page}/revise", {"kind": "corrigendum", "title_en": "N",
                                            "language": "en"}, f"{page}/revise")
    assert "BC/1/CRP/1 has been withdrawn" in again.get_data(as_text=True)
    assert _count(db, MeetingDocument) == before


# --- who reads what ----------------------------------------------------------------------------

def test_each_reader_sees_the_documents_of_their_distribution(app, db, demo):
    base = f"/meetings/{demo}/documents/"
    anonymous = app.test_client().get(base).get_data(as_text=True)
    assert "BC/1/INF/1" in anonymous and "BC/1/WP/1" not in anonymous
    delegate = _signed_in(app, DELEGATE).get(base).get_data(as_text=True)
    assert "BC/1/WP/1/Rev.1" in delegate and "BC/1/CRP/1" not in delegate
    assert "BC/1/WP/2" not in delegate  # a draft
    head = _signed_in(app, HEAD_AE).get(base).get_data(as_text=True)
    assert "BC/1/CRP/1" in head
    staff = staff_client(app).get(base).get_data(as_text=True)
    assert "BC/1/WP/2" in staff
    # filtered by class and language
    french = _signed_in(app, DELEGATE).get(base + "?language=fr&class=WP").get_data(
        as_text=True)
    assert "BC/1/WP/1/Rev.1" in french and "BC/1/INF/1" not in french


def test_downloads_are_named_by_symbol_and_the_zip_holds_every_language(app, db, demo):
    delegate = _signed_in(app, DELEGATE)
    rev = _doc(db, "BC/1/WP/1/Rev.1")
    response = delegate.get(f"/meetings/{demo}/documents/{rev.id}/file/fr")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=BC-1-WP-1-Rev.1_fr.pdf"
    assert delegate.get(f"/meetings/{demo}/documents/{rev.id}/file/ar").status_code == 404
    every = zipfile.ZipFile(io.BytesIO(delegate.get(f"/meetings/{demo}/documents/all.zip").data))
    names = set(every.namelist())
    assert {"BC-1/BC-1-WP-1-Rev.1_en.pdf", "BC-1/BC-1-WP-1-Rev.1_ko.pdf",
            "BC-1/BC-1-WP-1-Rev.1_fr.pdf", "BC-1/BC-1-INF-1_en.pdf"} <= names
    assert not any("CRP" in n or "WP-2" in n or n.startswith("BC-1/BC-1-WP-1_") for n in names)
    assert every.read("BC-1/BC-1-WP-1-Rev.1_fr.pdf") == response.data
    assert every.testzip() is None
    korean = zipfile.ZipFile(io.BytesIO(
        delegate.get(f"/meetings/{demo}/documents/all.zip?language=ko").data))
    assert korean.namelist() and all(n.endswith("_ko.pdf") for n in korean.namelist())
    public = zipfile.ZipFile(io.BytesIO(app.test_client().get(
        f"/meetings/{demo}/documents/all.zip").data))
    assert {n.split("/")[1].rsplit("_", 1)[0] for n in public.namelist()} == {"BC-1-INF-1"}


def test_the_series_archive_lists_the_meetings_documents(app, db, demo):
    page = staff_client(app).get("/series/breaking-chains/?lang=en").get_data(as_text=True)
    assert f'<a href="/meetings/{demo}/documents/">3 documents</a>' in page
    assert f"/meetings/{demo}/documents/all.zip" in page


def test_the_demo_documents_are_pdfs_in_their_language(app, db, demo):
    from tests.conftest import pdf_text

    rev = _doc(db, "BC/1/WP/1/Rev.1")
    korean = next(f for f in rev.files if f.language == "ko")
    assert "BC/1/WP/1/Rev.1" in pdf_text(korean.data)
    assert "스캠 단지 공동수사를 위한 공통 체계" in re.sub(r"\s+", " ", pdf_text(korean.data))


# --- valid pages -------------------------------------------------------------------------------

@pytest.mark.one_database
def test_the_register_pages_are_valid_html(app, db, demo, tmp_path):
    from tests.checkers import vnu_errors

    staff = staff_client(app)
    rev = _doc(db, "BC/1/WP/1/Rev.1")
    draft = _doc(db, "BC/1/WP/2")
    base = f"/meetings/{demo}/documents"
    pages = {}
    for lang in ("en", "ar", "th", "km"):
        for name, url in (("index", f"{base}/?class=WP"), ("doc", f"{base}/{rev.id}"),
                          ("draft", f"{base}/{draft.id}"), ("new", f"{base}/new"),
                          ("edit", f"{base}/{rev.id}/edit"),
                          ("revise", f"{base}/{rev.id}/revise")):
            response = staff.get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
            assert response.status_code == 200, (name, lang)
            pages[f"{name}-{lang}"] = response.get_data(as_text=True)
    bad = _post(staff, f"{base}/new", {"doc_class": "WP", "number": "1", "title_en": "",
                                       "agenda_item_id": "0", "distribution": "delegates",
                                       "language": "en"}, f"{base}/new")
    pages["new-errors"] = bad.get_data(as_text=True)
    assert vnu_errors(pages, tmp_path) == []


def test_an_agenda_items_documents_are_one_click_from_the_item(app, db, demo):
    from tests.agenda.helpers import item_titled

    staff = staff_client(app)
    item = item_titled(db, "Launch of Operation Breaking Chains: objectives and framework")
    editor = staff.get(f"/meetings/{demo}/agenda/items/{item.id}/edit").get_data(as_text=True)
    link = f"/meetings/{demo}/documents/?item={item.id}"
    assert link in editor
    delegate = _signed_in(app, DELEGATE)
    listing = delegate.get(link).get_data(as_text=True)
    assert "BC/1/WP/1/Rev.1" in listing and "BC/1/INF/1" not in listing  # INF/1: another item
    agenda = delegate.get(f"/meetings/{demo}/agenda").get_data(as_text=True)
    assert f'href="/meetings/{demo}/documents/"' in agenda


@pytest.mark.parametrize("lang", ["en", "ko", "zh_Hans", "ja", "vi", "th", "km", "lo", "id",
                                  "ms", "fil", "ar", "fr", "es", "pt"])
def test_the_register_reads_in_every_language(app, db, demo, lang):
    """The list and a document in each of the 15 languages: the page's lang and direction, the
    heading and the labels from the catalogue (not the English), the symbols left to right."""
    staff = staff_client(app)
    rev = _doc(db, "BC/1/WP/1/Rev.1")
    base = f"/meetings/{demo}/documents"
    listing = staff.get(f"{base}/?lang={lang}").get_data(as_text=True)
    page = staff.get(f"{base}/{rev.id}?lang={lang}").get_data(as_text=True)
    html_lang = lang.replace("_", "-")
    for html in (listing, page):
        assert f'<html lang="{html_lang}" dir="{"rtl" if lang == "ar" else "ltr"}"' in html
        assert '<p class="symbol" dir="ltr">' in html
    if lang != "en":
        for english in ("<h1>Meeting documents</h1>", ">Date of issue<", ">Class of document<",
                        "Show superseded documents", "All issued documents as one ZIP file"):
            assert english not in listing, (lang, english)
        for english in (">Language versions<", "Revisions, addenda and "
                        "corrigenda", "Issue on top of it:"):
            assert english not in page, (lang, english)


def test_flask_export_documents_writes_the_zip_participants_download(app, db, demo, tmp_path):
    runner = app.test_cli_runner()
    every, korean = tmp_path / "all.zip", tmp_path / "ko.zip"
    result = runner.invoke(args=["export", "documents", demo, "--lang", "all", "-o", str(every)])
    assert result.exit_code == 0, result.output
    names = set(zipfile.ZipFile(every).namelist())
    assert "BC-1/BC-1-WP-1-Rev.1_fr.pdf" in names and "BC-1/BC-1-INF-1_ko.pdf" in names
    assert not any("CRP" in name or "WP-2" in name for name in names)  # heads only; a draft
    result = runner.invoke(args=["export", "documents", demo, "--lang", "ko", "-o", str(korean)])
    assert result.exit_code == 0, result.output
    assert all(n.endswith("_ko.pdf") for n in zipfile.ZipFile(korean).namelist())
    refused = runner.invoke(args=["export", "documents", demo, "--lang", "xx", "-o",
                                  str(tmp_path / "x.zip")])
    assert refused.exit_code != 0 and "not one of the UI locales" in refused.output


def test_a_drafts_language_version_is_replaced_and_an_issued_ones_is_not(app, db, demo):
    staff = staff_client(app)
    draft = _doc(db, "BC/1/WP/2")
    page = f"/meetings/{demo}/documents/{draft.id}"
    first = next(f.sha256 for f in draft.files if f.language == "en")
    _post(staff, f"{page}/files", {"language": "en", "file": (io.BytesIO(pdf(3)), "new.pdf")},
          page)
    files = [f for f in _doc(db, "BC/1/WP/2").files if f.language == "en"]
    assert len(files) == 1 and files[0].sha256 != first
    rev = _doc(db, "BC/1/WP/1/Rev.1")
    rev_page = f"/meetings/{demo}/documents/{rev.id}"
    kept = {f.language: f.sha256 for f in rev.files}
    _post(staff, f"{rev_page}/files", {"language": "fr", "file": (io.BytesIO(pdf(3)), "f.pdf")},
          rev_page)
    assert "issue a corrigendum or a revision" in staff.get(rev_page).get_data(as_text=True)
    _post(staff, f"{rev_page}/files", {"language": "es", "file": (io.BytesIO(pdf(3)), "e.pdf")},
          rev_page)  # a language it did not have yet
    after = {f.language: f.sha256 for f in _doc(db, "BC/1/WP/1/Rev.1").files}
    assert {k: v for k, v in after.items() if k != "es"} == kept and "es" in after

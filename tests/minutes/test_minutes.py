"""Minutes: drafted with a preview, versioned, circulated for comments, approved and locked,
printed as an A4 PDF with the DRAFT mark until approval."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader
from sqlalchemy import select

from app.mail.models import OutboxMessage
from app.minutes.models import ActionPoint, Minutes, MinutesStatus
from tests.agenda.helpers import item_titled
from tests.conftest import csrf_token, pdf_text, sign_in, staff_client

BASE = "/meetings/bc-2025-seoul/minutes"
HOSTILE = ("Opening. <script>alert(1)</script> <img src=x onerror=alert(2)> "
           "[click](javascript:alert(3)) <a href=\"javascript:alert(4)\">x</a>")


def _save(client, item_id, body, lang="en", page=None):
    page = page or client.get(f"{BASE}/items/{item_id}?lang={lang}").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    return client.post(f"{BASE}/items/{item_id}?lang={lang}", data={
        "csrf_token": csrf_token(page), "body": body, "status": "draft", "version": version})


def test_staff_write_minutes_with_versions_and_a_readable_diff(app, db, demo):
    client = staff_client(app)
    item = item_titled(db, "Statements by delegations")
    assert _save(client, item.id, "Ten delegations made statements.").status_code == 302
    assert _save(client, item.id, "Twelve delegations made statements.").status_code == 302
    history = client.get(f"{BASE}/items/{item.id}/history?lang=en").get_data(as_text=True)
    assert "<del>Ten</del>" in history and "<ins>Twelve</ins>" in history
    preview = client.post(f"{BASE}/preview", data={
        "csrf_token": csrf_token(history), "body": "**bold** " + HOSTILE})
    html = preview.get_data(as_text=True)
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and "alert(1)" not in html and "onerror" not in html
    assert "<img" not in html and 'href="javascript' not in html


def test_hostile_markdown_is_harmless_in_the_page_and_the_pdf(app, db, demo):
    client = staff_client(app)
    item = item_titled(db, "Statements by delegations")
    _save(client, item.id, HOSTILE)
    page = client.get(f"{BASE}/items/{item.id}?lang=en").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert 'href="javascript' not in page
    pdf = client.get(f"{BASE}/minutes.pdf?lang=en")
    assert pdf.status_code == 200
    assert b"/JavaScript" not in pdf.data and b"/JS" not in pdf.data
    assert b"javascript:" not in pdf.data.lower()


def test_stale_edit_gives_409_with_both_texts(app, db, demo):
    first, second = staff_client(app), staff_client(app)
    item = item_titled(db, "Statements by delegations")
    opened = second.get(f"{BASE}/items/{item.id}?lang=en").get_data(as_text=True)
    assert _save(first, item.id, "Text of the first editor.").status_code == 302
    stale = _save(second, item.id, "Text of the second editor.", page=opened)
    assert stale.status_code == 409
    body = stale.get_data(as_text=True)
    assert "Text of the first editor." in body and "Text of the second editor." in body
    page = first.get(f"{BASE}/items/{item.id}?lang=en").get_data(as_text=True)
    assert "Text of the first editor." in page


def test_circulated_to_heads_who_comment_then_approved_and_locked(app, db, demo):
    staff = staff_client(app)
    page = staff.get(f"{BASE}/").get_data(as_text=True)
    token = csrf_token(page)
    delegate = app.test_client()
    sign_in(app, delegate, "delegate.th@rtp.example.com")
    assert delegate.get(f"{BASE}/").status_code == 403  # drafts are not for delegates
    staff.post(f"{BASE}/circulate", data={"csrf_token": token})
    mails = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "minutes_circulated")).all()
    assert {m.recipient for m in mails} >= {"head.th@rtp.example.com",
                                            "head.ae@moi.example.com"}
    head = app.test_client()
    sign_in(app, head, "head.th@rtp.example.com")
    item = item_titled(db, "Adoption of the agenda")
    page = head.get(f"{BASE}/items/{item.id}").get_data(as_text=True)
    assert "adopted without amendment" in page
    head.post(f"{BASE}/items/{item.id}/comments", data={
        "csrf_token": csrf_token(page), "body": "Please record that Thailand seconded."})
    assert "Please record that Thailand seconded." in staff.get(
        f"{BASE}/items/{item.id}").get_data(as_text=True)
    assert head.post(f"{BASE}/items/{item.id}?lang=en", data={
        "csrf_token": csrf_token(page), "body": "rewritten", "version": "1",
        "status": "draft"}).status_code == 403
    draft = pdf_text(staff.get(f"{BASE}/minutes.pdf?lang=en").data)
    assert "DRAFT" in draft
    staff.post(f"{BASE}/approve", data={"csrf_token": token})
    minutes = db.session.scalar(select(Minutes))
    db.session.refresh(minutes)
    assert minutes.status == MinutesStatus.APPROVED
    refused = staff.post(f"{BASE}/items/{item.id}?lang=en", data={
        "csrf_token": token, "body": "changed after approval", "status": "draft",
        "version": "1"})
    assert "approved and can no longer be changed" in refused.get_data(as_text=True)
    assert "changed after approval" not in staff.get(
        f"{BASE}/items/{item.id}?lang=en").get_data(as_text=True)
    assert delegate.get(f"{BASE}/").status_code == 200  # approved: open to the meeting


def test_minutes_pdf_has_cover_symbol_classification_pages_and_action_table(app, db, demo):
    client = staff_client(app)
    response = client.get(f"{BASE}/minutes.pdf?lang=en")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = pdf_text(response.data)
    pages = len(reader.pages)
    assert "BC/1/MIN" in text and "RESTRICTED" in text and "DRAFT" in text
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "SRISUK, Nattaya" in text  # attendance from the registrations
    assert re.search(r"2\s*Adoption of the agenda", text)  # numbered as on the agenda
    assert re.search(r"4\(a\)\s*Voice phishing", text)
    assert "Name the national contact point" in text
    korean = pdf_text(client.get(f"{BASE}/minutes.pdf?lang=ko").data)
    assert "수정 없이 채택" in korean
    assert client.get(f"{BASE}/minutes.pdf?lang=lo").status_code == 404  # no Lao text


def test_head_updates_own_agencys_action_point_only(app, db, demo):
    own = db.session.scalar(select(ActionPoint).where(ActionPoint.description.like(
        "Update the regional threat assessment%")))
    other = db.session.scalar(select(ActionPoint).where(ActionPoint.description.like(
        "Name the national contact point%")))
    staff = staff_client(app)
    minutes_page = staff.get(f"{BASE}/").get_data(as_text=True)
    staff.post(f"{BASE}/circulate", data={"csrf_token": csrf_token(minutes_page)})
    head = app.test_client()
    sign_in(app, head, "head.th@rtp.example.com")
    token = csrf_token(head.get(f"{BASE}/").get_data(as_text=True))
    assert head.post(f"{BASE}/actions/{own.id}/status",
                     data={"csrf_token": token, "status": "done"}).status_code == 302
    assert head.post(f"{BASE}/actions/{other.id}/status",
                     data={"csrf_token": token, "status": "done"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(ActionPoint, own.id).status == "done"
    assert db.session.get(ActionPoint, other.id).status == "open"


def test_export_cli_writes_the_minutes(app, demo, tmp_path):
    out = tmp_path / "minutes.pdf"
    result = app.test_cli_runner().invoke(args=["export", "minutes", demo, "--lang", "en",
                                                "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "BC/1/MIN" in pdf_text(out.read_bytes())


def test_once_approved_delegates_and_observers_have_a_minutes_tab_without_heads_only_items(
        app, db, demo):
    """Before approval the menu of a delegate has no Minutes; after it, delegates and
    observers find the tab on the agenda and overview pages (also when the agenda page comes
    from the shared pages) and read the minutes of the items they may see: the closed
    session's items (heads only) stay with heads, in the page and in the PDF."""
    staff = staff_client(app)
    readers = {}
    for email in ("delegate.th@rtp.example.com", "observer@interpol.example.com",
                  "head.th@rtp.example.com"):
        readers[email] = app.test_client()
        sign_in(app, readers[email], email)
    delegate, observer, head = readers.values()
    tab = f'<a href="{BASE}/"'
    pages = ("/meetings/bc-2025-seoul/agenda", "/meetings/bc-2025-seoul/")
    for _ in range(2):  # the second agenda request is served from the shared pages
        for page in pages:
            assert tab not in delegate.get(page).get_data(as_text=True), page
    token = csrf_token(staff.get(f"{BASE}/").get_data(as_text=True))
    staff.post(f"{BASE}/circulate", data={"csrf_token": token})
    staff.post(f"{BASE}/approve", data={"csrf_token": token})
    closed = item_titled(db, "Channels for sharing intelligence on scam syndicates")
    for reader in (delegate, observer):
        for page in pages:
            assert tab in reader.get(page).get_data(as_text=True), page
        index = reader.get(f"{BASE}/?lang=en").get_data(as_text=True)
        assert "Adoption of the agenda" in index
        assert "Channels for sharing intelligence" not in index
        assert "Name the national contact point" not in index
        assert reader.get(f"{BASE}/items/{closed.id}").status_code == 404
        text = pdf_text(reader.get(f"{BASE}/minutes.pdf?lang=en").data)
        assert "Adoption of the agenda" in text
        assert "Channels for sharing" not in text and "national contact point" not in text
    index = head.get(f"{BASE}/?lang=en").get_data(as_text=True)
    assert tab in index and "Channels for sharing intelligence" in index
    assert "heads of delegation discussed secure channels" in head.get(
        f"{BASE}/items/{closed.id}").get_data(as_text=True).lower()

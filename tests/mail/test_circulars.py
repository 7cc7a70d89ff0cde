"""Circulars: recipients chosen by group, a text per language, files checked by content,
a preview with the count before sending, each recipient in their language over real SMTP,
a log of who received what; bad input all reported at once, nothing half-saved."""
from __future__ import annotations

import io
import re
from html import unescape

import pytest
from sqlalchemy import func, select, text

from app.audit.models import AuditEntry
from app.circulars.models import Circular, CircularRecipient
from app.mail.models import MailAttachment, OutboxMessage
from app.mail.services import deliver_due
from app.meetings.models import Organisation
from tests.conftest import csrf_token, sign_in_staff

NEW = "/outbox/circulars/new?meeting=bc-2025-seoul"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _post(client, data: dict, files=()):
    page = client.get(NEW).get_data(as_text=True)
    payload = {"csrf_token": csrf_token(page), **data}
    if files:
        payload["attachments"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post(NEW, data=payload, content_type="multipart/form-data")


def _errors(html: str) -> list[str]:
    return [unescape(m) for m in re.findall(r'<p class="error" id="[^"]+-error">(.*?)</p>',
                                            html, re.S)]


def test_every_problem_at_once_and_nothing_saved(app, db, demo):
    client = app.test_client()
    sign_in_staff(app, client)
    response = _post(client, {"audience": "heads", "subject_en": "Venue change",
                              "body_en": "The venue has changed.", "subject_fr": "Changement"},
                     files=[("list.exe", b"MZ\x90\x00"), ("fake.pdf", b"not a pdf"),
                            ("sheet.xlsx", b"PK\x03\x04 not really")])
    assert response.status_code == 200
    errors = _errors(response.get_data(as_text=True))
    joined = " ".join(errors)
    assert "Write both the subject and the text in French, or neither." in joined
    assert "“list.exe”: attach PDF, DOCX or XLSX files only." in joined
    assert "“fake.pdf”: This file is not a valid document of its type." in joined
    assert "“sheet.xlsx”:" in joined
    # who has no text: the Thai head by name, and the working language offered
    thai = next(e for e in errors if e.startswith("No text in Thai"))
    assert "Somchai Wongsakul" in thai and "send them the English text" in thai
    assert 'name="working_language"' in response.get_data(as_text=True)
    assert _count(db, Circular) == _count(db, MailAttachment) == 0


def test_a_delegation_or_category_must_be_named_and_the_group_not_empty(app, db, demo):
    client = app.test_client()
    sign_in_staff(app, client)
    texts = {"subject_en": "Note", "body_en": "Text", "working_language": "y"}
    for data, message in (
            ({"audience": "delegation"}, "Choose the delegation."),
            ({"audience": "delegation", "organisation": "99999"}, "Choose the delegation."),
            ({"audience": "category"}, "Choose the category."),
            ({"audience": "category", "category": "press"}, "Not a valid choice."),
            ({"audience": "everyone"}, "Not a valid choice.")):
        html = _post(client, {**texts, **data}).get_data(as_text=True)
        assert message in " ".join(_errors(html)), data
    html = _post(client, {"audience": "heads"}).get_data(as_text=True)
    assert "Write the subject and text in at least one language." in " ".join(_errors(html))
    assert _count(db, Circular) == 0


def test_a_delegation_gets_it_in_its_languages_with_the_file_over_smtp(app, db, demo,
                                                                       smtp_server):
    rtp = db.session.scalar(select(Organisation).where(Organisation.code == "rtp"))
    db.session.execute(OutboxMessage.__table__.delete())  # the demo's own e-mails
    db.session.commit()
    client = app.test_client()
    sign_in_staff(app, client)
    response = _post(client, {
        "audience": "delegation", "organisation": str(rtp.id),
        "subject_en": "Shuttle times", "body_en": "Buses leave at 8:00.",
        "subject_th": "เวลารถรับส่ง", "body_th": "รถออกเวลา 8:00 น."},
        files=[("Shuttle plan.pdf", PDF)])
    assert response.status_code == 302, _errors(response.get_data(as_text=True))
    preview = client.get(response.headers["Location"]).get_data(as_text=True)
    circular = db.session.scalar(select(Circular))
    expected = int(re.search(r'name="expected" value="(\d+)"', preview).group(1))
    people = {e for e in re.findall(r'<span dir="ltr">([^<]+@[^<]+)</span>', preview)}
    assert expected == len(people) >= 2 and "head.th@rtp.example.com" in people
    assert f"Send to {expected} recipients" in preview and "เวลารถรับส่ง" in preview
    before = _count(db, OutboxMessage)
    sent = client.post(f"/outbox/circulars/{circular.id}/send",
                       data={"csrf_token": csrf_token(preview), "expected": str(expected)})
    assert sent.status_code == 302
    assert _count(db, OutboxMessage) == before + expected
    with app.app_context():
        deliver_due()
    mails = {rcpt[0]: mail for rcpt, mail in smtp_server.messages}
    assert set(mails) == people
    thai = mails["head.th@rtp.example.com"]
    assert thai["Subject"] == "เวลารถรับส่ง"
    assert "รถออกเวลา 8:00 น." in thai.get_body(("plain",)).get_content()
    files = [(part.get_filename(), part.get_content()) for part in thai.iter_attachments()]
    assert files == [("Shuttle plan.pdf", PDF)]
    # the log: who received what, in which language
    db.session.expire_all()
    log = db.session.scalars(select(CircularRecipient)).all()
    assert {r.email for r in log} == people
    assert {r.language for r in log if r.email == "head.th@rtp.example.com"} == {"th"}
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "circulars.sent"))
    assert entry.details == {"recipients": expected, "attachments": 1}
    # the file is not stored in plain
    raw = db.session.execute(text("SELECT data FROM mail_attachment")).scalar_one()
    assert b"%PDF" not in bytes(raw)
    shown = client.get(f"/outbox/circulars/{circular.id}").get_data(as_text=True)
    assert f"Sent to {expected} recipients" in shown
    # a second send (a double click, a replayed form) sends nothing more
    client.post(f"/outbox/circulars/{circular.id}/send",
                data={"csrf_token": csrf_token(preview), "expected": str(expected)})
    assert _count(db, OutboxMessage) == before + expected


def test_the_working_language_box_sends_english_and_a_changed_group_is_refused(app, db,
                                                                              demo):
    client = app.test_client()
    sign_in_staff(app, client)
    response = _post(client, {"audience": "heads", "subject_en": "Agenda note",
                              "body_en": "See the agenda.", "working_language": "y"})
    assert response.status_code == 302
    preview = client.get(response.headers["Location"]).get_data(as_text=True)
    expected = int(re.search(r'name="expected" value="(\d+)"', preview).group(1))
    circular = db.session.scalar(select(Circular))
    refused = client.post(f"/outbox/circulars/{circular.id}/send", data={
        "csrf_token": csrf_token(preview), "expected": str(expected + 1)})
    assert refused.status_code == 302
    again = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "The recipients changed since the preview" in again
    assert db.session.scalar(select(Circular.sent_at)) is None
    assert client.post(f"/outbox/circulars/{circular.id}/send", data={
        "csrf_token": csrf_token(preview), "expected": "many"}).status_code == 400
    client.post(f"/outbox/circulars/{circular.id}/send", data={
        "csrf_token": csrf_token(preview), "expected": str(expected)})
    languages = set(db.session.scalars(select(OutboxMessage.language).where(
        OutboxMessage.kind == "circular")))
    assert languages == {"en"}
    wanted = set(db.session.scalars(select(CircularRecipient.wanted_language)))
    assert "th" in wanted  # the log keeps the person's own language


def test_a_draft_can_be_discarded_with_its_files_and_others_cannot_see_it(app, db, demo):
    from tests.conftest import sign_in

    client = app.test_client()
    sign_in_staff(app, client)
    response = _post(client, {"audience": "heads", "subject_en": "x", "body_en": "y",
                              "working_language": "y"}, files=[("a.pdf", PDF)])
    circular_id = db.session.scalar(select(Circular.id))
    head = app.test_client()
    sign_in(app, head, "head.th@rtp.example.com")
    assert head.get(response.headers["Location"]).status_code == 403
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    client.post(f"/outbox/circulars/{circular_id}/discard",
                data={"csrf_token": csrf_token(page)})
    assert _count(db, Circular) == _count(db, MailAttachment) == 0


@pytest.mark.one_database
def test_the_circular_pages_are_valid_html_in_arabic_and_khmer(app, db, demo, tmp_path):
    from tests.checkers import vnu_errors

    client = app.test_client()
    sign_in_staff(app, client)
    bad = _post(client, {"audience": "heads", "subject_en": "x", "body_en": "y"},
                files=[("a.exe", b"MZ")])
    good = _post(client, {"audience": "heads", "subject_en": "x", "body_en": "y",
                          "working_language": "y"}, files=[("a.pdf", PDF)])
    draft = good.headers["Location"]
    pages = {"form with errors": bad.get_data(as_text=True)}
    for lang in ("ar", "km", "en"):
        for path in ("/outbox/circulars?meeting=bc-2025-seoul", NEW, draft, "/outbox/"):
            pages[f"{path} {lang}"] = client.get(
                f"{path}{'&' if '?' in path else '?'}lang={lang}").get_data(as_text=True)
    assert vnu_errors(pages, tmp_path) == []

"""Invitations: the list, the letter, sending over SMTP, answers, reminders, import, funnel."""
from __future__ import annotations

import re
from datetime import timedelta

from icalendar import Calendar
from sqlalchemy import func, select

from app.auth.models import Membership, Role, User
from app.invitations.models import Invitation, InvitationStatus
from app.mail.models import OutboxMessage
from app.models_base import utcnow
from tests.conftest import csrf_token, sign_in_staff
from tests.invitations.conftest import invitation_of

BASE = "/meetings/bc-2025-seoul/invitations"


def _post(client, url, data, page=None):
    html = client.get(page or url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf_token(html), **data})


def _count(db, model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _send(app, client, db, code):
    invitation = invitation_of(db, code)
    _post(client, f"{BASE}/{invitation.id}/send", {}, page=BASE + "/")
    db.session.expire_all()
    return db.session.get(Invitation, invitation.id)


def _deliver(app):
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output


def _link(body: str) -> str:
    return re.search(r"(/invitation/[^\s\"<]+)", body).group(1).replace("&amp;", "&")


def test_invitation_arrives_in_the_addressees_language_with_link_and_calendar(
        app, client, db, upcoming, smtp_server):
    sign_in_staff(app, client)
    invitation = _send(app, client, db, "moi-qa")  # Qatar, in Arabic
    _deliver(app)
    [mail] = [m for rcpt, m in smtp_server.messages if rcpt == [invitation.email]]
    assert mail["Content-Language"] == "ar"
    assert str(mail["Subject"]).startswith("دعوة إلى")
    text = mail.get_body(("plain",)).get_content()
    assert "وزارة الداخلية" in text and "/invitation/" in text
    html = mail.get_body(("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html
    [part] = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Seoul"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]).startswith("meeting-") and int(event["SEQUENCE"]) >= 1
    assert "mailto:" + invitation.email in str(event["ATTENDEE"])


def test_changed_dates_raise_the_calendar_sequence_with_a_stable_uid(app, client, db, upcoming):
    from app.invitations.services import change_meeting_dates
    from app.meetings.models import Meeting

    sign_in_staff(app, client)
    first = Calendar.from_ical(db.session.get(OutboxMessage, _queued_id(app, client, db)).calendar)
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    change_meeting_dates(meeting, meeting.start_date + timedelta(days=1),
                         meeting.end_date + timedelta(days=1))
    db.session.commit()
    second = Calendar.from_ical(db.session.get(OutboxMessage, _queued_id(app, client, db)).calendar)
    [a], [b] = first.walk("VEVENT"), second.walk("VEVENT")
    assert a["UID"] == b["UID"] and int(b["SEQUENCE"]) == int(a["SEQUENCE"]) + 1


def _queued_id(app, client, db) -> int:
    _send(app, client, db, "moi-qa")
    return db.session.scalar(select(func.max(OutboxMessage.id)))


def test_accepting_names_the_head_who_gets_a_sign_in_link(app, client, db, upcoming):
    staff = app.test_client()
    sign_in_staff(app, staff)
    _send(app, staff, db, "moi-qa")
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id.desc()))
    link = _link(message.body_text)
    page = client.get(link)
    assert page.status_code == 200 and 'dir="rtl"' in page.get_data(as_text=True)
    assert invitation_of(db, "moi-qa").opened_at is not None
    response = client.post(link, data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "answer": "accept",
        "head_name": "Brig. Hamad Al Thani", "head_email": "Hamad@MOI-QA.example.com"})
    assert response.status_code == 200
    db.session.expire_all()
    invitation = invitation_of(db, "moi-qa")
    assert invitation.status == InvitationStatus.ACCEPTED
    head = db.session.scalar(select(User).where(User.email == "hamad@moi-qa.example.com"))
    assert head.locale == "ar"
    assert db.session.scalar(select(Membership).where(
        Membership.user_id == head.id, Membership.role == Role.HEAD)) is not None
    mail = db.session.scalar(select(OutboxMessage).where(
        OutboxMessage.recipient == head.email))
    assert mail.language == "ar" and "/auth/link/" in mail.body_text


def test_declining_needs_a_reason_and_the_answer_can_change(app, client, db, upcoming):
    staff = app.test_client()
    sign_in_staff(app, staff)
    _send(app, staff, db, "fbi")
    link = _link(db.session.scalar(select(OutboxMessage).order_by(
        OutboxMessage.id.desc())).body_text)
    page = client.get(link).get_data(as_text=True)
    refused = client.post(link, data={"csrf_token": csrf_token(page), "answer": "decline"})
    assert 'id="reason-error"' in refused.get_data(as_text=True)
    assert invitation_of(db, "fbi").status == InvitationStatus.SENT
    client.post(link, data={"csrf_token": csrf_token(page), "answer": "decline",
                            "reason": "Travel freeze"})
    assert invitation_of(db, "fbi").status == InvitationStatus.DECLINED
    client.post(link, data={"csrf_token": csrf_token(page), "answer": "accept",
                            "head_name": "SA Jane Doe", "head_email": "jane@fbi.example.com"})
    assert invitation_of(db, "fbi").status == InvitationStatus.ACCEPTED


def test_after_the_reply_by_date_the_link_is_closed_and_nothing_changes(app, client, db,
                                                                         upcoming):
    from app.invitations.models import InvitationLetter

    staff = app.test_client()
    sign_in_staff(app, staff)
    _send(app, staff, db, "fbi")
    link = _link(db.session.scalar(select(OutboxMessage).order_by(
        OutboxMessage.id.desc())).body_text)
    letter = db.session.scalar(select(InvitationLetter).where(
        InvitationLetter.meeting.has(slug="bc-2025-seoul")))
    letter.reply_by = letter.reply_by - timedelta(days=40)
    db.session.commit()
    response = client.get(link)
    assert response.status_code == 410
    assert invitation_of(db, "fbi").opened_at is None


def test_forged_or_replaced_links_are_refused(app, client, db, upcoming):
    staff = app.test_client()
    sign_in_staff(app, staff)
    _send(app, staff, db, "fbi")
    old = _link(db.session.scalar(select(OutboxMessage).order_by(
        OutboxMessage.id.desc())).body_text)
    _send(app, staff, db, "fbi")  # sent again: the earlier link is replaced
    assert client.get(old).status_code == 400
    assert client.get("/invitation/" + "A" * 40 + "?lang=th").status_code == 400
    assert "ลิงก์" in client.get("/invitation/garbage?lang=th").get_data(as_text=True)


def test_reminders_go_only_to_those_without_answer_at_most_once_per_period(app, client, db,
                                                                           upcoming):
    sign_in_staff(app, client)
    for invitation in db.session.scalars(select(Invitation)):
        invitation.sent_at = utcnow() - timedelta(days=10)
    db.session.commit()
    before = _count(db, OutboxMessage)
    _post(client, f"{BASE}/remind", {}, page=BASE + "/")
    unanswered = _count(db, Invitation, Invitation.status == InvitationStatus.SENT)
    assert _count(db, OutboxMessage) == before + unanswered
    _post(client, f"{BASE}/remind", {}, page=BASE + "/")
    assert _count(db, OutboxMessage) == before + unanswered  # not again within N days
    reminder = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id.desc()))
    assert reminder.kind == "invitation"


def test_invitee_form_refuses_bad_input_next_to_the_field(app, client, db, demo):
    from app.meetings.models import Organisation, OrganisationKind

    db.session.add(Organisation(code="nbi-ph", name={"en": "National Bureau of Investigation"},
                                kind=OrganisationKind.NATIONAL_AGENCY, country_code="PH",
                                language="fil"))
    db.session.commit()
    org = db.session.scalar(select(Organisation).where(Organisation.code == "nbi-ph"))
    sign_in_staff(app, client)
    before = _count(db, Invitation)
    good = {"organisation_id": org.id, "category": "invited_state",
            "addressee_name": "Director Cruz", "email": "cruz@nbi.example.com",
            "language": "fil", "quota": 3}
    for bad, field in (({"email": "not-an-address"}, "email"), ({"quota": 0}, "quota"),
                       ({"organisation_id": invitation_of(db, "rtp").organisation_id},
                        "organisation_id")):
        html = _post(client, f"{BASE}/new", {**good, **bad}).get_data(as_text=True)
        assert f'id="{field}-error"' in html, field
    assert _count(db, Invitation) == before
    assert _post(client, f"{BASE}/new", good).status_code == 302
    assert _count(db, Invitation) == before + 1


def test_csv_import_reports_every_bad_row_and_imports_all_or_nothing(app, client, db, demo):
    from app.meetings.models import Organisation, OrganisationKind

    for code in ("nbi-ph", "cib-tw"):
        db.session.add(Organisation(code=code, name={"en": code.upper()}, country_code="PH",
                                    kind=OrganisationKind.NATIONAL_AGENCY, language="en"))
    db.session.commit()
    sign_in_staff(app, client)
    header = "organisation,addressee_name,addressee_title,email,language,quota,category\n"
    bad = header + ("nbi-ph,Director Cruz,,cruz@nbi.example.com,fil,3,invited_state\n"
                    "nowhere,X,,x@example.com,en,3,member\n"
                    "cib-tw,Y,,not-an-email,en,99,member\n")
    import io
    page = client.get(f"{BASE}/import").get_data(as_text=True)
    report = client.post(f"{BASE}/import", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(bad.encode()), "list.csv")},
        content_type="multipart/form-data").get_data(as_text=True)
    assert "Line 3:" in report and "Line 4:" in report and "Line 2:" not in report
    before = _count(db, Invitation)
    forced = client.post(f"{BASE}/import", data={"csrf_token": csrf_token(page),
                                                  "csv_text": bad, "confirm": "1"})
    assert "Nothing was imported" in forced.get_data(as_text=True)
    assert _count(db, Invitation) == before
    good = header + ("nbi-ph,Director Cruz,,cruz@nbi.example.com,fil,3,invited_state\n"
                     "cib-tw,Inspector Lin,,lin@cib.example.com,zh_Hans,2,invited_state\n")
    preview = client.post(f"{BASE}/import", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(good.encode()), "list.csv")},
        content_type="multipart/form-data").get_data(as_text=True)
    assert "2 rows ready to import" in preview
    done = client.post(f"{BASE}/import", data={"csrf_token": csrf_token(page),
                                                "csv_text": good, "confirm": "1"})
    assert done.status_code == 302 and _count(db, Invitation) == before + 2


def test_dashboard_shows_the_funnel_and_exports_csv(app, client, db, demo):
    sign_in_staff(app, client)
    html = client.get(BASE + "/?lang=en").get_data(as_text=True)
    assert "<svg" in html and "Who has answered" in html
    total_row = html.split('class="total"')[1].split("</tr>")[0]
    cells = re.findall(r"<td>(\d+)</td>", total_row)
    assert cells == ["19", "19", "16", "15", "1", "3"]  # the host's own delegation included
    export = client.get(BASE + "/invitations.csv")
    assert export.mimetype == "text/csv" and "rbpf" in export.get_data(as_text=True)


def test_csv_export_neutralises_spreadsheet_formulas(app, client, db, demo):
    invitation = invitation_of(db, "rtp")
    invitation.addressee_name = "=HYPERLINK(\"http://evil\")"
    db.session.commit()
    sign_in_staff(app, client)
    assert "'=HYPERLINK" in client.get(BASE + "/invitations.csv").get_data(as_text=True)


def test_letter_with_an_unknown_placeholder_is_refused(app, client, db, demo):
    sign_in_staff(app, client)
    response = _post(client, f"{BASE}/letter?lang=en", {
        "reply_by": "2025-11-05", "subject_en": "Invitation {meeting}",
        "body_en": "Dear {addresee}"})
    assert "Unknown placeholder {addresee}" in response.get_data(as_text=True)


def test_letter_preview_and_pdf_in_thai(app, client, db, demo, tmp_path):
    import subprocess

    sign_in_staff(app, client)
    preview = client.get(f"{BASE}/letter/preview?letter_lang=th").get_data(as_text=True)
    assert "หนังสือเชิญเข้าร่วม" in preview and "Somchai Wongsakul" in preview
    pdf = client.get(f"{BASE}/letter.pdf?letter_lang=th&invitation="
                     f"{invitation_of(db, 'rtp').id}")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Korean National Police Agency" in text or "경찰청" in text
    assert "Pol. Gen. Kittirat" in text


def test_cli_queues_all_unsent_invitations(app, db, demo):
    from app.meetings.models import Organisation, OrganisationKind

    db.session.add(Organisation(code="nbi-ph", name={"en": "NBI"}, country_code="PH",
                                kind=OrganisationKind.NATIONAL_AGENCY, language="fil"))
    db.session.flush()
    org = db.session.scalar(select(Organisation).where(Organisation.code == "nbi-ph"))
    meeting_id = invitation_of(db, "rtp").meeting_id
    db.session.add(Invitation(meeting_id=meeting_id, organisation_id=org.id,
                              category="invited_state", addressee_name="Director Cruz",
                              email="cruz@nbi.example.com", language="fil", quota=3))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["invitations", "send", "bc-2025-seoul",
                                                "--all"])
    assert result.exit_code == 0 and "Queued 1 invitations" in result.output
    assert invitation_of(db, "nbi-ph").status == InvitationStatus.SENT


def test_invitation_e_mail_gives_the_reply_by_date_once_and_the_city_once(
        app, client, db, upcoming, smtp_server):
    """The letter already asks for an answer by the reply-by date: the e-mail around it does
    not ask again. The Seoul venue ends with "Seoul": no "Seoul, Seoul" in letter or calendar.
    The date is written as letters write it (app.documents.formal)."""
    from app.documents.formal import formal_date
    from app.invitations.models import InvitationLetter
    from app.meetings.models import Meeting

    sign_in_staff(app, client)
    reply_by = db.session.scalar(select(InvitationLetter.reply_by).where(
        InvitationLetter.meeting.has(slug="bc-2025-seoul")))
    meeting_venue = db.session.scalar(select(Meeting.venue).where(Meeting.slug == "bc-2025-seoul"))
    for code, lang in (("spf", "en"), ("pnp", "fil"), ("polri", "id"), ("moi-qa", "ar")):
        invitation = _send(app, client, db, code)
        _deliver(app)
        [mail] = [m for rcpt, m in smtp_server.messages if rcpt == [invitation.email]]
        date_text = formal_date(reply_by, lang)
        text = mail.get_body(("plain",)).get_content()
        html = mail.get_body(("html",)).get_content()
        assert text.count(date_text) == 1 and html.count(date_text) == 1, lang
        assert "Seoul, Seoul" not in text and "Seoul، Seoul" not in text, lang
        [part] = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
        [event] = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
        # the venue in the invitation's language, once (it already names the city)
        assert str(event["LOCATION"]) == meeting_venue[lang], lang


def test_letter_may_name_the_host_with_the_host_placeholder(app, client, db, demo):
    sign_in_staff(app, client)
    response = _post(client, f"{BASE}/letter?lang=en", {
        "reply_by": "2025-11-05", "subject_en": "Invitation to the {meeting}",
        "body_en": "Dear {addressee},\n\nOn behalf of the {host}, I invite {agency}."})
    assert "Unknown placeholder" not in response.get_data(as_text=True)
    preview = client.get(f"{BASE}/letter/preview?letter_lang=en").get_data(as_text=True)
    assert "On behalf of the Korean National Police Agency, I invite" in preview

"""The bytes the worker sends (email_bytes, built with the email package's legacy API for
speed) say what build_email's EmailMessage says: the same headers, parts, parameters and decoded
contents, in every script, with and without HTML, with a calendar as a third rendering or
attached, with files (circulars), with long lines (quoted-printable or base64) and subjects the
policy must fold or encode."""
from __future__ import annotations

import itertools
from email import message_from_bytes
from email.policy import default

import pytest

from app.mail.models import MailAttachment, outbox_message_attachment
from app.mail.services import MAIL_POLICY, build_email, email_bytes, queue

TEXTS = {
    "en": "Dear delegate,\nThe agenda has been adopted.\nFrom the secretariat: .\n.\n",
    "fr": "Madame, Monsieur,\nL’ordre du jour « provisoire » a été adopté : voir BC/1/2.\n",
    "ko": "대표단 여러분께,\n의제가 채택되었습니다.\n",
    "th": "เรียน ผู้แทน\nระเบียบวาระการประชุมได้รับการรับรองแล้ว\n",
    "km": "ជូនចំពោះ គណៈប្រតិភូ\nរបៀបវារៈត្រូវបានអនុម័ត\n",
    "ar": "السادة المندوبون،\nاعتُمد جدول الأعمال.\n",
    "vi": "Kính gửi đại biểu,\nChương trình nghị sự đã được thông qua.\n",
}
LONG = {
    "en": "Read the agenda at http://127.0.0.1/meetings/bc-2025-seoul/agenda?lang=en&x="
          + "a" * 90 + "\n" + "A line = with an equals sign.\n" * 12,
    "fr": ("Une ligne très longue, accentuée, qui dépasse largement les soixante-dix-huit "
           "caractères d’une ligne de courrier électronique.\n") * 3,
    "th": "การประชุม" * 40 + "\n",
    "ar": "جدول الأعمال " * 30 + "\n",
}
SUBJECTS = ["Agenda adopted", "A subject in plain English that is long enough to be folded "
            "over two lines by the policy of the e-mail package", "ระเบียบวาระการประชุม — "
            "การประชุมครั้งแรกของปฏิบัติการ Breaking Chains", "의제 채택: 제1차 회의",
            "جدول الأعمال المعتمد: الاجتماع الأول", "=?utf-8?q?looks_encoded?="]
CALENDAR = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:{method}\r\nBEGIN:VEVENT\r\n"
            "SUMMARY:Première réunion — 第一次会议\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def _shape(raw: bytes) -> list[dict]:
    parts = []
    for position, part in enumerate(message_from_bytes(raw, policy=default).walk()):
        fields = {name: str(value) for name, value in part.items()
                  if name.lower() != "content-type" and (position == 0 or name != "MIME-Version")}
        fields["type"] = part.get_content_type()
        fields["params"] = {k: v for k, v in part.get_params() or [] if k != "boundary"}
        if not part.is_multipart():
            fields["content"] = part.get_content()
        parts.append(fields)
    return parts


@pytest.mark.one_database  # the bytes of a message: a format
@pytest.mark.parametrize("html,calendar", [(False, ""), (True, ""), (True, "REQUEST"),
                                           (True, "PUBLISH"), (False, "PUBLISH")])
def test_the_bytes_sent_say_what_build_email_says(app, db, html, calendar):
    with app.test_request_context():
        messages = []
        cases = itertools.product([*TEXTS.items(), *LONG.items()], SUBJECTS)
        for index, ((language, text), subject) in enumerate(cases):
            message = queue(f"d{index}@example.com", language, subject, text,
                            f"<p>{text}</p>" * 3 if html else "", kind="test")
            message.calendar = CALENDAR.format(method=calendar) if calendar else ""
            message.calendar_method = calendar
            messages.append(message)
        db.session.flush()
        slow_policy = MAIL_POLICY.clone(linesep="\r\n")
        for message in messages:
            fast = email_bytes(message)
            slow = build_email(message).as_bytes(policy=slow_policy)
            assert _shape(fast) == _shape(slow), (message.language, message.subject)
            head = fast.split(b"\r\n\r\n", 1)[0]
            assert all(len(line) <= 78 for line in head.split(b"\r\n"))
            assert b"\n" not in fast.replace(b"\r\n", b"")  # CRLF throughout
        encodings = {part.get("Content-Transfer-Encoding") for message in messages
                     for part in message_from_bytes(email_bytes(message),
                                                    policy=default).walk()}
        assert {"7bit", "8bit", "quoted-printable", "base64"} <= encodings  # all were tried
    db.session.rollback()


def test_a_circular_carries_its_files_as_build_email_attaches_them(app, db):
    files = [("Shuttle plan.pdf", "application/pdf", b"%PDF-1.4\n" + bytes(range(256)) * 3),
             ("Plan de navette — 班车 (บัส).csv", "text/csv", "Départ;8:00\n".encode())]
    with app.test_request_context():
        circular = queue("head.th@rtp.example.com", "th", "เวลารถรับส่ง", TEXTS["th"],
                         f"<p>{TEXTS['th']}</p>", kind="circular")
        attachments = [MailAttachment(filename=name, content_type=kind, size=len(data),
                                      data=data) for name, kind, data in files]
        db.session.add_all(attachments)
        db.session.flush()
        db.session.execute(outbox_message_attachment.insert(), [
            {"message_id": circular.id, "attachment_id": a.id} for a in attachments])
        fast = email_bytes(circular)
        slow = build_email(circular).as_bytes(policy=MAIL_POLICY.clone(linesep="\r\n"))
        assert _shape(fast) == _shape(slow)
        sent = message_from_bytes(fast, policy=default)
        assert [(part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
                for part in sent.iter_attachments()] == files
        assert sent.get_body(("plain",)).get_content() == TEXTS["th"]
    db.session.rollback()


def test_an_address_the_builder_does_not_know_goes_the_slow_way(app, db):
    with app.test_request_context():
        odd = queue('"Dubois, Claire" <claire@example.com>', "fr", "Objet", "Texte",
                    kind="test")
        db.session.flush()
        slow = build_email(odd).as_bytes(policy=MAIL_POLICY.clone(linesep="\r\n"))
        assert _shape(email_bytes(odd)) == _shape(slow)
        assert message_from_bytes(email_bytes(odd), policy=default)["To"].addresses[
            0].addr_spec == "claire@example.com"
    db.session.rollback()

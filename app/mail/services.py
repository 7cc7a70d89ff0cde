"""Queueing messages in the outbox; delivering them over SMTP, or to .eml files in development."""
from __future__ import annotations

import smtplib
from datetime import UTC, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import select

from app.extensions import db
from app.i18n import html_lang, text_direction
from app.mail.models import OutboxMessage, OutboxStatus
from app.models_base import utcnow

MAX_ATTEMPTS = 8


def queue_templated(kind: str, recipient: str, language: str, subject_fn, meeting=None,
                    **context) -> OutboxMessage:
    """Render templates/mail/<kind>.{txt,html} in the recipient's language and queue them.

    subject_fn is called inside the recipient's locale so its gettext calls translate.
    """
    with force_locale(language):
        subject = subject_fn()
        context.update(lang=html_lang(language), dir=text_direction(language), subject=subject)
        text = render_template(f"mail/{kind}.txt", **context)
        html = render_template(f"mail/{kind}.html", **context)
    return queue(recipient, language, subject, text, html, kind=kind, meeting=meeting)


def queue(recipient: str, language: str, subject: str, text: str, html: str = "", *,
          kind: str, meeting=None) -> OutboxMessage:
    """Add a message to the outbox; it is sent only if the caller's transaction commits."""
    domain = current_app.config["MAIL_FROM"].rsplit("@", 1)[-1].rstrip(">")
    message = OutboxMessage(
        message_id=make_msgid(domain=domain), recipient=recipient, language=language,
        subject=" ".join(subject.split()), body_text=text, body_html=html, kind=kind,
        meeting_id=getattr(meeting, "id", None))
    db.session.add(message)
    return message


def build_email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at.replace(tzinfo=UTC))
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    if message.calendar:
        email.add_attachment(message.calendar.encode(), maintype="text", subtype="calendar",
                             filename="agenda.ics",
                             params={"method": message.calendar_method or "PUBLISH",
                                     "charset": "utf-8"})
    email["Content-Language"] = html_lang(message.language)  # set_content drops Content-*
    return email


class _EmlTransport:
    """Development transport: one .eml file per message under instance/outbox/."""

    def __init__(self, directory: str):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    def send(self, message: OutboxMessage, email: EmailMessage) -> None:
        (self.directory / f"{message.id:06d}.eml").write_bytes(email.as_bytes())

    def close(self) -> None:
        pass


class _SmtpTransport:
    """One SMTP connection reused for a whole batch; STARTTLS and AUTH when the URL asks."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.parts = parts
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        parts = self.parts
        if parts.scheme == "smtps":
            conn = smtplib.SMTP_SSL(parts.hostname, parts.port or 465, timeout=30)
        else:
            conn = smtplib.SMTP(parts.hostname, parts.port or 25, timeout=30)
            if "starttls" in parts.query or parts.scheme == "smtp+starttls":
                conn.starttls()
        if parts.username:
            conn.login(unquote(parts.username), unquote(parts.password or ""))
        return conn

    def send(self, message: OutboxMessage, email: EmailMessage) -> None:
        if self.connection is None:
            self.connection = self._connect()
        self.connection.send_message(email, to_addrs=[message.recipient])

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except smtplib.SMTPException:
                pass
            self.connection = None


def transport():
    url = current_app.config.get("MAIL_URL")
    return _SmtpTransport(url) if url else _EmlTransport(
        str(Path(current_app.instance_path) / "outbox"))


def deliver_due(limit: int = 500) -> tuple[int, int]:
    """Send the queued messages that are due; returns (sent, failed), committing each result."""
    due = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.QUEUED,
               OutboxMessage.next_attempt_at <= utcnow())
        .order_by(OutboxMessage.id).limit(limit)).all()
    sent = failed = 0
    sender = transport()
    try:
        for message in due:
            try:
                sender.send(message, build_email(message))
            except (smtplib.SMTPException, OSError) as exc:
                sender.close()
                message.attempts += 1
                message.last_error = str(exc)[:2000]
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = OutboxStatus.FAILED
                message.next_attempt_at = utcnow() + timedelta(minutes=2 ** message.attempts)
                failed += 1
            else:
                message.status = OutboxStatus.SENT
                message.sent_at = utcnow()
                message.attempts += 1
                sent += 1
            db.session.commit()
    finally:
        sender.close()
    return sent, failed

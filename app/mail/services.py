"""Queueing messages in the outbox; delivering them over SMTP, or to .eml files in development."""
from __future__ import annotations

import functools
import re
import smtplib
from datetime import UTC, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import undefer

from app.extensions import db
from app.i18n import html_lang, text_direction
from app.mail.headers import MAIL_POLICY
from app.mail.models import (
    MailAttachment,
    OutboxMessage,
    OutboxStatus,
    outbox_message_attachment,
)
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


def build_email(message) -> EmailMessage:
    """The e-mail of an outbox message (an OutboxMessage, or a row of its table).

    MAIL_POLICY keeps every encoded-word of the Subject within RFC 2047's 75 characters."""
    email = EmailMessage(policy=MAIL_POLICY)
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at.replace(tzinfo=UTC))
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    if message.calendar and message.calendar_method == "REQUEST":
        # An invitation: the calendar is a third rendering of the message (RFC 6047).
        email.add_alternative(message.calendar.encode(), maintype="text", subtype="calendar",
                              params={"method": "REQUEST", "charset": "utf-8"})
    elif message.calendar:
        email.add_attachment(message.calendar.encode(), maintype="text", subtype="calendar",
                             filename="agenda.ics",
                             params={"method": message.calendar_method or "PUBLISH",
                                     "charset": "utf-8"})
    if message.kind == "circular":  # the only kind that carries files (mail_attachment)
        for attachment in attachments_of(message.id):
            maintype, subtype = attachment.content_type.split("/", 1)
            email.add_attachment(attachment.data, maintype=maintype, subtype=subtype,
                                 filename=attachment.filename)
    email["Content-Language"] = html_lang(message.language)  # set_content drops Content-*
    return email


def attachments_of(message_id: int) -> list:
    """The files sent with an outbox message, decrypted."""
    return db.session.scalars(
        select(MailAttachment).join(outbox_message_attachment,
                                    outbox_message_attachment.c.attachment_id
                                    == MailAttachment.id)
        .where(outbox_message_attachment.c.message_id == message_id)
        .order_by(MailAttachment.id).options(undefer(MailAttachment.data))).all()


@functools.lru_cache(maxsize=8)
def _token_routes(url_map) -> re.Pattern:
    """One pattern for every route that takes a token (sign-in, invitation answer,
    self-registration, calendar feed), built from the URL map so that a new route of that
    kind is covered too; the token of route n is group t<n>."""
    routes = []
    for rule in url_map.iter_rules():
        if "token" not in rule.arguments:
            continue
        parts = []
        for static, converter in re.findall(r"([^<]*)(?:<([^>]+)>)?", rule.rule):
            parts.append(re.escape(static))
            if converter:
                name = converter.rsplit(":", 1)[-1]
                segment = r"[^/?#\s\"'<>&]+"
                parts.append(f"(?P<t{len(routes)}>{segment})" if name == "token" else segment)
        routes.append("".join(parts))
    return re.compile("|".join(f"(?:{route})" for route in routes) or r"(?!)")


def _without_token(match: re.Match) -> str:
    group = next(name for name, value in match.groupdict().items() if value is not None)
    start, end = match.span(group)
    return match.string[match.start():start] + "…" + match.string[end:match.end()]


def without_links(text: str) -> str:
    """The text with the token of every link that works as a credential replaced by "…"."""
    return _token_routes(current_app.url_map).sub(_without_token, text)


def _unfold(calendar: str) -> str:
    return re.sub(r"\r?\n[ \t]", "", calendar)


def sent_copy(message) -> dict:
    """The parts of a sent message to keep instead of the ones that went out: its links no
    longer work (the recipient has them; the stored copy needs none). Only changed parts."""
    values = {"body_text": without_links(message.body_text),
              "body_html": without_links(message.body_html or "")}
    if message.calendar:  # a token may be folded across lines: unfold before looking
        values["calendar"] = without_links(_unfold(message.calendar))
        if values["calendar"] == _unfold(message.calendar):
            del values["calendar"]
    return {name: value for name, value in values.items()
            if value != (getattr(message, name) or "")}


class _EmlTransport:
    """Development only: one .eml file per message under instance/outbox/, in plain text with
    working links. Production sets MAIL_URL and nothing is written to disk."""

    def __init__(self, directory: str):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    def send(self, message) -> None:
        (self.directory / f"{message.id:06d}.eml").write_bytes(build_email(message).as_bytes())

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

    def send(self, message) -> None:
        if self.connection is None:
            self.connection = self._connect()
        self.connection.send_message(build_email(message), to_addrs=[message.recipient])

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except smtplib.SMTPException:
                pass
            self.connection = None


def destination() -> str:
    """Where delivered e-mails go, for a person to read: the SMTP server (host and port, no
    password), or the development folder of .eml files."""
    url = current_app.config.get("MAIL_URL")
    if url:
        parts = urlsplit(url)
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
        return f"the SMTP server {parts.hostname}:{port}"
    return f".eml files in {Path(current_app.instance_path) / 'outbox'}"


def transport():
    url = current_app.config.get("MAIL_URL")
    return _SmtpTransport(url) if url else _EmlTransport(
        str(Path(current_app.instance_path) / "outbox"))


def recover_interrupted() -> int:
    """Messages a dead worker left mid-send: marked failed, never resent on their own.

    The worker may have died after the server accepted the message; sending again could
    deliver it twice. The secretariat sees them with the reason and can retry each.
    """
    lease = timedelta(seconds=current_app.config["OUTBOX_LEASE_SECONDS"])
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.SENDING,
               OutboxMessage.claimed_at <= utcnow() - lease)
        .values(status=OutboxStatus.FAILED,
                last_error="Delivery was interrupted; not resent automatically, to avoid a "
                           "duplicate. Check with the recipient, then retry."))
    db.session.commit()
    return result.rowcount


def retry(message: OutboxMessage) -> None:
    """Queue a failed message again (the caller commits)."""
    if message.status == OutboxStatus.FAILED:
        message.status = OutboxStatus.QUEUED
        message.next_attempt_at = utcnow()


_OUTBOX = OutboxMessage.__table__


@functools.cache
def _claim_statement(dialect: str, scoped: bool = False):
    """Take the oldest due message, in one statement, so no other worker sends it too;
    `scoped`: only of the meetings bound as "meetings", or of none."""
    table, now = _OUTBOX, bindparam("now")
    due = (select(table.c.id)
           .where(table.c.status == OutboxStatus.QUEUED, table.c.next_attempt_at <= now)
           .order_by(table.c.id).limit(1))
    if scoped:
        due = due.where(or_(table.c.meeting_id.in_(bindparam("meetings", expanding=True)),
                            table.c.meeting_id.is_(None)))
    if dialect == "postgresql":
        due = due.with_for_update(skip_locked=True)
    return (update(table)
            .where(table.c.id == due.scalar_subquery(), table.c.status == OutboxStatus.QUEUED)
            .values(status=OutboxStatus.SENDING, claimed_at=now,
                    attempts=table.c.attempts + 1)
            .returning(*table.c))


def _claim_next(meetings=None):
    """The next message for this worker, marked SENDING; the caller commits before sending.

    A plain row, not an ORM object (which the commit would expire and load again). On
    PostgreSQL rows other workers are claiming are skipped; SQLite runs one writer at a time.
    `meetings`: only messages of these meeting ids or of no meeting (None: any).
    """
    if meetings is None:
        return db.session.execute(_claim_statement(db.engine.dialect.name),
                                  {"now": utcnow()}).first()
    return db.session.execute(_claim_statement(db.engine.dialect.name, True),
                              {"now": utcnow(), "meetings": list(meetings)}).first()


def _record(message_id: int, outcome: dict) -> None:
    db.session.execute(update(_OUTBOX).where(_OUTBOX.c.id == message_id).values(**outcome))


def deliver_due(limit: int = 10_000, progress=None, stop=None,
                meetings=None) -> tuple[int, int]:
    """Send due messages over one reused connection; returns (sent, failed).

    Each message is claimed (committed as SENDING) before it is sent, and its outcome is
    committed in the same transaction as the claim of the next one, before that one is
    sent. So at most one message per worker is ever in flight, and a worker killed at
    any point leaves only that one in doubt: recover_interrupted marks it failed rather
    than risk a second delivery. `stop()`, asked before each claim, ends the round early;
    `meetings` (ids) limits the round to their messages and those of no meeting.
    """
    recover_interrupted()
    sent = failed = 0
    sender = transport()
    outcome = None  # (id, values) of the message just handled, written with the next claim
    try:
        while True:
            if outcome is not None:
                _record(*outcome)
            more = sent + failed < limit and not (stop is not None and stop())
            message = _claim_next(meetings) if more else None
            db.session.commit()  # the last outcome and the next claim, before anything leaves
            outcome = None
            if message is None:
                break
            try:
                sender.send(message)
            except (smtplib.SMTPException, OSError, ValueError) as exc:
                sender.close()
                permanent = isinstance(exc, (smtplib.SMTPRecipientsRefused, ValueError)) \
                    and not _is_temporary(exc)
                if permanent or message.attempts >= MAX_ATTEMPTS:
                    values = {"status": OutboxStatus.FAILED}
                else:
                    values = {"status": OutboxStatus.QUEUED, "next_attempt_at":
                              utcnow() + timedelta(minutes=2 ** message.attempts)}
                outcome = (message.id, {**values, "last_error": _reason(exc)})
                failed += 1
            else:
                outcome = (message.id, {"status": OutboxStatus.SENT, "sent_at": utcnow(),
                                        **sent_copy(message)})
                sent += 1
            if progress is not None:
                progress(1)
    finally:
        sender.close()
        if outcome is not None:  # stopped by an error before the outcome was written
            _record_after_error(*outcome)
    return sent, failed


def _record_after_error(message_id: int, outcome: dict) -> None:
    """Write what happened to the last message; if the database refuses, it stays SENDING
    and recover_interrupted deals with it, as with a worker that died."""
    try:
        db.session.rollback()
        _record(message_id, outcome)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Outbox message %s: outcome not recorded", message_id)


def _reason(exc: Exception) -> str:
    """The server's own reply where there is one."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = [f"{code} {text.decode(errors='replace')}"
                   for code, text in exc.recipients.values()]
        return "; ".join(replies)[:2000]
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {exc.smtp_error.decode(errors='replace')}"[:2000]
    return str(exc)[:2000] or type(exc).__name__


def _is_temporary(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _text in exc.recipients.values())
    return False


def pending_count(meetings=None) -> int:
    """Queued messages that are due (of these meeting ids or of none, if given)."""
    from sqlalchemy import func

    query = select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.status == OutboxStatus.QUEUED, OutboxMessage.next_attempt_at <= utcnow())
    if meetings is not None:
        query = query.where(or_(OutboxMessage.meeting_id.in_(list(meetings)),
                                OutboxMessage.meeting_id.is_(None)))
    return db.session.scalar(query)

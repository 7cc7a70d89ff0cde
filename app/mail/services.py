"""Queueing messages in the outbox; delivering them over SMTP, or to .eml files in development."""
from __future__ import annotations

import binascii
import functools
import re
import smtplib
import time
from datetime import UTC, timedelta
from email import encoders
from email.charset import BASE64, QP, Charset
from email.message import EmailMessage
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import Integer, bindparam, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import undefer

from app.extensions import db
from app.i18n import html_lang, text_direction
from app.mail.headers import MAIL_POLICY, _needs_encoding
from app.mail.models import (
    MailAttachment,
    OutboxMessage,
    OutboxStatus,
    outbox_message_attachment,
)
from app.models_base import utcnow

MAX_ATTEMPTS = 8
BATCH = 20  # messages a worker claims at once (OUTBOX_BATCH); see deliver_due


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


_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")
_SMTP_POLICY = compat32.clone(linesep="\r\n")


def _charset(body_encoding) -> Charset:
    charset = Charset("utf-8")
    charset.body_encoding = body_encoding  # None: 7bit or 8bit, as the text needs
    return charset


_AS_IS, _QUOTED_PRINTABLE, _BASE64 = (_charset(None), _charset(QP), _charset(BASE64))


def email_bytes(message) -> bytes:
    """The e-mail of build_email(message) as it goes over SMTP (CRLF), built with the email
    package's legacy API (email.mime, compat32): build_email's EmailMessage parses every header
    it is given and again when it writes it, some 6 ms of CPU a message, the larger part of a
    worker's time. tests/mail/test_fast_build.py compares the two, parsed, in every language.
    The Subject is encoded as MAIL_POLICY encodes it (RFC 2047 words that keep a letter with
    its marks); a recipient that is not a plain address goes through build_email."""
    if not _PLAIN_ADDRESS.fullmatch(message.recipient):
        return build_email(message).as_bytes(policy=MAIL_POLICY.clone(linesep="\r\n"))
    parts = [_text_part(message.body_text, "plain")]
    if message.body_html:
        parts.append(_text_part(message.body_html, "html"))
    calendar = message.calendar or ""
    request = calendar and message.calendar_method == "REQUEST"
    if request:  # an invitation: a third rendering of the message (RFC 6047)
        parts.append(_calendar_part(calendar, "REQUEST"))
    email = parts[0] if len(parts) == 1 else MIMEMultipart("alternative", _subparts=parts)
    files = attachments_of(message.id) if message.kind == "circular" else []
    if (calendar and not request) or files:
        email = MIMEMultipart("mixed", _subparts=[email])
    if calendar and not request:
        part = _calendar_part(calendar, message.calendar_method or "PUBLISH")
        part.add_header("Content-Disposition", "attachment", filename="agenda.ics")
        email.attach(part)
    for attachment in files:  # circulars: the only kind that carries files
        part = MIMEBase(*attachment.content_type.split("/", 1))
        part.set_payload(attachment.data)
        encoders.encode_base64(part)
        filename = attachment.filename
        part.add_header("Content-Disposition", "attachment",
                        filename=filename if filename.isascii() else ("utf-8", "", filename))
        email.attach(part)
    for part in email.walk():
        if part is not email:
            del part["MIME-Version"]  # email.mime puts one on every part; only the top has it
    email["From"] = _from_header(current_app.config["MAIL_FROM"])
    email["To"] = message.recipient
    email["Subject"] = _subject(message.subject)
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at.replace(tzinfo=UTC))
    email["Auto-Submitted"] = "auto-generated"
    email["Content-Language"] = html_lang(message.language)
    return email.as_bytes(policy=_SMTP_POLICY)


def _text_part(text: str, subtype: str) -> MIMEText:
    """As EmailMessage.set_content writes a str: 7bit or 8bit when its lines are short,
    otherwise quoted-printable or base64, whichever its first ten lines make shorter."""
    lines = text.encode().splitlines()
    if max((len(line) for line in lines), default=0) <= 78:
        charset = _AS_IS
    else:
        sniff = b"\n".join(lines[:10]) + b"\n"
        charset = (_QUOTED_PRINTABLE if len(binascii.b2a_qp(sniff))
                   <= len(binascii.b2a_base64(sniff)) else _BASE64)
    return MIMEText(b"\n".join(lines).decode() + "\n", subtype, charset)


def _calendar_part(calendar: str, method: str) -> MIMEText:
    part = MIMEText(calendar, "calendar", _BASE64)
    part.set_param("method", method)
    return part


@functools.lru_cache(maxsize=8)
def _from_header(mail_from: str) -> str:
    """MAIL_FROM with a display name outside ASCII encoded (RFC 2047)."""
    return mail_from if mail_from.isascii() else formataddr(parseaddr(mail_from), "utf-8")


@functools.lru_cache(maxsize=512)
def _subject(subject: str):
    """The Subject as build_email's MAIL_POLICY writes it when it must be encoded (or holds
    what looks like an encoded-word, which that policy decodes); a plain ASCII one is folded by
    compat32 (email.header)."""
    if subject.isprintable() and not _needs_encoding(subject):
        return subject
    value = MAIL_POLICY.header_store_parse("Subject", subject)[1]
    return _Encoded(MAIL_POLICY.fold("Subject", value).removeprefix("Subject: ").rstrip("\n"))


class _Encoded:
    """A header value already encoded and folded: compat32 writes a value that is not a str
    as its encode() returns it, as it does an email.header.Header."""

    def __init__(self, folded: str):
        self.folded = folded

    def __str__(self) -> str:
        return self.folded

    def encode(self, linesep: str = "\n", maxlinelen=None) -> str:
        return self.folded.replace("\n", linesep)


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
        sender = _envelope_sender(current_app.config["MAIL_FROM"])
        if not (sender.isascii() and message.recipient.isascii()):  # SMTPUTF8: the library
            self.connection.send_message(build_email(message), to_addrs=[message.recipient])
            return
        self.connection.sendmail(sender, [message.recipient], email_bytes(message))

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except smtplib.SMTPException:
                pass
            self.connection = None


@functools.lru_cache(maxsize=8)
def _envelope_sender(mail_from: str) -> str:
    """The address of MAIL_FROM, as send_message takes it from the From header."""
    return parseaddr(mail_from)[1]


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
    """Take the oldest due messages, up to "batch", in one statement, so no other worker
    sends them too; `scoped`: only of the meetings bound as "meetings", or of none."""
    table, now = _OUTBOX, bindparam("now")
    due = (select(table.c.id)
           .where(table.c.status == OutboxStatus.QUEUED, table.c.next_attempt_at <= now)
           .order_by(table.c.id).limit(bindparam("batch", type_=Integer)))
    if scoped:
        due = due.where(or_(table.c.meeting_id.in_(bindparam("meetings", expanding=True)),
                            table.c.meeting_id.is_(None)))
    if dialect == "postgresql":
        due = due.with_for_update(skip_locked=True)
    # Chosen once, before the update: as "IN (subquery)" PostgreSQL may run the subquery
    # again for each row it updates, and each run, skipping no row of its own, took another
    # batch (all 120 rows in one claim of 20, caught by tests/mail/test_workers.py).
    chosen = due.cte("due")
    if dialect == "postgresql":
        chosen = chosen.prefix_with("MATERIALIZED")
    return (update(table)
            .where(table.c.id.in_(select(chosen.c.id)), table.c.status == OutboxStatus.QUEUED)
            .values(status=OutboxStatus.SENDING, claimed_at=now,
                    attempts=table.c.attempts + 1)
            .returning(*table.c))


def _claim_batch(size: int, meetings=None) -> list:
    """The next messages for this worker, oldest first, marked SENDING; the caller commits
    before sending.

    Plain rows, not ORM objects (which the commit would expire and load again). On
    PostgreSQL rows other workers are claiming are skipped (SKIP LOCKED), and the status is
    checked again under the row lock; SQLite runs one writer at a time.
    `meetings`: only messages of these meeting ids or of no meeting (None: any).
    """
    values = {"now": utcnow(), "batch": size}
    if meetings is not None:
        values["meetings"] = list(meetings)
    statement = _claim_statement(db.engine.dialect.name, meetings is not None)
    return sorted(db.session.execute(statement, values).all(), key=lambda row: row.id)


def _record(outcomes: list[tuple[int, dict]]) -> None:
    """Write the outcomes of a batch: one statement per set of changed columns."""
    groups: dict[tuple, list[dict]] = {}
    for message_id, values in outcomes:
        groups.setdefault(tuple(sorted(values)), []).append({"b_id": message_id, **values})
    for rows in groups.values():
        db.session.execute(update(_OUTBOX).where(_OUTBOX.c.id == bindparam("b_id")), rows)


def _release(message_ids: list[int]) -> None:
    """Claimed messages this worker never tried to send: due again, as before the claim."""
    if message_ids:
        db.session.execute(
            update(_OUTBOX)
            .where(_OUTBOX.c.id.in_(message_ids), _OUTBOX.c.status == OutboxStatus.SENDING)
            .values(status=OutboxStatus.QUEUED, attempts=_OUTBOX.c.attempts - 1))


def deliver_due(limit: int = 10_000, progress=None, stop=None, meetings=None,
                batch: int | None = None) -> tuple[int, int]:
    """Send due messages over one reused connection; returns (sent, failed).

    Claims: up to `batch` (OUTBOX_BATCH, default 20) due messages are marked SENDING by one
    statement, committed before the first of them leaves. They are sent one after the
    other; their outcomes are written together in the transaction that claims the next
    batch, committed before any of that one leaves. One commit per batch instead of one per
    message: each commit waits for the disk (some 20 ms on SQLite here, the largest cost
    in the profile), and one claim statement replaces `batch` of them.

    Never twice: a message leaves only while it is SENDING under its worker's committed
    claim; a claim takes only QUEUED rows, checked in the same statement (on PostgreSQL
    under the row lock, skipping rows another worker holds; SQLite has one writer at a
    time); and a SENDING row goes back to QUEUED only through its own worker, for messages
    of its batch it has not tried to send (`_release`). recover_interrupted turns old
    SENDING rows into FAILED, never QUEUED. Several workers, on one machine or several,
    therefore never send a message twice.

    Killed at any point (SIGKILL, a power cut), a worker leaves at most its current batch
    SENDING: the messages sent since the last commit, the one in flight and the ones not
    yet tried. It cannot tell them apart, so after OUTBOX_LEASE_SECONDS recover_interrupted
    marks them all failed ("interrupted"), for the secretariat to check and retry: none is
    lost, none is sent twice. That is the price of batching: up to `batch` messages in
    doubt after a kill instead of one; batch=1 sends one message per commit, as before.

    Stopped by `stop()` (asked before each message) or by an exception, the worker writes
    the outcomes it knows and releases the messages of the batch it has not tried (they
    never left); a message whose sending raised something unexpected stays SENDING (in
    doubt), as with a kill. A batch that has taken more than half the lease (a server
    answering slowly) is cut short the same way, so that no other worker's
    recover_interrupted counts as interrupted a message that is still being sent.
    `meetings` (ids) limits the round to their messages and those of no meeting.
    """
    recover_interrupted()
    batch = batch or current_app.config.get("OUTBOX_BATCH", BATCH)
    lease = current_app.config["OUTBOX_LEASE_SECONDS"]
    sent = failed = 0
    sender = transport()
    outcomes: list[tuple[int, dict]] = []  # of the batch just sent, written with the next
    untried: list = []  # claimed messages of the current batch not yet sent
    try:
        while True:
            _record(outcomes)
            _release([message.id for message in untried])
            more = sent + failed < limit and not (stop is not None and stop())
            untried = _claim_batch(min(batch, limit - sent - failed), meetings) \
                if more else []
            db.session.commit()  # the outcomes and the next claims, before anything leaves
            outcomes = []
            if not untried:
                break
            claimed = time.monotonic()
            while untried:
                if (outcomes and stop is not None and stop()) \
                        or time.monotonic() - claimed > lease / 2:
                    break  # the untried ones are released with the outcomes
                message = untried.pop(0)
                outcome = _send(sender, message)
                outcomes.append((message.id, outcome))
                if outcome["status"] == OutboxStatus.SENT:
                    sent += 1
                else:
                    failed += 1
                if progress is not None:
                    progress(1)
    finally:
        sender.close()
        if outcomes or untried:  # stopped by an error before they were written
            _record_after_error(outcomes, [message.id for message in untried])
    return sent, failed


def _send(sender, message) -> dict:
    """Send one claimed message; the values to record."""
    try:
        sender.send(message)
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        sender.close()
        permanent = isinstance(exc, (smtplib.SMTPRecipientsRefused, ValueError)) \
            and not _is_temporary(exc)
        if permanent or message.attempts >= MAX_ATTEMPTS:
            values = {"status": OutboxStatus.FAILED}
        else:
            values = {"status": OutboxStatus.QUEUED,
                      "next_attempt_at": utcnow() + timedelta(minutes=2 ** message.attempts)}
        return {**values, "last_error": _reason(exc)}
    return {"status": OutboxStatus.SENT, "sent_at": utcnow(), **sent_copy(message)}


def _record_after_error(outcomes: list[tuple[int, dict]], untried: list[int]) -> None:
    """Write what happened to the messages sent and release the untried ones; if the
    database refuses, they stay SENDING and recover_interrupted deals with them, as with a
    worker that died."""
    try:
        db.session.rollback()
        _record(outcomes)
        _release(untried)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Outbox messages %s: outcome not recorded",
                                     [message_id for message_id, _ in outcomes] + untried)


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

"""Flask commands: demo data, sign-in help for the demo, the outbox worker, user accounts."""
from __future__ import annotations

import functools
import time

import click
import pyotp
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from app.extensions import db


def register(app: Flask) -> None:
    app.cli.add_command(demo_data)
    app.cli.add_command(demo_access)
    app.cli.add_command(outbox)
    app.cli.add_command(users)
    app.cli.add_command(export)
    app.cli.add_command(invitations)
    app.cli.add_command(privacy)
    app.cli.add_command(meetings)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


def development_only(command):
    """Refuse a command in production: it prints credentials or writes demo accounts whose
    passwords are on disk."""
    @functools.wraps(command)
    def guarded(*args, **kwargs):
        if current_app.config["ENV_NAME"] == "production":
            raise click.ClickException(
                "This command is for development and demonstrations only: it is refused "
                "when APP_ENV=production.")
        return command(*args, **kwargs)

    return guarded


@click.command("demo-data")
@with_appcontext
@development_only
def demo_data():
    """Create the Breaking Chains series and the Seoul meeting (safe to run again)."""
    from app.demo import load_demo_data

    meeting = load_demo_data()
    click.echo(f"Demo data ready: meeting {meeting.slug} ({meeting.symbol_prefix}).")


@click.command("demo-access")
@with_appcontext
@development_only
def demo_access():
    """Print how to sign in as each demo role, with fresh one-time links for delegates."""
    from app.auth.models import User
    from app.auth.services import issue_login_link
    from app.demo import USERS, read_credentials

    credentials = read_credentials()
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    click.echo(f"\nBreaking Chains Meetings: {base}/meetings/bc-2025-seoul/\n")
    with current_app.test_request_context(base_url=base):
        for email, name, role, _org, locale in USERS:
            user = db.session.scalar(select(User).where(User.email == email))
            if user is None:
                continue
            click.echo(f"  {role.value:<9} {name} <{email}> [{locale}]")
            if user.needs_password:
                secret = credentials.get(email, {})
                click.echo(f"            sign in at {base}/auth/staff  password: "
                           f"{secret.get('password', '(see instance/demo-credentials.json)')}")
                if user.totp_secret:
                    click.echo(f"            TOTP secret: {user.totp_secret}  (current code: "
                               f"{pyotp.TOTP(user.totp_secret).now()}; "
                               "'flask --app app users totp-code EMAIL' prints a fresh one)")
            else:
                click.echo(f"            one-time link (valid "
                           f"{current_app.config['LOGIN_LINK_MAX_AGE'] // 60} min): "
                           f"{issue_login_link(user)}")
        db.session.commit()
    click.echo("\nMore links: 'make demo-access'.  E-mails are written to instance/outbox/ "
               "unless MAIL_URL is set.\n")


outbox = AppGroup("outbox", help="The e-mail outbox.")


@outbox.command("deliver")
@click.option("--loop", is_flag=True, help="Keep running as a worker.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds.")
def outbox_deliver(loop: bool, interval: float):
    """Send the queued e-mails that are due."""
    from app.mail.services import deliver_due, pending_count

    while True:
        due = pending_count()
        if due > 20 and not loop:
            with click.progressbar(length=due, label="Delivering") as bar:
                sent, failed = deliver_due(limit=due, progress=bar.update)
        else:
            sent, failed = deliver_due()
        if sent or failed or not loop:
            click.echo(f"sent {sent}, failed {failed}")
        if not loop:
            return
        time.sleep(interval)


users = AppGroup("users", help="User accounts.")


@users.command("totp-code")
@click.argument("email")
@development_only
def totp_code(email: str):
    """Print the current TOTP code of an account (development only)."""
    from app.auth.models import User

    user = db.session.scalar(select(User).where(User.email == email.lower()))
    if user is None or not user.totp_secret:
        raise click.ClickException(f"No TOTP for {email}.")
    click.echo(pyotp.TOTP(user.totp_secret).now())


@users.command("deactivate")
@click.argument("email")
def deactivate_user(email: str):
    """Take an account out of use: no more sign-in, and every browser signed out now."""
    from app.auth.models import User
    from app.auth.services import deactivate, normalise_email

    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    deactivate(user)
    db.session.commit()
    click.echo(f"Deactivated {user.email}; its sessions are ended.")


@users.command("create-secretariat")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--meeting", "slug", required=True, help="Meeting slug.")
@click.option("--admin", is_flag=True, help="Administrator (password and TOTP).")
@click.password_option()
def create_secretariat(email: str, name: str, slug: str, admin: bool, password: str):
    """Create a secretariat account for a meeting."""
    from email_validator import EmailNotValidError, validate_email

    from app.audit.services import record
    from app.auth.models import Membership, Role, User
    from app.auth.services import hash_password, normalise_email
    from app.meetings.models import Meeting

    try:
        email = normalise_email(validate_email(email, check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        raise click.BadParameter(str(exc), param_hint="EMAIL") from exc
    if len(password) < 12:
        raise click.BadParameter("at least 12 characters", param_hint="password")
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == slug))
    if meeting is None:
        raise click.BadParameter(f"no meeting {slug!r}", param_hint="--meeting")
    if db.session.scalar(select(User).where(User.email == email)):
        raise click.ClickException(f"{email} already has an account.")
    user = User(email=email, name=name, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    role = Role.ADMIN if admin else Role.STAFF
    db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=role))
    record("users.create", user, meeting=meeting, role=role.value)
    db.session.commit()
    click.echo(f"Created {role.value} {email}; TOTP is set up at first sign-in." if admin
               else f"Created {role.value} {email}.")


@click.command("export")
@with_appcontext
@click.argument("kind", type=click.Choice(["agenda", "participants", "badges", "resolution",
                                           "minutes"]))
@click.argument("meeting_slug")
@click.argument("number", type=int, required=False)
@click.option("--format", "fmt", type=click.Choice(["pdf", "ics", "html", "csv", "xlsx"]),
              default="pdf", show_default=True,
              help="agenda: pdf, ics or html; participants: pdf, csv or xlsx; badges: pdf.")
@click.option("--lang", default="en", show_default=True, help="One of the 15 UI locales.")
@click.option("--draft", is_flag=True, help="The live agenda instead of the published one.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
def export(kind: str, meeting_slug: str, number: int | None, fmt: str, lang: str, draft: bool,
           output: str):
    """Write the same file the web pages offer (the public and delegate items)."""
    from app.agenda import services
    from app.agenda.models import Visibility
    from app.agenda.render import agenda_html
    from app.calendar.services import build_calendar
    from app.documents.pdf import render_pdf
    from app.i18n import TranslatedText, normalise_locale
    from app.meetings.models import Meeting

    locale = normalise_locale(lang)
    if locale is None or locale.replace("_", "-").lower() != lang.replace("_", "-").lower():
        raise click.BadParameter(f"{lang!r} is not one of the UI locales", param_hint="--lang")
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == meeting_slug))
    if meeting is None:
        raise click.BadParameter(f"no meeting {meeting_slug!r}", param_hint="MEETING")
    if kind != "agenda":
        exporters = {"resolution": lambda: _resolution_export(meeting, number, fmt, locale),
                     "minutes": lambda: _minutes_export(meeting, fmt, locale)}
        data = exporters.get(kind, lambda: _registration_export(kind, meeting, fmt, locale))()
        with open(output, "wb") as handle:
            handle.write(data)
        click.echo(f"Wrote {output} ({len(data):,} bytes).")
        return
    if fmt not in ("pdf", "ics", "html"):
        raise click.BadParameter("the agenda is exported as pdf, ics or html",
                                 param_hint="--format")
    version = None if draft else services.latest_version(meeting)
    if version is None and not draft:
        raise click.ClickException("The agenda has not been published; use --draft.")
    snapshot = version.snapshot if version else services.serialize(meeting)
    levels = {Visibility.PUBLIC, Visibility.DELEGATES}
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    with current_app.test_request_context(base_url=base):
        if fmt == "ics":
            title = TranslatedText(meeting.title).resolve(locale, meeting.working_language).text
            data = build_calendar(meeting, services.visible_items(snapshot, levels), locale,
                                  name=title, link=f"{base}/meetings/{meeting.slug}/agenda",
                                  stamp=version.published_at if version else None)
        else:
            html = agenda_html(meeting, snapshot, version, levels, locale)
            data = render_pdf(html) if fmt == "pdf" else html.encode()
    with open(output, "wb") as handle:
        handle.write(data)
    click.echo(f"Wrote {output} ({len(data):,} bytes).")


def _minutes_export(meeting, fmt: str, locale: str) -> bytes:
    from flask import g

    from app.minutes.documents import minutes_pdf
    from app.minutes.services import languages, minutes_of

    if fmt != "pdf":
        raise click.BadParameter("the minutes are exported as pdf", param_hint="--format")
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    with current_app.test_request_context(base_url=base):
        g.meeting = meeting
        minutes = minutes_of(meeting)
        if locale not in languages(minutes):
            raise click.ClickException(f"The minutes have no text in {locale}.")
        return minutes_pdf(meeting, minutes, locale)


def _resolution_export(meeting, number: int | None, fmt: str, locale: str) -> bytes:
    from flask import g

    from app.resolutions.documents import resolution_pdf
    from app.resolutions.services import by_number

    if fmt != "pdf":
        raise click.BadParameter("a resolution is exported as pdf", param_hint="--format")
    if number is None:
        raise click.BadParameter("give the resolution's number", param_hint="NUMBER")
    resolution = by_number(meeting, number)
    if resolution is None:
        raise click.BadParameter(f"no resolution {number} at {meeting.slug}",
                                 param_hint="NUMBER")
    if resolution.text_in(locale) is None:
        raise click.ClickException(f"Resolution {number} has no text in {locale}.")
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    with current_app.test_request_context(base_url=base):
        g.meeting = meeting
        return resolution_pdf(resolution, locale)


def _registration_export(kind: str, meeting, fmt: str, locale: str) -> bytes:
    from flask import g

    from app.registration import documents
    from app.registration.services import participants

    allowed = {"participants": ("pdf", "csv", "xlsx"), "badges": ("pdf",)}[kind]
    if fmt not in allowed:
        raise click.BadParameter(f"{kind} are exported as {', '.join(allowed)}",
                                 param_hint="--format")
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    with current_app.test_request_context(base_url=base):
        g.meeting = meeting
        rows = participants(meeting, locale)
        if kind == "badges":
            if not rows:
                raise click.ClickException("No approved registration to print a badge for.")
            return documents.badges_pdf(meeting, rows, locale)
        if fmt == "csv":
            return documents.participants_csv(rows, locale).encode()
        if fmt == "xlsx":
            from app.i18n import TranslatedText

            title = TranslatedText(meeting.title).resolve(locale, meeting.working_language)
            return documents.participants_xlsx(rows, locale, title.text)
        return documents.participants_pdf(meeting, rows, locale)


privacy = AppGroup("privacy", help="Personal data: erasure after the meeting, key rotation.")


@privacy.command("purge")
@click.argument("meeting_slug")
@click.option("--force", is_flag=True, help="Also before the meeting has ended.")
def privacy_purge(meeting_slug: str, force: bool):
    """Erase passport data, contact and travel details and photos of a meeting's delegates."""
    from app.meetings.models import Meeting
    from app.registration.services import RegistrationError, purge

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == meeting_slug))
    if meeting is None:
        raise click.BadParameter(f"no meeting {meeting_slug!r}", param_hint="MEETING")
    try:
        count = purge(meeting, force=force)
    except RegistrationError as error:
        raise click.ClickException(f"{error.message} (use --force to purge anyway)") from error
    db.session.commit()
    click.echo(f"Erased the personal details of {count} registrations of {meeting_slug}.")


@privacy.command("rotate-keys")
def privacy_rotate_keys():
    """Re-encrypt every sensitive value with the first key of DATA_KEYS."""
    from app.registration.services import rotate_keys

    count = rotate_keys()
    db.session.commit()
    click.echo(f"Re-encrypted {count} registrations with the newest key.")


meetings = AppGroup("meetings", help="Meetings of the series.")


@meetings.command("clone")
@click.argument("source_slug")
@click.option("--slug", required=True, help="Short name of the new meeting, e.g. bc-2026-bkk.")
@click.option("--start", "start", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--end", "end", type=click.DateTime(["%Y-%m-%d"]),
              help="Last day (default: as long as the source meeting).")
@click.option("--title", required=True, help="Title in the working language.")
@click.option("--city", required=True, help="Host city in the working language.")
@click.option("--venue", help="Venue if it changes (rooms are then not copied).")
@click.option("--timezone", help="IANA zone (default: the source meeting's).")
@click.option("--host", "host_code", help="Code of the host organisation (a member).")
@click.option("--symbol-prefix", help="Default: the series root and the next number.")
def meetings_clone(source_slug, slug, start, end, title, city, venue, timezone, host_code,
                   symbol_prefix):
    """Create the next meeting from SOURCE_SLUG; the source meeting is not changed."""
    from datetime import date

    from app.meetings.models import Meeting
    from app.series import services as series

    source = db.session.scalar(select(Meeting).where(Meeting.slug == source_slug))
    if source is None:
        raise click.BadParameter(f"no meeting {source_slug!r}", param_hint="SOURCE_SLUG")
    first = start.date()
    length = source.end_date - source.start_date
    # min(): a start at the end of the calendar is refused by clone_meeting, not by Python
    last = end.date() if end else min(first, date.max - length) + length
    lang = source.working_language
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    with current_app.test_request_context(base_url=base):
        try:
            result = series.clone_meeting(
                source, slug=slug, start=first, end=last, title={lang: title},
                city={lang: city}, venue={lang: venue} if venue else None, timezone=timezone,
                host_code=host_code, symbol_prefix=symbol_prefix)
        except series.SeriesError as error:
            db.session.rollback()
            raise click.ClickException(error.message) from error
        db.session.commit()
    click.echo(f"Created {result.meeting.symbol_prefix} ({result.meeting.slug}): "
               f"{result.invitations} draft invitations, {result.sessions} sessions, "
               f"{result.items} agenda items, {result.rooms} rooms.")
    for code in result.skipped:
        click.echo(f"  {code}: on the roster but never invited; add its addressee by hand.")


invitations = AppGroup("invitations", help="Invitations to a meeting.")


@invitations.command("send")
@click.argument("meeting_slug")
@click.option("--all", "send_all", is_flag=True, required=True,
              help="Queue every invitation not yet sent.")
def invitations_send(meeting_slug: str, send_all: bool):
    """Queue the unsent invitations of a meeting in the outbox (then run outbox deliver)."""
    from sqlalchemy import func

    from app.invitations import services
    from app.invitations.models import Invitation, InvitationStatus
    from app.meetings.models import Meeting

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == meeting_slug))
    if meeting is None:
        raise click.BadParameter(f"no meeting {meeting_slug!r}", param_hint="MEETING")
    drafts = db.session.scalar(select(func.count()).select_from(Invitation).where(
        Invitation.meeting_id == meeting.id, Invitation.status == InvitationStatus.DRAFT))
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]), \
            click.progressbar(length=drafts, label="Queueing") as bar:
        queued, skipped = services.send_all(meeting, progress=bar.update)
        db.session.commit()
    click.echo(f"Queued {queued} invitations.")
    for invitation, reason in skipped:
        click.echo(f"Skipped {invitation.organisation.code}: {reason}", err=True)


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(target: str):
    """Copy the database to TARGET (SQLite online backup, or pg_dump custom format)."""
    from app.backup import BackupError, backup

    try:
        path = backup(target)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backup written to {path}.")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(source: str, yes: bool):
    """Replace the database's contents with the backup SOURCE."""
    from app.backup import BackupError, restore

    if not yes:
        click.confirm("This replaces every record in the database. Continue?", abort=True)
    try:
        restore(source)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Database restored from {source}.")

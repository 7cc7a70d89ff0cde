"""Accounts: the first secretariat accounts, taking an account out of use, TOTP codes of the
demo."""
from __future__ import annotations

import click
import pyotp
from email_validator import EmailNotValidError, validate_email
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from app.audit.services import record
from app.auth.models import Membership, Role, User
from app.auth.services import deactivate, hash_password, normalise_email
from app.cli.common import development_only, meeting_by_slug
from app.extensions import db


def init_app(app: Flask) -> None:
    app.cli.add_command(users)


users = AppGroup("users", help="User accounts.")


@users.command("totp-code")
@click.argument("email")
@development_only
def totp_code(email: str):
    """Print the current TOTP code of an account (development only)."""
    user = db.session.scalar(select(User).where(User.email == email.lower()))
    if user is None or not user.totp_secret:
        raise click.ClickException(f"No TOTP for {email}.")
    click.echo(pyotp.TOTP(user.totp_secret).now())


@users.command("deactivate")
@click.argument("email")
def deactivate_user(email: str):
    """Take an account out of use: no more sign-in, and every browser signed out now."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    deactivate(user)
    db.session.commit()
    click.echo(f"Deactivated {user.email}; its sessions are ended.")


@users.command("create-secretariat")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--meeting", "slug", default=None,
              help="Meeting slug. Without it (with --admin): a site administrator, who creates "
                   "series, meetings and organisations in the browser.")
@click.option("--admin", is_flag=True, help="Administrator (password and TOTP).")
@click.password_option()
def create_secretariat(email: str, name: str, slug: str | None, admin: bool, password: str):
    """Create a secretariat account for a meeting, or (--admin without --meeting) the site's
    administrator, on an empty database too."""
    try:
        email = normalise_email(validate_email(email, check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        raise click.BadParameter(str(exc), param_hint="EMAIL") from exc
    if len(password) < 12:
        raise click.BadParameter("at least 12 characters", param_hint="password")
    if slug is None and not admin:
        raise click.UsageError("--meeting is required unless --admin is given.")
    meeting = meeting_by_slug(slug, "--meeting") if slug is not None else None
    if db.session.scalar(select(User).where(User.email == email)):
        raise click.ClickException(f"{email} already has an account.")
    user = User(email=email, name=name, password_hash=hash_password(password),
                site_admin=meeting is None)
    db.session.add(user)
    db.session.flush()
    if meeting is None:
        record("users.create", user, role="site_admin")
        db.session.commit()
        click.echo(f"Created site administrator {email}; TOTP is set up at first sign-in.")
        return
    role = Role.ADMIN if admin else Role.STAFF
    db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=role))
    record("users.create", user, meeting=meeting, role=role.value)
    db.session.commit()
    click.echo(f"Created {role.value} {email}; TOTP is set up at first sign-in." if admin
               else f"Created {role.value} {email}.")

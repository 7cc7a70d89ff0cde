"""Commands of the demo: load it, and print how to sign in as each of its people."""
from __future__ import annotations

import click
import pyotp
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from app.auth.models import User
from app.auth.services import issue_login_link
from app.cli.common import development_only
from app.demo import SLUG, USERS, load_demo_data, read_credentials
from app.extensions import db
from app.urls import public_url


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_data)
    app.cli.add_command(demo_access)


@click.command("demo-data")
@with_appcontext
@development_only
def demo_data():
    """Create the Breaking Chains series and the Seoul meeting (safe to run again)."""
    meeting = load_demo_data()
    click.echo(f"Demo data ready: meeting {meeting.slug} ({meeting.symbol_prefix}).")


@click.command("demo-access")
@with_appcontext
@development_only
def demo_access():
    """Print how to sign in as each demo role, with fresh one-time links for delegates."""
    credentials = read_credentials()
    click.echo(f"\nBreaking Chains Meetings: {public_url('meetings.home', slug=SLUG)}\n")
    for email, name, role, _org, locale in USERS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            continue
        click.echo(f"  {role.value:<9} {name} <{email}> [{locale}]")
        if user.needs_password:
            secret = credentials.get(email, {})
            click.echo(f"            sign in at {public_url('auth.staff_sign_in')}  password: "
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

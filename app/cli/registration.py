"""Personal data of the registrations: erasure after the meeting, rotation of the data keys."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from app.accreditation.services import rotate_keys as rotate_accreditation_keys
from app.cli.common import in_default_locale, meeting_by_slug
from app.extensions import db
from app.logistics.travel.transfers import rotate_keys as rotate_driver_keys
from app.registration.services import RegistrationError, rotate_keys
from app.series.privacy import purge


def init_app(app: Flask) -> None:
    app.cli.add_command(privacy)


privacy = AppGroup("privacy", help="Personal data: erasure after the meeting, key rotation.")


@privacy.command("purge")
@click.argument("meeting_slug")
@click.option("--force", is_flag=True, help="Also before the meeting has ended.")
@in_default_locale
def privacy_purge(meeting_slug: str, force: bool):
    """Erase passport data, contact and travel details and photos of a meeting's delegates,
    and the names and addresses in the log of who received its circulars."""
    meeting = meeting_by_slug(meeting_slug, "MEETING")
    try:
        count, recipients = purge(meeting, force=force)
    except RegistrationError as error:
        raise click.ClickException(f"{error.message} (use --force to purge anyway)") from error
    db.session.commit()
    click.echo(f"Erased the personal details of {count} registrations of {meeting_slug}.")
    click.echo(f"Erased {recipients} names and addresses from the log of its circulars.")


@privacy.command("rotate-keys")
def privacy_rotate_keys():
    """Re-encrypt every sensitive value with the first key of DATA_KEYS."""
    count = rotate_keys()
    rotate_accreditation_keys()
    rotate_driver_keys()  # the drivers' phone numbers
    db.session.commit()
    click.echo(f"Re-encrypted {count} registrations with the newest key.")

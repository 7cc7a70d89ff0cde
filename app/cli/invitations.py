"""Invitations: queue a meeting's unsent invitations in the outbox."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.cli.common import in_default_locale, meeting_by_slug
from app.extensions import db
from app.invitations import services
from app.invitations.models import Invitation, InvitationStatus


def init_app(app: Flask) -> None:
    app.cli.add_command(invitations)


invitations = AppGroup("invitations", help="Invitations to a meeting.")


@invitations.command("send")
@click.argument("meeting_slug")
@click.option("--all", "send_all", is_flag=True, required=True,
              help="Queue every invitation not yet sent.")
@in_default_locale
def invitations_send(meeting_slug: str, send_all: bool):
    """Queue the unsent invitations of a meeting in the outbox (then run outbox deliver)."""
    meeting = meeting_by_slug(meeting_slug, "MEETING")
    drafts = db.session.scalar(select(func.count()).select_from(Invitation).where(
        Invitation.meeting_id == meeting.id, Invitation.status == InvitationStatus.DRAFT))
    with click.progressbar(length=drafts, label="Queueing") as bar:
        queued, skipped = services.send_all(meeting, progress=bar.update)
        db.session.commit()
    click.echo(f"Queued {queued} invitations.")
    for invitation, reason in skipped:
        click.echo(f"Skipped {invitation.organisation.code}: {reason}", err=True)

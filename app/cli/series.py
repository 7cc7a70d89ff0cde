"""The series: the next meeting, cloned from one before."""
from __future__ import annotations

from datetime import date

import click
from flask import Flask
from flask.cli import AppGroup

from app.cli.common import in_default_locale, meeting_by_slug
from app.extensions import db
from app.series import services as series


def init_app(app: Flask) -> None:
    app.cli.add_command(meetings)


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
@in_default_locale
def meetings_clone(source_slug, slug, start, end, title, city, venue, timezone, host_code,
                   symbol_prefix):
    """Create the next meeting from SOURCE_SLUG; the source meeting is not changed."""
    source = meeting_by_slug(source_slug, "SOURCE_SLUG")
    first = start.date()
    length = source.end_date - source.start_date
    # min(): a start at the end of the calendar is refused by clone_meeting, not by Python
    last = end.date() if end else min(first, date.max - length) + length
    lang = source.working_language
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

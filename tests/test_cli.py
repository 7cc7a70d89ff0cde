"""Commands run outside any request: the domain's services get plain arguments, and the
messages they raise are printed in the default locale."""
from __future__ import annotations

from sqlalchemy import select

from app.meetings.models import Meeting


def test_purging_a_meeting_not_yet_ended_is_refused_with_the_reason(app, db, demo):
    upcoming = db.session.scalar(select(Meeting).where(Meeting.number == 2))
    result = app.test_cli_runner().invoke(args=["privacy", "purge", upcoming.slug])
    assert result.exit_code == 1, result.output
    assert "Error: The meeting has not ended yet. (use --force to purge anyway)" in result.output

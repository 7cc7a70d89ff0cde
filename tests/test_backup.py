"""Backups restore what was there: made while running, restored, compared row by row."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db as _db
from app.meetings.models import Meeting


def _snapshot(db) -> dict:
    db.session.expire_all()
    return {table.name: sorted(map(tuple, db.session.execute(select(table)).all()), key=repr)
            for table in _db.metadata.sorted_tables}


def test_backup_and_restore_give_back_every_row(app, db, demo, tmp_path):
    before = _snapshot(db)
    runner = app.test_cli_runner()
    target = tmp_path / "bcm.backup"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    meeting.title = {"en": "Changed after the backup"}
    db.session.delete(meeting.rooms[0])
    db.session.commit()
    assert _snapshot(db) != before
    db.session.remove()
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    assert _snapshot(db) == before


def test_restoring_something_that_is_not_a_backup_changes_nothing(app, db, demo, tmp_path):
    before = _snapshot(db)
    bogus = tmp_path / "not-a-backup"
    bogus.write_text("hello")
    result = app.test_cli_runner().invoke(args=["restore", str(bogus), "--yes"])
    assert result.exit_code != 0 and "not a" in result.output
    db.session.remove()
    assert _snapshot(db) == before

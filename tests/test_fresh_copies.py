"""The fresh copy of the database each test starts on (tests/conftest.py): what a test wrote,
through whichever connection (a worker process, the live server), is gone when the copy is
written back; on PostgreSQL, only the tables written are written back, and if the triggers
that note them are no longer there, every table is."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select, text

from app.extensions import db as _db
from app.meetings.models import Meeting, Organisation
from tests.conftest import ONE_BACKEND

MEETINGS, ORGANISATIONS = Meeting.__table__, Organisation.__table__


def _titles(engine) -> tuple[list, list]:
    with engine.connect() as conn:
        return (conn.execute(select(MEETINGS.c.id, MEETINGS.c.title)
                             .order_by(MEETINGS.c.id)).all(),
                conn.execute(select(ORGANISATIONS.c.id, ORGANISATIONS.c.name)
                             .order_by(ORGANISATIONS.c.id)).all())


@pytest.fixture
def other(app):
    """A connection of its own, as a worker process or the live server has."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    yield engine
    engine.dispose()


def _written(engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.scalars(text("SELECT name FROM bcm_test_copies.written")))


def test_what_another_connection_wrote_is_undone(app, demo, other):
    copies = app.extensions["test_copies"]
    noted = getattr(copies, "triggers", None) is not None  # PostgreSQL, as a superuser
    meetings, organisations = _titles(other)
    with other.begin() as conn:
        conn.execute(MEETINGS.update().values(title={"en": "Changed"}))
        conn.execute(ORGANISATIONS.update().values(name={"en": "Changed"}))
    assert _titles(other) != (meetings, organisations)
    if noted:
        assert _written(other) == {"meeting", "organisation"}
    with app.app_context():
        copies.restore("demo")
    assert _titles(other) == (meetings, organisations)
    if noted:
        assert _written(other) == set()


needs_tracking = pytest.mark.skipif(
    ONE_BACKEND != "postgresql", reason="the tables written are noted on PostgreSQL only")


@needs_tracking
@pytest.mark.parametrize("app", ["postgresql"], indirect=True)
def test_a_statement_rolled_back_leaves_no_note(app, demo, other):
    if not app.extensions["test_copies"].superuser:
        pytest.skip("only a superuser's copies note the tables written")
    with other.connect() as conn:
        conn.execute(MEETINGS.update().values(title={"en": "Changed"}))
        conn.rollback()
    assert _written(other) == set()


@needs_tracking
@pytest.mark.parametrize("app", ["postgresql"], indirect=True)
def test_without_its_triggers_every_table_is_written_back_and_they_are_made_again(
        app, demo, other):
    copies = app.extensions["test_copies"]
    if not copies.superuser:
        pytest.skip("only a superuser's copies note the tables written")
    meetings, organisations = _titles(other)
    triggers = copies.triggers
    with other.begin() as conn:  # as pg_restore --clean would: the tables made again
        conn.execute(text("DROP TRIGGER bcm_test_written ON meeting"))
        conn.execute(MEETINGS.update().values(title={"en": "Changed"}))
    assert _written(other) == set()  # nothing noted the change
    with app.app_context():
        copies.restore("demo")
    assert _titles(other) == (meetings, organisations)
    assert copies.triggers not in (None, triggers)
    with other.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM pg_trigger WHERE tgname = "
                                "'bcm_test_written'")) == len(_db.metadata.sorted_tables)

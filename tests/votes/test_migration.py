"""Migration b21votes on a database of its own, on each backend: up from nothing, down to
b21floor (the tables and triggers go), and up again."""
from __future__ import annotations

import flask_migrate
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import TestConfig
from app.extensions import db as _db

TABLES = {"floor_vote", "floor_ballot", "floor_vote_statement"}


def _fresh_url(app, tmp_path) -> str:
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / 'migration.sqlite3'}"
    name = f"{url.database}_votes_migration"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _triggers(conn) -> set[str]:
    if conn.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    return {name for (name,) in conn.execute(text(query)) if name.startswith("floor_ballot")}


def test_b21votes_goes_up_down_and_up_again(app, tmp_path):
    config = type("MigrationConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": _fresh_url(app, tmp_path), "INSTANCE_DIR": str(tmp_path)})
    fresh = create_app(config)
    with fresh.app_context():
        try:
            flask_migrate.upgrade()
            with _db.engine.connect() as conn:
                assert TABLES <= set(inspect(conn).get_table_names())
                assert _triggers(conn)
            flask_migrate.downgrade(revision="b21floor")
            with _db.engine.connect() as conn:
                assert not TABLES & set(inspect(conn).get_table_names())
                assert not _triggers(conn)
            flask_migrate.upgrade()
            with _db.engine.connect() as conn:
                assert TABLES <= set(inspect(conn).get_table_names()) and _triggers(conn)
        finally:
            _db.session.remove()
            _db.engine.dispose()

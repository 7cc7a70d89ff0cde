"""Migration b24agendadocs: the agenda documents' bytes move from files under the instance
folder into the database (and back out on a downgrade), on a database of its own."""
from __future__ import annotations

from pathlib import Path

import flask_migrate
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import TestConfig
from app.extensions import db as _db


def _fresh_url(app, tmp_path) -> str:
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{tmp_path / 'migration.sqlite3'}"
    name = f"{url.database}_agendadocs_migration"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def test_b24agendadocs_reads_the_files_into_the_database_and_back(app, tmp_path):
    config = type("MigrationConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": _fresh_url(app, tmp_path), "INSTANCE_DIR": str(tmp_path)})
    fresh = create_app(config)
    folder = Path(fresh.instance_path) / "documents"
    with fresh.app_context():
        try:
            flask_migrate.upgrade()
            from app.agenda.models import AgendaDocument, AgendaItem
            from app.demo import load_demo_data

            load_demo_data()
            item = _db.session.scalar(select(AgendaItem).order_by(AgendaItem.id))
            _db.session.add(AgendaDocument(
                item_id=item.id, title="Statement", stored_name="0123abcd.pdf",
                original_name="statement.pdf", content_type="application/pdf", size=9,
                data=b"%PDF-1.7\n"))
            _db.session.commit()
            _db.session.remove()
            flask_migrate.downgrade(revision="b24jobs")  # as before: a file per document
            assert (folder / "0123abcd.pdf").read_bytes() == b"%PDF-1.7\n"
            (folder / "0123abcd.pdf").write_bytes(b"%PDF-1.7\n% kept on disk\n")
            flask_migrate.upgrade()
            assert _db.session.scalar(select(AgendaDocument.data).where(
                AgendaDocument.stored_name == "0123abcd.pdf")) == b"%PDF-1.7\n% kept on disk\n"
        finally:
            _db.session.remove()
            _db.engine.dispose()

"""Agenda documents in the database (issue 24, several application servers): the file's bytes
go into agenda_document.data, as the documents register's files do, instead of a file under
the instance folder, which each application server may have its own of. Files already
uploaded are read into the column from instance/documents/ where they are.

Revision ID: b24agendadocs
Revises: b24jobs
Create Date: 2026-12-07
"""
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = 'b24agendadocs'
down_revision = 'b24jobs'
branch_labels = None
depends_on = None


def _folder() -> Path | None:
    try:
        from flask import current_app

        return Path(current_app.instance_path) / "documents"
    except RuntimeError:  # run outside the application (plain alembic): nothing to read
        return None


def upgrade():
    with op.batch_alter_table("agenda_document") as batch:
        batch.add_column(sa.Column("data", sa.LargeBinary(), nullable=True))
    folder = _folder()
    if folder is None or not folder.is_dir():
        return
    table = sa.table("agenda_document", sa.column("id", sa.Integer),
                     sa.column("stored_name", sa.String), sa.column("data", sa.LargeBinary))
    connection = op.get_bind()
    for row in connection.execute(sa.select(table.c.id, table.c.stored_name)).all():
        path = folder / row.stored_name
        if "/" not in row.stored_name and path.is_file():
            connection.execute(sa.update(table).where(table.c.id == row.id)
                               .values(data=path.read_bytes()))


def downgrade():
    folder = _folder()
    if folder is not None:
        table = sa.table("agenda_document", sa.column("stored_name", sa.String),
                         sa.column("data", sa.LargeBinary))
        folder.mkdir(parents=True, exist_ok=True)
        for row in op.get_bind().execute(sa.select(table.c.stored_name, table.c.data)
                                         .where(table.c.data.is_not(None))).all():
            (folder / row.stored_name).write_bytes(row.data)
    with op.batch_alter_table("agenda_document") as batch:
        batch.drop_column("data")

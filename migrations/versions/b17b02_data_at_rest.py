"""personal data at rest: outbox bodies, cached documents

The outbox bodies (body_text, body_html, calendar) carried working sign-in and invitation
links in plain text. The columns keep their type (text) and now hold Fernet tokens under
DATA_KEYS: this upgrade encrypts the existing rows with the application's keys (the migration
runs inside the application, `flask db upgrade`, so DATA_KEYS is the configured one) and, for
messages already sent, first takes the tokens out of their links, as the worker now does after
each delivery. It also deletes the PDF cache an earlier version wrote in plain files (visa
letters and badges among them); every document is rendered again on demand.

The downgrade decrypts the bodies back to plain text (links of sent messages stay without
their tokens).

Revision ID: b17b02
Revises: b17a01
"""
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from flask import current_app

revision = 'b17b02'
down_revision = 'b17a01'
branch_labels = None
depends_on = None

_BODIES = ("body_text", "body_html", "calendar")
_outbox = sa.table("outbox_message", sa.column("id", sa.Integer), sa.column("status", sa.String),
                   *(sa.column(name, sa.Text) for name in _BODIES))


def _rewrite(change) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(_outbox)).all()
    for row in rows:
        values = change(row)
        if values:
            connection.execute(sa.update(_outbox).where(_outbox.c.id == row.id).values(**values))


def upgrade():
    from app.crypto import encrypt
    from app.mail.services import sent_copy

    def encrypted(row) -> dict:
        plain = {name: getattr(row, name) or "" for name in _BODIES}
        if row.status == "sent":
            plain.update(sent_copy(row))
        return {name: encrypt(value) if value else "" for name, value in plain.items()}

    _rewrite(encrypted)
    cache = Path(current_app.instance_path) / "pdf-cache"
    for path in [*cache.glob("*.pdf"), *cache.glob("*.tmp")]:  # the plain files only
        path.unlink(missing_ok=True)


def downgrade():
    from app.crypto import decrypt

    _rewrite(lambda row: {name: decrypt(getattr(row, name)) if getattr(row, name) else ""
                          for name in _BODIES})

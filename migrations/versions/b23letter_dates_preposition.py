"""Invitation letters: drop the preposition written before {dates}, which now carries its own.

Since issue 23 `{dates}` is the period as running text with its preposition ("du 11 au 12
novembre 2025", "from 11 to 12 November 2025"); a letter saved before wrote "du {dates}" and
would print "du du 11 au 12 novembre 2025". This rewrites the stored subjects and bodies, per
language, in the forms the letters had (the demo letter of commit 74f57b5 and the prepositions
a writer would have used). A copy of the patterns of app.invitations.services (the migration
must not change when the application does).

Revision ID: b23letterdates
Revises: b21votes
Create Date: 2026-12-07
"""
import re

import sqlalchemy as sa
from alembic import op

revision = 'b23letterdates'
down_revision = 'b21votes'
branch_labels = None
depends_on = None

_SPACED = r"(?<!\S)(?:{words}) \{{dates\}}"
_GLUED = r"(?:{words})\s?\{{dates\}}"
_OLD_PREPOSITIONS = {
    "en": _SPACED.format(words="on|from"),
    "fr": _SPACED.format(words="du|le"),
    "es": _SPACED.format(words="del|el"),
    "pt": _SPACED.format(words="de|em"),
    "vi": _SPACED.format(words="vào|từ"),
    "id": _SPACED.format(words="pada tanggal|pada"),
    "ms": _SPACED.format(words="pada|dari"),
    "fil": _SPACED.format(words="sa|mula"),
    "ar": _SPACED.format(words="في|من"),
    "th": _GLUED.format(words="ระหว่างวันที่|ในวันที่|วันที่"),
    "km": _GLUED.format(words="នៅថ្ងៃទី|ពីថ្ងៃទី|នៅ"),
    "lo": _GLUED.format(words="ໃນວັນທີ|ແຕ່ວັນທີ"),
}
_OLD_PREPOSITIONS = {lang: re.compile(pattern) for lang, pattern in _OLD_PREPOSITIONS.items()}

letter = sa.table('invitation_letter', sa.column('id', sa.Integer),
                  sa.column('subject', sa.JSON), sa.column('body', sa.JSON))


def _rewritten(texts):
    texts = dict(texts or {})
    for lang, pattern in _OLD_PREPOSITIONS.items():
        if isinstance(texts.get(lang), str):
            texts[lang] = pattern.sub("{dates}", texts[lang])
    return texts


def upgrade():
    connection = op.get_bind()
    for row in connection.execute(sa.select(letter.c.id, letter.c.subject, letter.c.body)).all():
        subject, body = _rewritten(row.subject), _rewritten(row.body)
        if subject != (row.subject or {}) or body != (row.body or {}):
            connection.execute(letter.update().where(letter.c.id == row.id)
                               .values(subject=subject, body=body))


def downgrade():
    # The rewritten letters are right for the {dates} of both revisions' code; nothing to undo.
    pass

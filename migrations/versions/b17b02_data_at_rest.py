"""personal data at rest: outbox bodies, cached documents

Revision ID: b17b02
Revises: b17a01
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'b17b02'
down_revision = 'b17a01'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

"""approved registrations go back for approval when identity changes

Revision ID: b17c03
Revises: b17b02
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'b17c03'
down_revision = 'b17b02'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

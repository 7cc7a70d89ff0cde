"""the person's own time zone, set on their profile page

Revision ID: b17d04
Revises: b17c03
"""
from alembic import op
import sqlalchemy as sa


revision = 'b17d04'
down_revision = 'b17c03'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('timezone')

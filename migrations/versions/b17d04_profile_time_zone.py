"""the person's own time zone, set on their profile page; room for a registration's full
name in the account's name (given names and family name, 100 letters each, overflowed 200)

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
        batch_op.alter_column('name', existing_type=sa.String(length=200),
                              type_=sa.String(length=255), existing_nullable=False)


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('name', existing_type=sa.String(length=255),
                              type_=sa.String(length=200), existing_nullable=False)
        batch_op.drop_column('timezone')

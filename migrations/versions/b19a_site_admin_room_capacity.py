"""site administrators (user.site_admin: every meeting's administrator, creates series,
meetings and organisations); a room's capacity; an organisation's short name per language

Revision ID: b19a
Revises: b17d04
"""
from alembic import op
import sqlalchemy as sa


revision = 'b19a'
down_revision = 'b17d04'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('site_admin', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.add_column(sa.Column('capacity', sa.Integer(), nullable=True))
        batch_op.create_check_constraint('capacity_positive', 'capacity IS NULL OR capacity > 0')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('short_name', sa.JSON(), nullable=False,
                                      server_default=sa.text("'{}'")))
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.alter_column('short_name', server_default=None, existing_type=sa.JSON(),
                              existing_nullable=False)


def downgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('short_name')
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.drop_constraint('capacity_positive', type_='check')
        batch_op.drop_column('capacity')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('site_admin')

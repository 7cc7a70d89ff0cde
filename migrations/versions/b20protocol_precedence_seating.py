"""protocol (issue 20): the meeting's precedence rule, seating layout and paper; the lots drawn
for the order of precedence

Revision ID: b20protocol
Revises: b20meals
"""
from alembic import op
import sqlalchemy as sa


revision = 'b20protocol'
down_revision = 'b20meals'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('protocol_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.Enum('english', 'french', 'host_language', 'lot', name='precedence_rule', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('layout', sa.Enum('hollow_square', 'u_shape', 'classroom', name='seating_layout', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('paper', sa.Enum('a3', 'a4', name='seating_paper', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_protocol_settings_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_protocol_settings')),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_protocol_settings_meeting_id'))
    )
    op.create_table('precedence_lot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('letter', sa.String(length=1), nullable=False),
    sa.Column('drawn_at', sa.DateTime(), nullable=False),
    sa.Column('drawn_by_id', sa.Integer(), nullable=True),
    sa.Column('drawn_by_label', sa.String(length=254), nullable=False),
    sa.Column('order', sa.JSON(), nullable=False),
    sa.CheckConstraint("letter >= 'A' AND letter <= 'Z' AND length(letter) = 1", name=op.f('ck_precedence_lot_lot_letter_latin')),
    sa.CheckConstraint('number > 0', name=op.f('ck_precedence_lot_lot_number_positive')),
    sa.ForeignKeyConstraint(['drawn_by_id'], ['user.id'], name=op.f('fk_precedence_lot_drawn_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_precedence_lot_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_precedence_lot')),
    sa.UniqueConstraint('meeting_id', 'number', name='uq_precedence_lot_number')
    )
    with op.batch_alter_table('precedence_lot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_precedence_lot_meeting_id'), ['meeting_id'], unique=False)


def downgrade():
    with op.batch_alter_table('precedence_lot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_precedence_lot_meeting_id'))
    op.drop_table('precedence_lot')
    op.drop_table('protocol_settings')

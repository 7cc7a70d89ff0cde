"""list of speakers and room display (issue 21): a list per agenda item, each delegation's
request for the floor (one open request of a kind per delegation and list, a partial unique
index), the meeting's floor state (current item, limit, version, display link)

Revision ID: b21floor
Revises: b21docreg
Create Date: 2026-12-07 09:57:39.249503

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b21floor'
down_revision = 'b21docreg'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('floor_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('current_item_id', sa.Integer(), nullable=True),
    sa.Column('limit_seconds', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('display_nonce', sa.String(length=64), nullable=True),
    sa.Column('display_expires_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('limit_seconds BETWEEN 10 AND 7200', name=op.f('ck_floor_state_floor_limit_range')),
    sa.ForeignKeyConstraint(['current_item_id'], ['agenda_item.id'], name=op.f('fk_floor_state_current_item_id_agenda_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_floor_state_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_floor_state')),
    sa.UniqueConstraint('display_nonce', name='uq_floor_display_nonce'),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_floor_state_meeting_id'))
    )
    with op.batch_alter_table('floor_state', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_floor_state_current_item_id'), ['current_item_id'], unique=False)

    op.create_table('speakers_list',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='speakers_list_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('limit_seconds', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('limit_seconds IS NULL OR limit_seconds BETWEEN 10 AND 7200', name=op.f('ck_speakers_list_speakers_limit_range')),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], name=op.f('fk_speakers_list_item_id_agenda_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_speakers_list_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speakers_list')),
    sa.UniqueConstraint('item_id', name=op.f('uq_speakers_list_item_id'))
    )
    with op.batch_alter_table('speakers_list', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speakers_list_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('speaker_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('speaker_name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('speech', 'point_of_order', 'right_of_reply', name='speaker_request_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('state', sa.Enum('waiting', 'speaking', 'done', 'withdrawn', name='speaker_request_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('duration_seconds', sa.Integer(), nullable=True),
    sa.CheckConstraint("state != 'done' OR started_at IS NOT NULL", name=op.f('ck_speaker_request_speaker_done_started')),
    sa.CheckConstraint('duration_seconds IS NULL OR duration_seconds >= 0', name=op.f('ck_speaker_request_speaker_duration_positive')),
    sa.ForeignKeyConstraint(['list_id'], ['speakers_list.id'], name=op.f('fk_speaker_request_list_id_speakers_list'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_speaker_request_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['user.id'], name=op.f('fk_speaker_request_requested_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speaker_request'))
    )
    with op.batch_alter_table('speaker_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speaker_request_list_id'), ['list_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_speaker_request_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_speaker_request_requested_by_id'), ['requested_by_id'], unique=False)
        batch_op.create_index('uq_speaker_request_open', ['list_id', 'organisation_id', 'kind'], unique=True, sqlite_where=sa.text("state IN ('waiting', 'speaking')"), postgresql_where=sa.text("state IN ('waiting', 'speaking')"))



def downgrade():
    with op.batch_alter_table('speaker_request', schema=None) as batch_op:
        batch_op.drop_index('uq_speaker_request_open', sqlite_where=sa.text("state IN ('waiting', 'speaking')"), postgresql_where=sa.text("state IN ('waiting', 'speaking')"))
        batch_op.drop_index(batch_op.f('ix_speaker_request_requested_by_id'))
        batch_op.drop_index(batch_op.f('ix_speaker_request_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_speaker_request_list_id'))

    op.drop_table('speaker_request')
    with op.batch_alter_table('speakers_list', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_speakers_list_meeting_id'))

    op.drop_table('speakers_list')
    with op.batch_alter_table('floor_state', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_floor_state_current_item_id'))

    op.drop_table('floor_state')

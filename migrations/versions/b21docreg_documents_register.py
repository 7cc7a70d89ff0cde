"""documents register (issue 21): meeting documents with symbols (unique per meeting),
revisions, addenda and corrigenda, a file per language, the log of notices sent

Revision ID: b21docreg
Revises: b20travel
"""
from alembic import op
import sqlalchemy as sa


revision = 'b21docreg'
down_revision = 'b20travel'
branch_labels = None
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade():
    op.create_table('meeting_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('doc_class', _enum('document_class', 'INF', 'WP', 'CRP', 'L', 'R'), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', _enum('document_kind', 'original', 'revision', 'addendum', 'corrigendum'), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('symbol', sa.String(length=120), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('distribution', _enum('document_distribution', 'public', 'delegates', 'heads'), nullable=False),
    sa.Column('status', _enum('document_status', 'draft', 'issued', 'withdrawn'), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('number > 0', name=op.f('ck_meeting_document_number_positive')),
    sa.CheckConstraint("(kind = 'original') = (parent_id IS NULL)", name=op.f('ck_meeting_document_parent_when_suffixed')),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_meeting_document_agenda_item_id_agenda_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_meeting_document_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_document_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['meeting_document.id'], name=op.f('fk_meeting_document_parent_id_meeting_document'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_document')),
    sa.UniqueConstraint('meeting_id', 'symbol', name='uq_meeting_document_symbol'),
    sa.UniqueConstraint('parent_id', 'kind', 'sequence', name='uq_meeting_document_suffix')
    )
    with op.batch_alter_table('meeting_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_document_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_document_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_document_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_document_created_by_id'), ['created_by_id'], unique=False)

    op.create_table('meeting_document_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('extension', sa.String(length=8), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['meeting_document.id'], name=op.f('fk_meeting_document_file_document_id_meeting_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_meeting_document_file_uploaded_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_document_file')),
    sa.UniqueConstraint('document_id', 'language', name='uq_meeting_document_file_language')
    )
    with op.batch_alter_table('meeting_document_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_document_file_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_document_file_uploaded_by_id'), ['uploaded_by_id'], unique=False)

    op.create_table('document_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['meeting_document.id'], name=op.f('fk_document_notice_document_id_meeting_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_message.id'], name=op.f('fk_document_notice_message_id_outbox_message'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_document_notice_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_notice')),
    sa.UniqueConstraint('document_id', 'user_id', name='uq_document_notice_person')
    )
    with op.batch_alter_table('document_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_notice_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_notice_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_notice_message_id'), ['message_id'], unique=False)


def downgrade():
    op.drop_table('document_notice')
    op.drop_table('meeting_document_file')
    op.drop_table('meeting_document')

"""circulars (a message to chosen recipients of a meeting, its log of who received it) and
files sent with e-mails (mail_attachment, encrypted at rest; shared by the messages that carry
them)

Revision ID: b19c
Revises: b19b
"""
from alembic import op
import sqlalchemy as sa


revision = 'b19c'
down_revision = 'b19b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('mail_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=127), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_attachment'))
    )
    op.create_table('circular',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.JSON(), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('audience', sa.Enum('heads', 'participants', 'delegation', 'category', name='circular_audience', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=32), nullable=True),
    sa.Column('working_language_fallback', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_circular_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_circular_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_circular_organisation_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sent_by_id'], ['user.id'], name=op.f('fk_circular_sent_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_circular'))
    )
    with op.batch_alter_table('circular', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circular_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('circular_attachment',
    sa.Column('circular_id', sa.Integer(), nullable=False),
    sa.Column('attachment_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['attachment_id'], ['mail_attachment.id'], name=op.f('fk_circular_attachment_attachment_id_mail_attachment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['circular_id'], ['circular.id'], name=op.f('fk_circular_attachment_circular_id_circular'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('circular_id', 'attachment_id', name=op.f('pk_circular_attachment'))
    )
    with op.batch_alter_table('circular_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circular_attachment_attachment_id'), ['attachment_id'], unique=False)

    op.create_table('circular_recipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circular_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('wanted_language', sa.String(length=10), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['circular_id'], ['circular.id'], name=op.f('fk_circular_recipient_circular_id_circular'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_message.id'], name=op.f('fk_circular_recipient_message_id_outbox_message'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_circular_recipient'))
    )
    with op.batch_alter_table('circular_recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circular_recipient_circular_id'), ['circular_id'], unique=False)

    op.create_table('outbox_message_attachment',
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('attachment_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['attachment_id'], ['mail_attachment.id'], name=op.f('fk_outbox_message_attachment_attachment_id_mail_attachment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_message.id'], name=op.f('fk_outbox_message_attachment_message_id_outbox_message'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('message_id', 'attachment_id', name=op.f('pk_outbox_message_attachment'))
    )
    with op.batch_alter_table('outbox_message_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_message_attachment_attachment_id'), ['attachment_id'], unique=False)



def downgrade():
    with op.batch_alter_table('outbox_message_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_attachment_attachment_id'))

    op.drop_table('outbox_message_attachment')
    with op.batch_alter_table('circular_recipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circular_recipient_circular_id'))

    op.drop_table('circular_recipient')
    with op.batch_alter_table('circular_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circular_attachment_attachment_id'))

    op.drop_table('circular_attachment')
    with op.batch_alter_table('circular', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circular_meeting_id'))

    op.drop_table('circular')
    op.drop_table('mail_attachment')

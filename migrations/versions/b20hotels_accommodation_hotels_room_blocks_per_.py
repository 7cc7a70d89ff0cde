"""accommodation: hotels, room blocks per night, booked rooms, stays (issue 20)

Revision ID: b20hotels
Revises: b19accr
Create Date: 2026-12-07 09:25:32.053037

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b20hotels'
down_revision = 'b19accr'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('hotel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('address', sa.JSON(), nullable=False),
    sa.Column('contact', sa.JSON(), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_hotel_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hotel'))
    )
    with op.batch_alter_table('hotel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hotel_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('room_block',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hotel_id', sa.Integer(), nullable=False),
    sa.Column('room_type', sa.JSON(), nullable=False),
    sa.Column('occupancy', sa.Integer(), nullable=False),
    sa.Column('rate', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('first_night', sa.Date(), nullable=False),
    sa.Column('last_night', sa.Date(), nullable=False),
    sa.Column('allotment', sa.Integer(), nullable=False),
    sa.Column('release_date', sa.Date(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('allotment >= 0', name=op.f('ck_room_block_allotment_not_negative')),
    sa.CheckConstraint('last_night >= first_night', name=op.f('ck_room_block_nights_in_order')),
    sa.CheckConstraint('length(currency) = 3', name=op.f('ck_room_block_currency_code')),
    sa.CheckConstraint('occupancy BETWEEN 1 AND 4', name=op.f('ck_room_block_occupancy_range')),
    sa.CheckConstraint('rate >= 0', name=op.f('ck_room_block_rate_not_negative')),
    sa.CheckConstraint('release_date IS NULL OR release_date <= first_night', name=op.f('ck_room_block_release_before_block')),
    sa.ForeignKeyConstraint(['hotel_id'], ['hotel.id'], name=op.f('fk_room_block_hotel_id_hotel'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_room_block_organisation_id_organisation'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_block'))
    )
    with op.batch_alter_table('room_block', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_block_hotel_id'), ['hotel_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_room_block_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('block_night',
    sa.Column('block_id', sa.Integer(), nullable=False),
    sa.Column('night', sa.Date(), nullable=False),
    sa.Column('allotment', sa.Integer(), nullable=False),
    sa.Column('taken', sa.Integer(), nullable=False),
    sa.CheckConstraint('taken >= 0 AND taken <= allotment', name=op.f('ck_block_night_within_allotment')),
    sa.ForeignKeyConstraint(['block_id'], ['room_block.id'], name=op.f('fk_block_night_block_id_room_block'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('block_id', 'night', name=op.f('pk_block_night'))
    )
    op.create_table('booked_room',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('block_id', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('guests', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('guests >= 0 AND guests <= capacity', name=op.f('ck_booked_room_within_capacity')),
    sa.ForeignKeyConstraint(['block_id'], ['room_block.id'], name=op.f('fk_booked_room_block_id_room_block'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booked_room'))
    )
    with op.batch_alter_table('booked_room', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booked_room_block_id'), ['block_id'], unique=False)

    op.create_table('stay',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('first_night', sa.Date(), nullable=False),
    sa.Column('last_night', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('last_night >= first_night', name=op.f('ck_stay_nights_in_order')),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_stay_registration_id_registration'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['room_id'], ['booked_room.id'], name=op.f('fk_stay_room_id_booked_room'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stay')),
    sa.UniqueConstraint('registration_id', name=op.f('uq_stay_registration_id'))
    )
    with op.batch_alter_table('stay', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stay_room_id'), ['room_id'], unique=False)


def downgrade():
    with op.batch_alter_table('stay', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stay_room_id'))

    op.drop_table('stay')
    with op.batch_alter_table('booked_room', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booked_room_block_id'))

    op.drop_table('booked_room')
    op.drop_table('block_night')
    with op.batch_alter_table('room_block', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_room_block_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_room_block_hotel_id'))

    op.drop_table('room_block')
    with op.batch_alter_table('hotel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hotel_meeting_id'))

    op.drop_table('hotel')

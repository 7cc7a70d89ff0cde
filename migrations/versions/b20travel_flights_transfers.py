"""travel (issue 20): flights per person, transfer vehicles, trips and their passengers; a
vehicle on two trips at once is refused by the database (an exclusion constraint on
PostgreSQL, triggers on SQLite)

Revision ID: b20travel
Revises: b20protocol
"""
from alembic import op
import sqlalchemy as sa


revision = 'b20travel'
down_revision = 'b20protocol'
branch_labels = None
depends_on = None

DIRECTIONS = ('arrival', 'departure')
OVERLAP = ("SELECT 1 FROM transfer_trip AS other WHERE other.vehicle_id = NEW.vehicle_id "
           "AND other.id != NEW.id AND other.starts_at < NEW.ends_at "
           "AND other.ends_at > NEW.starts_at")


def upgrade():
    op.create_table('flight',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.Enum(*DIRECTIONS, name='flight_direction', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('carrier', sa.String(length=3), nullable=False),
    sa.Column('number', sa.String(length=5), nullable=False),
    sa.Column('airport', sa.String(length=3), nullable=False),
    sa.Column('terminal', sa.String(length=10), nullable=False),
    sa.Column('local_time', sa.DateTime(), nullable=False),
    sa.Column('zone', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('met_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('length(airport) = 3', name=op.f('ck_flight_airport_code')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_flight_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['met_by_id'], ['accreditation.id'], name=op.f('fk_flight_met_by_id_accreditation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_flight_registration_id_registration'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flight')),
    sa.UniqueConstraint('registration_id', 'direction', name='uq_flight_leg')
    )
    with op.batch_alter_table('flight', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flight_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_flight_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_flight_met_by_id'), ['met_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_flight_registration_id'), ['registration_id'], unique=False)

    op.create_table('transfer_vehicle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('car', 'van', 'minibus', 'bus', name='vehicle_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('plate', sa.String(length=20), nullable=False),
    sa.Column('driver_name', sa.String(length=100), nullable=False),
    sa.Column('driver_phone', sa.Text(), nullable=True),
    sa.CheckConstraint('capacity BETWEEN 1 AND 60', name=op.f('ck_transfer_vehicle_capacity_range')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_transfer_vehicle_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer_vehicle')),
    sa.UniqueConstraint('meeting_id', 'plate', name='uq_vehicle_plate')
    )
    with op.batch_alter_table('transfer_vehicle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_vehicle_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('transfer_trip',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.Enum(*DIRECTIONS, name='trip_direction', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('airport', sa.String(length=3), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('seats_taken', sa.Integer(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_transfer_trip_in_order')),
    sa.CheckConstraint('seats_taken >= 0 AND seats_taken <= capacity', name=op.f('ck_transfer_trip_seats')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_transfer_trip_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vehicle_id'], ['transfer_vehicle.id'], name=op.f('fk_transfer_trip_vehicle_id_transfer_vehicle'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer_trip'))
    )
    with op.batch_alter_table('transfer_trip', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_trip_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfer_trip_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('transfer_passenger',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trip_id', sa.Integer(), nullable=False),
    sa.Column('flight_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['flight_id'], ['flight.id'], name=op.f('fk_transfer_passenger_flight_id_flight'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trip_id'], ['transfer_trip.id'], name=op.f('fk_transfer_passenger_trip_id_transfer_trip'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer_passenger')),
    sa.UniqueConstraint('flight_id', name=op.f('uq_transfer_passenger_flight_id'))
    )
    with op.batch_alter_table('transfer_passenger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_passenger_trip_id'), ['trip_id'], unique=False)

    # One vehicle, one trip at a time: the database's own guard, under the service's lock.
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("ALTER TABLE transfer_trip ADD CONSTRAINT ex_transfer_trip_vehicle_busy "
                   "EXCLUDE USING gist (int4range(vehicle_id, vehicle_id, '[]') WITH &&, "
                   "tsrange(starts_at, ends_at) WITH &&)")
    else:
        for event in ('INSERT', 'UPDATE OF vehicle_id, starts_at, ends_at'):
            name = 'insert' if event == 'INSERT' else 'update'
            op.execute(f"CREATE TRIGGER transfer_trip_vehicle_busy_{name} BEFORE {event} ON "
                       f"transfer_trip FOR EACH ROW WHEN EXISTS ({OVERLAP}) BEGIN "
                       "SELECT RAISE(ABORT, 'vehicle_busy: the vehicle is on another trip'); END")


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS transfer_trip_vehicle_busy_insert")
        op.execute("DROP TRIGGER IF EXISTS transfer_trip_vehicle_busy_update")
    with op.batch_alter_table('transfer_passenger', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_passenger_trip_id'))
    op.drop_table('transfer_passenger')
    with op.batch_alter_table('transfer_trip', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_trip_vehicle_id'))
        batch_op.drop_index(batch_op.f('ix_transfer_trip_meeting_id'))
    op.drop_table('transfer_trip')
    with op.batch_alter_table('transfer_vehicle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_vehicle_meeting_id'))
    op.drop_table('transfer_vehicle')
    with op.batch_alter_table('flight', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flight_registration_id'))
        batch_op.drop_index(batch_op.f('ix_flight_met_by_id'))
        batch_op.drop_index(batch_op.f('ix_flight_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_flight_at'))
    op.drop_table('flight')

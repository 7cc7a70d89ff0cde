"""votes by delegation (issue 21): votes, one ballot per member delegation, explanations of
vote and reservations; the database refuses a second ballot of a delegation (unique), a ballot
in a closed vote and a ballot of a delegation that is not a member of the meeting (a trigger on
each backend), and a second open vote at a meeting (partial unique index)

Revision ID: b21votes
Revises: b21floor
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b21votes'
down_revision = 'b21floor'
branch_labels = None
depends_on = None

CLOSED = "SELECT 1 FROM floor_vote WHERE floor_vote.id = NEW.vote_id AND status = 'closed'"
MEMBER = ("SELECT 1 FROM floor_vote JOIN meeting_organisation ON "
          "meeting_organisation.meeting_id = floor_vote.meeting_id WHERE floor_vote.id = "
          "NEW.vote_id AND meeting_organisation.organisation_id = NEW.organisation_id AND "
          "meeting_organisation.category = 'member'")
PG_FUNCTION = f"""
CREATE FUNCTION floor_ballot_guard() RETURNS trigger AS $$
BEGIN
  IF EXISTS ({CLOSED}) THEN
    RAISE EXCEPTION 'vote_closed: the vote is closed' USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS ({MEMBER}) THEN
    RAISE EXCEPTION 'not_a_member: only member delegations vote'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql"""


def _guards():
    """No ballot in a closed vote; no ballot of a delegation that is no member."""
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(PG_FUNCTION)
        op.execute("CREATE TRIGGER floor_ballot_guard BEFORE INSERT OR UPDATE ON floor_ballot "
                   "FOR EACH ROW EXECUTE FUNCTION floor_ballot_guard()")
        return
    for event in ('INSERT', 'UPDATE'):
        name = event.lower()
        op.execute(f"CREATE TRIGGER floor_ballot_closed_{name} BEFORE {event} ON floor_ballot "
                   f"FOR EACH ROW WHEN EXISTS ({CLOSED}) BEGIN "
                   "SELECT RAISE(ABORT, 'vote_closed: the vote is closed'); END")
        op.execute(f"CREATE TRIGGER floor_ballot_member_{name} BEFORE {event} ON floor_ballot "
                   f"FOR EACH ROW WHEN NOT EXISTS ({MEMBER}) BEGIN "
                   "SELECT RAISE(ABORT, 'not_a_member: only member delegations vote'); END")


def upgrade():
    op.create_table('floor_vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.Enum('resolution', 'amendment', 'item', 'motion', name='vote_subject', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('resolution_id', sa.Integer(), nullable=True),
    sa.Column('amendment_id', sa.Integer(), nullable=True),
    sa.Column('motion', sa.JSON(), nullable=False),
    sa.Column('method', sa.Enum('recorded', 'roll_call', 'consensus', name='vote_method', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('majority', sa.Enum('simple', 'two_thirds', 'consensus', name='vote_majority', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('quorum', sa.Enum('majority', 'two_thirds', 'one_third', 'none', name='vote_quorum', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('call_order', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='vote_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('outcome', sa.Enum('adopted', 'rejected', 'no_quorum', 'no_consensus', name='vote_outcome', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('members', sa.Integer(), nullable=True),
    sa.Column('yes', sa.Integer(), nullable=True),
    sa.Column('no', sa.Integer(), nullable=True),
    sa.Column('abstain', sa.Integer(), nullable=True),
    sa.Column('absent', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('minutes_language', sa.String(length=10), nullable=True),
    sa.CheckConstraint("(method = 'consensus' AND majority = 'consensus') OR (method != 'consensus' AND majority != 'consensus')", name=op.f('ck_floor_vote_vote_consensus_both')),
    sa.CheckConstraint("(status = 'open' AND outcome IS NULL AND closed_at IS NULL) OR (status = 'closed' AND outcome IS NOT NULL AND closed_at IS NOT NULL)", name=op.f('ck_floor_vote_vote_closed_has_outcome')),
    sa.CheckConstraint("subject != 'amendment' OR (amendment_id IS NOT NULL AND resolution_id IS NOT NULL)", name=op.f('ck_floor_vote_vote_amendment_named')),
    sa.CheckConstraint("subject != 'resolution' OR resolution_id IS NOT NULL", name=op.f('ck_floor_vote_vote_resolution_named')),
    sa.CheckConstraint('number >= 1', name=op.f('ck_floor_vote_vote_number_positive')),
    sa.CheckConstraint('yes IS NULL OR (yes >= 0 AND no >= 0 AND abstain >= 0 AND absent >= 0 AND yes + no + abstain + absent = members)', name=op.f('ck_floor_vote_vote_counts_add_up')),
    sa.ForeignKeyConstraint(['amendment_id'], ['amendment.id'], name=op.f('fk_floor_vote_amendment_id_amendment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['closed_by_id'], ['user.id'], name=op.f('fk_floor_vote_closed_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], name=op.f('fk_floor_vote_item_id_agenda_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_floor_vote_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user.id'], name=op.f('fk_floor_vote_opened_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolution.id'], name=op.f('fk_floor_vote_resolution_id_resolution'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_floor_vote')),
    sa.UniqueConstraint('meeting_id', 'number', name='uq_floor_vote_number')
    )
    with op.batch_alter_table('floor_vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_floor_vote_amendment_id'), ['amendment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_floor_vote_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_floor_vote_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_floor_vote_resolution_id'), ['resolution_id'], unique=False)
        batch_op.create_index('uq_floor_vote_open', ['meeting_id'], unique=True, sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))

    op.create_table('floor_ballot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.Enum('yes', 'no', 'abstain', 'absent', name='ballot_choice', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('cast_at', sa.DateTime(), nullable=False),
    sa.Column('cast_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cast_by_id'], ['user.id'], name=op.f('fk_floor_ballot_cast_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_floor_ballot_organisation_id_organisation'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['vote_id'], ['floor_vote.id'], name=op.f('fk_floor_ballot_vote_id_floor_vote'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_floor_ballot')),
    sa.UniqueConstraint('vote_id', 'organisation_id', name='uq_floor_ballot_delegation')
    )
    with op.batch_alter_table('floor_ballot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_floor_ballot_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_floor_ballot_vote_id'), ['vote_id'], unique=False)
    _guards()

    op.create_table('floor_vote_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('explanation', 'reservation', name='vote_statement', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(text) > 0', name=op.f('ck_floor_vote_statement_vote_statement_not_empty')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_floor_vote_statement_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_floor_vote_statement_organisation_id_organisation'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['vote_id'], ['floor_vote.id'], name=op.f('fk_floor_vote_statement_vote_id_floor_vote'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_floor_vote_statement'))
    )
    with op.batch_alter_table('floor_vote_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_floor_vote_statement_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_floor_vote_statement_vote_id'), ['vote_id'], unique=False)



def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS floor_ballot_guard ON floor_ballot")
        op.execute("DROP FUNCTION IF EXISTS floor_ballot_guard()")
    else:
        for name in ('closed_insert', 'closed_update', 'member_insert', 'member_update'):
            op.execute(f"DROP TRIGGER IF EXISTS floor_ballot_{name}")
    with op.batch_alter_table('floor_vote_statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_floor_vote_statement_vote_id'))
        batch_op.drop_index(batch_op.f('ix_floor_vote_statement_organisation_id'))

    op.drop_table('floor_vote_statement')
    with op.batch_alter_table('floor_ballot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_floor_ballot_vote_id'))
        batch_op.drop_index(batch_op.f('ix_floor_ballot_organisation_id'))

    op.drop_table('floor_ballot')
    with op.batch_alter_table('floor_vote', schema=None) as batch_op:
        batch_op.drop_index('uq_floor_vote_open', sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.drop_index(batch_op.f('ix_floor_vote_resolution_id'))
        batch_op.drop_index(batch_op.f('ix_floor_vote_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_floor_vote_item_id'))
        batch_op.drop_index(batch_op.f('ix_floor_vote_amendment_id'))

    op.drop_table('floor_vote')

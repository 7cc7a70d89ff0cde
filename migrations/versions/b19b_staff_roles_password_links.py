"""the narrower secretariat roles (logistics, protocol, check-in desk) and the server-side
half of the links that set a password (staff invitations, password resets)

Revision ID: b19b
Revises: b19a
"""
from alembic import op
import sqlalchemy as sa


revision = 'b19b'
down_revision = 'b19a'
branch_labels = None
depends_on = None

OLD_ROLES = ('admin', 'staff', 'head', 'delegate', 'observer')
NEW_ROLES = OLD_ROLES + ('logistics', 'protocol', 'check_in')


def _roles(values):
    return "role IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def upgrade():
    # The role is a VARCHAR with a CHECK constraint (models_base.enum_column), not a native
    # PostgreSQL type: a new value replaces the constraint (no ALTER TYPE).
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_membership_role'), type_='check')
        batch_op.drop_constraint(op.f('ck_membership_delegation_has_organisation'), type_='check')
        batch_op.create_check_constraint(op.f('ck_membership_role'), _roles(NEW_ROLES))
        batch_op.create_check_constraint(
            op.f('ck_membership_delegation_has_organisation'),
            "role IN ('admin', 'staff', 'logistics', 'protocol', 'check_in') "
            "OR organisation_id IS NOT NULL")
    op.create_table(
        'password_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('purpose', sa.Enum('invitation', 'reset', name='password_link_purpose',
                                     native_enum=False, create_constraint=True, length=32),
                  nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'],
                                name=op.f('fk_password_link_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_password_link')),
        sa.UniqueConstraint('digest', name=op.f('uq_password_link_digest')),
    )
    with op.batch_alter_table('password_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_link_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('password_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_link_user_id'))
    op.drop_table('password_link')
    op.execute("DELETE FROM membership WHERE role IN ('logistics', 'protocol', 'check_in')")
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_membership_role'), type_='check')
        batch_op.drop_constraint(op.f('ck_membership_delegation_has_organisation'), type_='check')
        batch_op.create_check_constraint(op.f('ck_membership_role'), _roles(OLD_ROLES))
        batch_op.create_check_constraint(op.f('ck_membership_delegation_has_organisation'),
                                         "role IN ('admin', 'staff') OR organisation_id IS NOT NULL")

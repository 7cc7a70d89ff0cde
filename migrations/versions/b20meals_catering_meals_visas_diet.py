"""catering: meals and receptions, meal choices, visa reports; a structured dietary need on
registrations, mapped from the free text (issue 20)

Revision ID: b20meals
Revises: b20hotels
Create Date: 2026-12-07 09:55:00

"""
import re

import sqlalchemy as sa
from alembic import op

revision = 'b20meals'
down_revision = 'b20hotels'
branch_labels = None
depends_on = None

DIETS = ('none', 'halal', 'vegetarian', 'vegan', 'kosher', 'gluten_free')
#: Words of the old free text, first match wins (vegan before vegetarian: "vegan vegetarian").
WORDS = (('halal', 'halal'), ('kosher', 'kosher'), ('vegan', 'vegan'),
         ('vegetarian', 'vegetarian'), ('gluten', 'gluten_free'), ('coeliac', 'gluten_free'),
         ('celiac', 'gluten_free'))
NOTHING = {'', 'none', 'no', 'n/a', 'na', 'nil', '-', 'nothing', 'no special diet',
           'no restrictions'}


def diet_of(text: str) -> tuple[str, str]:
    """The old free text as (diet, what stays written beside it): a text that only names the
    diet ("Halal", "vegetarian.") leaves nothing; one that says more ("vegetarian, no
    peanuts") keeps its words for the caterer."""
    plain = ' '.join((text or '').split())
    words = re.sub(r'[\W_]+', ' ', plain.lower()).strip()
    if words in NOTHING:
        return 'none', ''
    for word, diet in WORDS:
        if word in words:
            rest = re.sub(r'\b(?:%s\w*|free|diet|only|food|meals?)\b' % word, '', words).strip()
            return diet, ('' if not rest else plain)
    return 'none', plain


def upgrade():
    op.create_table('meal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('lunch', 'dinner', 'reception', 'coffee_break', name='meal_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('place', sa.JSON(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_meal_meal_ends_after_start')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meal_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meal'))
    )
    with op.batch_alter_table('meal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meal_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('meal_choice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meal_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('attending', sa.Boolean(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meal_id'], ['meal.id'], name=op.f('fk_meal_choice_meal_id_meal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_meal_choice_registration_id_registration'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_by_id'], ['user.id'], name=op.f('fk_meal_choice_set_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meal_choice')),
    sa.UniqueConstraint('meal_id', 'registration_id', name=op.f('uq_meal_choice_meal_id_registration_id'))
    )
    with op.batch_alter_table('meal_choice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meal_choice_meal_id'), ['meal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meal_choice_registration_id'), ['registration_id'], unique=False)

    op.create_table('visa_report',
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('requested', 'appointment', 'issued', 'refused', name='visa_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reported_at', sa.DateTime(), nullable=False),
    sa.Column('reported_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_visa_report_registration_id_registration'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reported_by_id'], ['user.id'], name=op.f('fk_visa_report_reported_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('registration_id', name=op.f('pk_visa_report'))
    )

    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('diet', sa.Enum(*DIETS, name='dietary_need', native_enum=False, create_constraint=True, length=32), nullable=True))

    map_diets(op.get_bind())


def map_diets(connection) -> None:
    """Every registration's free text as a dietary need and what stays written beside it."""
    registration = sa.table('registration', sa.column('id', sa.Integer),
                            sa.column('dietary', sa.Text), sa.column('diet', sa.String))
    for row_id, text in connection.execute(sa.select(registration.c.id, registration.c.dietary)).all():
        diet, rest = diet_of(text)
        connection.execute(registration.update().where(registration.c.id == row_id)
                           .values(diet=diet, dietary=rest))


def downgrade():
    registration = sa.table('registration', sa.column('id', sa.Integer),
                            sa.column('dietary', sa.Text), sa.column('diet', sa.String))
    connection = op.get_bind()
    names = {'halal': 'Halal', 'vegetarian': 'Vegetarian', 'vegan': 'Vegan',
             'kosher': 'Kosher', 'gluten_free': 'Gluten-free'}
    for row_id, diet, text in connection.execute(sa.select(
            registration.c.id, registration.c.diet, registration.c.dietary)).all():
        if diet in names:
            joined = '; '.join(part for part in (names[diet], text) if part) \
                if names[diet].lower() not in (text or '').lower() else text
            connection.execute(registration.update().where(registration.c.id == row_id)
                               .values(dietary=joined))
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_column('diet')
    op.drop_table('visa_report')
    with op.batch_alter_table('meal_choice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meal_choice_registration_id'))
        batch_op.drop_index(batch_op.f('ix_meal_choice_meal_id'))
    op.drop_table('meal_choice')
    with op.batch_alter_table('meal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meal_meeting_id'))
    op.drop_table('meal')

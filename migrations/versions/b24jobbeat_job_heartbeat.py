"""Background jobs: a heartbeat (job.beat_at), written with each progress report, so a job
whose worker was killed is seen as interrupted instead of "being prepared" for ever.

Revision ID: b24jobbeat
Revises: b24agendadocs
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = 'b24jobbeat'
down_revision = 'b24agendadocs'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("job") as batch:
        batch.add_column(sa.Column("beat_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("job") as batch:
        batch.drop_column("beat_at")

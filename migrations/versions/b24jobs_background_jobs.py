"""Background jobs and their encrypted files

Revision ID: b24jobs
Revises: b23letterdates
"""
import sqlalchemy as sa
from alembic import op

revision = "b24jobs"
down_revision = "b23letterdates"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "job",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("base_url", sa.String(length=300), nullable=False),
        sa.Column("status", sa.Enum("queued", "running", "done", "failed", name="job_status",
                                    native_enum=False, create_constraint=True, length=32),
                  nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("mimetype", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_job_meeting_id_meeting"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["user.id"],
                                name=op.f("fk_job_owner_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    with op.batch_alter_table("job") as batch_op:
        batch_op.create_index(batch_op.f("ix_job_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index("ix_job_owner_meeting", ["owner_id", "meeting_id", "created_at"],
                              unique=False)
    op.create_table(
        "job_file",
        sa.Column("job_id", sa.String(length=32), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["job.id"], name=op.f("fk_job_file_job_id_job"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_job_file")),
    )


def downgrade():
    op.drop_table("job_file")
    with op.batch_alter_table("job") as batch_op:
        batch_op.drop_index("ix_job_owner_meeting")
        batch_op.drop_index(batch_op.f("ix_job_meeting_id"))
    op.drop_table("job")

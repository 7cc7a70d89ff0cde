"""A background job as the person who started it sees it, and its file when done."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import LabelledEnum, enum_column, utcnow


class JobStatus(LabelledEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    __labels__ = {
        QUEUED: _l("Waiting to start"),
        RUNNING: _l("Being prepared"),
        DONE: _l("Ready"),
        FAILED: _l("Could not be prepared"),
    }


class Job(db.Model):
    # The id is the address of the job's page and file: unguessable (secrets.token_urlsafe).
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    locale: Mapped[str] = mapped_column(String(10), default="en")
    base_url: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[JobStatus] = mapped_column(enum_column(JobStatus, "job_status"),
                                              default=JobStatus.QUEUED)
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")  # what a send did, in the job's locale
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    beat_at: Mapped[datetime | None]  # the running job's last sign of life (its progress)
    finished_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    filename: Mapped[str] = mapped_column(String(200), default="")
    mimetype: Mapped[str] = mapped_column(String(100), default="")
    size: Mapped[int] = mapped_column(default=0)

    file: Mapped[JobFile | None] = relationship(cascade="all, delete-orphan", lazy="select",
                                                passive_deletes=True)

    __table_args__ = (Index("ix_job_owner_meeting", "owner_id", "meeting_id", "created_at"),)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class JobFile(db.Model):
    """The result's bytes, encrypted under DATA_KEYS (it lists people): in the database, so a
    worker on another machine and the web server share it without a shared folder."""

    job_id: Mapped[str] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"),
                                        primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)

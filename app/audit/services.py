"""Writing audit entries; the caller commits them with the change."""
from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user

from app.audit.models import AuditEntry
from app.extensions import db


def record(action: str, obj=None, *, meeting=None, actor=None, **details) -> AuditEntry:
    """Add an audit entry to the session for the change being made."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    entry = AuditEntry(
        action=action,
        actor_id=getattr(actor, "id", None),
        actor_label=getattr(actor, "email", "") or "",
        meeting_id=getattr(meeting, "id", None),
        object_type=type(obj).__name__.lower() if obj is not None else "",
        object_id=str(getattr(obj, "id", "") or ""),
        details={k: v for k, v in details.items() if v is not None},
        ip=(request.remote_addr or "")[:45] if has_request_context() else "",
    )
    db.session.add(entry)
    return entry

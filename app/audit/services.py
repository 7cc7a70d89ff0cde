"""Writing audit entries; the caller commits them with the change.

An entry names who acted and from which address. The caller may say so (actor=, ip=);
otherwise the layer above said it once for the whole piece of work: the command line for its
operator (`acting_as`), the web layer for the request being served (`act_by_default`, asked
only when an entry is written). Nothing here reads the request."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from app.audit.models import AuditEntry
from app.extensions import db


class Acting:
    """Who is acting and from where."""

    def __init__(self, actor=None, ip: str = "") -> None:
        self._actor, self._ip = actor, ip

    def actor(self):
        """The account acting, or None (someone not signed in, a system task)."""
        return self._actor

    def ip(self) -> str:
        return self._ip


NOBODY = Acting()
_acting: ContextVar[Acting | None] = ContextVar("audit_acting", default=None)
_default: Acting = NOBODY


def act_by_default(acting: Acting) -> None:
    """Who acts when no `acting_as` is in force: the web layer gives the request's view."""
    global _default
    _default = acting


@contextmanager
def acting_as(actor, ip: str = "") -> Iterator[None]:
    """The entries written inside the block name `actor` (e.g. a command's operator)."""
    token = _acting.set(Acting(actor, ip))
    try:
        yield
    finally:
        _acting.reset(token)


def record(action: str, obj=None, *, meeting=None, actor=None, ip: str | None = None,
           **details) -> AuditEntry:
    """Add an audit entry to the session for the change being made."""
    acting = _acting.get() or _default
    if actor is None:
        actor = acting.actor()
    entry = AuditEntry(
        action=action,
        actor_id=getattr(actor, "id", None),
        actor_label=getattr(actor, "email", "") or "",
        meeting_id=getattr(meeting, "id", None),
        object_type=type(obj).__name__.lower() if obj is not None else "",
        object_id=str(getattr(obj, "id", "") or ""),
        details={k: v for k, v in details.items() if v is not None},
        ip=((acting.ip() if ip is None else ip) or "")[:45],
    )
    db.session.add(entry)
    return entry

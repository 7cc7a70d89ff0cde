"""Who may see what: every view asks here, per object, on the server; what a whole group of
pages needs is checked once per blueprint (`guard`)."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import Blueprint, abort, g, request
from flask_login import current_user, login_required

from app.agenda.models import Visibility, levels_for
from app.auth.models import CHECK_IN_DESK, REGISTRATION_READERS, SECRETARIAT_ROLES, Role


def roles(meeting) -> set[Role]:
    if not current_user.is_authenticated:
        return set()
    return current_user.roles_in(meeting)


def is_secretariat(meeting) -> bool:
    return bool(roles(meeting) & SECRETARIAT_ROLES)


def reads_registrations(meeting) -> bool:
    """The secretariat, protocol and logistics: the meeting's registrations, read only."""
    return bool(roles(meeting) & REGISTRATION_READERS)


def at_desk(meeting) -> bool:
    """The secretariat and the check-in desk: the venue desk's pages."""
    return bool(roles(meeting) & CHECK_IN_DESK)


def require_member(meeting) -> set[Role]:
    """Any role at this meeting; 403 otherwise (sign-in is enforced by login_required)."""
    found = roles(meeting)
    if not found:
        abort(403)
    return found


def require_secretariat(meeting) -> None:
    if not is_secretariat(meeting):
        abort(403)


def guard(blueprint: Blueprint, check: Callable[[], None] | None = None, *,
          only: Iterable[str] | None = None, skip: Iterable[str] = ()) -> None:
    """Before each page of `blueprint`: a signed-in person (else the sign-in page, as
    login_required), then `check()`, which aborts with 403 when the person may not.

    `only` names the endpoints guarded (default: every one), `skip` those that check for
    themselves (a page that answers 404 for a missing row before it asks who is asking).
    OPTIONS requests are Flask's own answer, as for a view behind login_required.
    """
    only = None if only is None else frozenset(only)
    skip = frozenset(skip)
    checked = login_required(check or (lambda: None))

    @blueprint.before_request
    def _guard():
        name = (request.endpoint or "").rpartition(".")[2]
        if request.method == "OPTIONS" or name in skip or (only is not None and name not in only):
            return None
        return checked()


def member_here() -> None:
    """Any role at the page's meeting (g.meeting)."""
    require_member(g.meeting)


def secretariat_here() -> None:
    require_secretariat(g.meeting)


def registration_reader_here() -> None:
    if not reads_registrations(g.meeting):
        abort(403)


def desk_here() -> None:
    if not at_desk(g.meeting):
        abort(403)


def admin_here() -> None:
    """The meeting's administrators (settings, the next meeting)."""
    if Role.ADMIN not in roles(g.meeting):
        abort(403)


def secretariat_anywhere() -> None:
    if not current_user.is_secretariat:
        abort(403)


def admin_anywhere() -> None:
    if not current_user.is_admin:
        abort(403)


def can_view_delegation(meeting, organisation_id: int) -> bool:
    if is_secretariat(meeting):
        return True
    return any(m.meeting_id == meeting.id and m.organisation_id == organisation_id
               for m in current_user.memberships) if current_user.is_authenticated else False


def visible_levels(meeting) -> set[Visibility]:
    """Agenda visibility levels open to the current user at this meeting."""
    return levels_for(roles(meeting))


def headed(meeting) -> list:
    """The organisations whose delegation the current user heads at this meeting."""
    if not current_user.is_authenticated:
        return []
    return [m.organisation for m in current_user.memberships
            if m.meeting_id == meeting.id and m.role == Role.HEAD]


def can_manage_delegation(meeting, organisation_id: int) -> bool:
    """The secretariat, or the head of this organisation's delegation."""
    if is_secretariat(meeting):
        return True
    return any(org.id == organisation_id for org in headed(meeting))


def can_see_registration(registration) -> bool:
    """Its delegation's manager, or the registered person."""
    if current_user.is_authenticated and registration.user_id == current_user.id:
        return True
    return can_manage_delegation(registration.meeting, registration.organisation_id)

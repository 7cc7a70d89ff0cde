"""Who may see what: every view asks here, per object, on the server."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from app.agenda.models import Visibility, levels_for
from app.auth.models import SECRETARIAT_ROLES, Role


def roles(meeting) -> set[Role]:
    if not current_user.is_authenticated:
        return set()
    return current_user.roles_in(meeting)


def is_secretariat(meeting) -> bool:
    return bool(roles(meeting) & SECRETARIAT_ROLES)


def require_member(meeting) -> set[Role]:
    """Any role at this meeting; 403 otherwise (sign-in is enforced by login_required)."""
    found = roles(meeting)
    if not found:
        abort(403)
    return found


def require_secretariat(meeting) -> None:
    if not is_secretariat(meeting):
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

"""Translated names of roles, categories and states, for pages and e-mails."""
from flask_babel import lazy_gettext as _l

from app.auth.models import Role

ROLE_LABELS = {
    Role.ADMIN: _l("Secretariat administrator"),
    Role.STAFF: _l("Secretariat staff"),
    Role.HEAD: _l("Head of delegation"),
    Role.DELEGATE: _l("Delegate"),
    Role.OBSERVER: _l("Observer"),
}


def role_label(role: Role | str) -> str:
    return str(ROLE_LABELS[Role(role)])


CATEGORY_LABELS = {
    "member": _l("Members"),
    "invited_state": _l("Invited states"),
    "international_body": _l("International organisations"),
    "total": _l("Total"),
}

STATUS_LABELS = {
    "draft": _l("Not sent"),
    "sent": _l("Sent, no answer"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
}


def _label(table: dict, value) -> str:
    """The translated name of an enum member or its string value."""
    return str(table[getattr(value, "value", value)])


def category_label(category) -> str:
    return _label(CATEGORY_LABELS, category)


def status_label(status) -> str:
    return _label(STATUS_LABELS, status)


OUTBOX_LABELS = {
    "queued": _l("Queued"),
    "sending": _l("Being sent"),
    "sent": _l("Sent"),
    "failed": _l("Failed"),
}


def outbox_label(status) -> str:
    return _label(OUTBOX_LABELS, status)


DELEGATION_ROLE_LABELS = {
    "head": _l("Head of delegation"),
    "delegate": _l("Delegate"),
    "adviser": _l("Adviser"),
    "interpreter": _l("Interpreter"),
    "observer": _l("Observer"),
}


def delegation_role_label(role) -> str:
    return _label(DELEGATION_ROLE_LABELS, role)


REGISTRATION_LABELS = {
    "pending": _l("Pending approval"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "cancelled": _l("Cancelled"),
}


def registration_label(status) -> str:
    return _label(REGISTRATION_LABELS, status)


RESOLUTION_STATE_LABELS = {
    "draft": _l("Draft"),
    "tabled": _l("Tabled"),
    "adopted": _l("Adopted"),
    "withdrawn": _l("Withdrawn"),
    "rejected": _l("Rejected"),
}


def resolution_state_label(state) -> str:
    return _label(RESOLUTION_STATE_LABELS, state)


TEXT_STATUS_LABELS = {
    "draft": _l("Draft translation"),
    "verified": _l("Verified"),
}


def text_status_label(status) -> str:
    return _label(TEXT_STATUS_LABELS, status)


ACTION_STATUS_LABELS = {
    "open": _l("Open"),
    "done": _l("Done"),
    "dropped": _l("Dropped"),
}


def action_status_label(status) -> str:
    return _label(ACTION_STATUS_LABELS, status)


MINUTES_STATUS_LABELS = {
    "draft": _l("Draft"),
    "circulated": _l("Circulated for comments"),
    "approved": _l("Approved"),
}


def minutes_status_label(status) -> str:
    return _label(MINUTES_STATUS_LABELS, status)

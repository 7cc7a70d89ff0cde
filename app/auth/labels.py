"""Translated names of roles, for pages and e-mails."""
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

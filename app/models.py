"""Imports every domain's models so SQLAlchemy and Alembic see the whole schema."""
from app.agenda.models import AgendaDocument, AgendaItem, AgendaSession, AgendaVersion, CalendarFeed  # noqa: F401
from app.audit.models import AuditEntry  # noqa: F401
from app.auth.models import LoginToken, Membership, User  # noqa: F401
from app.invitations.models import Invitation, InvitationLetter  # noqa: F401
from app.mail.models import OutboxMessage  # noqa: F401
from app.meetings.models import Meeting, MeetingOrganisation, Organisation, Room, Series  # noqa: F401
from app.minutes.models import (  # noqa: F401  # noqa: F401
    ActionPoint,
    Decision,
    Minutes,
    MinutesComment,
    MinutesEntry,
    MinutesRevision,
)
from app.registration.models import Attendance, Registration, RegistrationPhoto  # noqa: F401
from app.resolutions.models import (  # noqa: F401  # noqa: F401
    Amendment,
    Paragraph,
    Resolution,
    ResolutionSponsor,
    ResolutionText,
)

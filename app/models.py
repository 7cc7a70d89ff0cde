"""Imports every domain's models so SQLAlchemy and Alembic see the whole schema."""
# ruff: noqa: F401
from app.accreditation.models import (
    Accreditation,
    AccreditationArea,
    AccreditationCategory,
    AccreditationPhoto,
)
from app.agenda.models import (
    AgendaDocument,
    AgendaItem,
    AgendaSession,
    AgendaVersion,
)
from app.audit.models import AuditEntry
from app.auth.models import LoginToken, Membership, User
from app.calendar.models import CalendarFeed
from app.circulars.models import Circular, CircularRecipient
from app.doc_register.models import DocumentNotice, MeetingDocument, MeetingDocumentFile
from app.floor.speakers.models import FloorState, SpeakerRequest, SpeakersList
from app.floor.votes.models import Ballot, Vote, VoteStatement
from app.invitations.models import Invitation, InvitationLetter
from app.jobs.models import Job, JobFile
from app.logistics.accommodation.models import (
    BlockNight,
    BookedRoom,
    Hotel,
    RoomBlock,
    Stay,
)
from app.logistics.catering.models import Meal, MealChoice, VisaReport
from app.logistics.travel.models import Flight, Passenger, Trip, Vehicle
from app.mail.models import MailAttachment, OutboxMessage
from app.meetings.models import (
    Meeting,
    MeetingOrganisation,
    Organisation,
    Room,
    Series,
    SeriesMember,
)
from app.minutes.models import (
    ActionPoint,
    Decision,
    Minutes,
    MinutesComment,
    MinutesEntry,
    MinutesRevision,
)
from app.protocol.models import PrecedenceLot, ProtocolSettings
from app.registration.models import Attendance, Registration, RegistrationPhoto
from app.resolutions.models import (
    Amendment,
    Paragraph,
    Resolution,
    ResolutionFile,
    ResolutionSponsor,
    ResolutionText,
)

"""The invitation workflow: one function per transition, each auditing and queueing its e-mail.

draft --send--> sent --answer--> accepted | declined (answers may change until the reply-by
date); reminders go to invitations sent but not answered, at most one per N days.
"""
from __future__ import annotations

import csv
import io
import re
import secrets
import string
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select

from app.agenda.models import AgendaSession
from app.audit.services import record
from app.auth.models import Membership, Role, User
from app.calendar.services import meeting_request
from app.documents.formal import formal_date, formal_dates
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import LOCALES, TranslatedText, normalise_locale
from app.invitations.models import Invitation, InvitationLetter, InvitationStatus
from app.mail.services import queue_templated
from app.meetings.models import MeetingOrganisation, Organisation, ParticipationCategory
from app.meetings.services import names_city
from app.models_base import utcnow
from app.text import check_date, date_window, email_address, one_line
from app.urls import public_url

PLACEHOLDERS = ("addressee", "title", "agency", "host", "meeting", "dates", "start", "end",
                "city", "venue", "reply_by", "quota")
# "{venue}, {city}" and the like in a letter: printed as the venue alone when it already names
# the city (the Seoul venue ends with "Seoul"), whatever the script and separator.
VENUE_THEN_CITY = re.compile(r"\{venue\}[\s,،、]*(?:ក្រុង|ນະຄອນ)?\{city\}|\{city\}[\s,،、]*\{venue\}")

# {dates} carries its own preposition ("du 11 au 12 novembre 2025"); a letter written before it
# did ("du {dates}") would print it twice. The prepositions a writer put before the bare dates,
# per language, dropped when the letter is rendered (migration b23letterdates rewrote the stored
# letters alike).
_SPACED = r"(?<!\S)(?:{words}) \{{dates\}}"
_GLUED = r"(?:{words})\s?\{{dates\}}"
PREPOSITION_BEFORE_DATES = {lang: re.compile(pattern) for lang, pattern in {
    "en": _SPACED.format(words="on|from"),
    "fr": _SPACED.format(words="du|le"),
    "es": _SPACED.format(words="del|el"),
    "pt": _SPACED.format(words="de|em"),
    "vi": _SPACED.format(words="vào|từ"),
    "id": _SPACED.format(words="pada tanggal|pada"),
    "ms": _SPACED.format(words="pada|dari"),
    "fil": _SPACED.format(words="sa|mula"),
    "ar": _SPACED.format(words="في|من"),
    "th": _GLUED.format(words="ระหว่างวันที่|ในวันที่|วันที่"),
    "km": _GLUED.format(words="នៅថ្ងៃទី|ពីថ្ងៃទី|នៅ"),
    "lo": _GLUED.format(words="ໃນວັນທີ|ແຕ່ວັນທີ"),
}.items()}


def without_preposition_before_dates(text: str, lang: str) -> str:
    """The letter text without a preposition of its own before {dates} ("du {dates}")."""
    pattern = PREPOSITION_BEFORE_DATES.get(lang)
    return pattern.sub("{dates}", text) if pattern else text


class InvitationError(DomainError):
    """Bad input or a transition that is not allowed now; `field` names the form field."""


def clean_email(value: str, field_name: str = "email") -> str:
    return email_address(value, field_name, error=InvitationError)


def clean_name(value: str, field_name: str, required: bool = True) -> str:
    """A name or title that may reach an e-mail header: one line of printable text."""
    return one_line(value, field_name, required=required, error=InvitationError)


def _check_language(language: str) -> str:
    if language not in LOCALES:
        raise InvitationError(_("Choose one of the languages of the application."), "language")
    return language


def _check_quota(quota) -> int:
    try:
        value = int(quota)
    except (TypeError, ValueError) as exc:
        raise InvitationError(_("The delegation size is a number from 1 to 50."),
                              "quota") from exc
    if not 1 <= value <= 50:
        raise InvitationError(_("The delegation size is a number from 1 to 50."), "quota")
    return value


def save_invitation(meeting, invitation: Invitation | None, *, organisation_id: int,
                    category: str, addressee_name: str, addressee_title: str, email: str,
                    language: str, quota) -> Invitation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise InvitationError(_("Choose an organisation."), "organisation_id")
    try:
        category_value = ParticipationCategory(category)
    except ValueError as exc:
        raise InvitationError(_("Choose a category."), "category") from exc
    values = {
        "addressee_name": clean_name(addressee_name, "addressee_name"),
        "addressee_title": clean_name(addressee_title, "addressee_title", required=False),
        "email": clean_email(email), "language": _check_language(language),
        "quota": _check_quota(quota), "category": category_value,
    }
    other = db.session.scalar(select(Invitation).where(
        Invitation.meeting_id == meeting.id, Invitation.organisation_id == organisation.id))
    if other is not None and other is not invitation:
        raise InvitationError(_("This organisation is already invited."), "organisation_id")
    if invitation is None:
        invitation = Invitation(meeting_id=meeting.id, organisation_id=organisation.id)
        db.session.add(invitation)
        action = "invitations.added"
    else:
        invitation.organisation_id = organisation.id
        action = "invitations.changed"
    for name, value in values.items():
        setattr(invitation, name, value)
    _ensure_participant(meeting, organisation, category_value)
    db.session.flush()
    record(action, invitation, meeting=meeting, organisation=organisation.code)
    return invitation


def _ensure_participant(meeting, organisation, category) -> None:
    row = db.session.scalar(select(MeetingOrganisation).where(
        MeetingOrganisation.meeting_id == meeting.id,
        MeetingOrganisation.organisation_id == organisation.id))
    if row is None:
        db.session.add(MeetingOrganisation(meeting_id=meeting.id,
                                           organisation_id=organisation.id, category=category))
    else:
        row.category = category


def remove_invitation(meeting, invitation: Invitation) -> None:
    if invitation.status != InvitationStatus.DRAFT:
        raise InvitationError(_("An invitation that has been sent cannot be removed."))
    record("invitations.removed", invitation, meeting=meeting,
           organisation=invitation.organisation.code)
    db.session.delete(invitation)


# --- the letter -----------------------------------------------------------------------------

def check_template(text: str, field_name: str) -> str:
    """Only the known {placeholders}, without format specifications."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise InvitationError(_("Unbalanced braces: write placeholders as {agency}."),
                              field_name) from exc
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise InvitationError(_("Unknown placeholder {%(name)s}. Use: %(known)s.",
                                    name=name, known=", ".join(
                                        "{" + p + "}" for p in PLACEHOLDERS)), field_name)
    return text


def save_letter(meeting, *, reply_by: date, subject: dict, body: dict) -> InvitationLetter:
    check_date(reply_by, "reply_by", *date_window(meeting), error=InvitationError)
    if reply_by > meeting.start_date:
        raise InvitationError(_("The reply-by date must be before the meeting starts."),
                              "reply_by")
    subjects = {code: " ".join(check_template(text, f"subject_{code}").split())
                for code, text in subject.items() if text and text.strip()}
    bodies = {code: check_template(text.strip(), f"body_{code}")
              for code, text in body.items() if text and text.strip()}
    for code in set(subjects) ^ set(bodies):
        raise InvitationError(_("Give both the subject and the body in each language."),
                              f"subject_{code}" if code not in subjects else f"body_{code}")
    letter = letter_of(meeting) or InvitationLetter(meeting_id=meeting.id)
    letter.reply_by, letter.subject, letter.body = reply_by, subjects, bodies
    db.session.add(letter)
    db.session.flush()
    record("invitations.letter_saved", letter, meeting=meeting,
           languages=",".join(sorted(subjects)))
    return letter


def letter_of(meeting) -> InvitationLetter | None:
    return db.session.scalar(select(InvitationLetter).where(
        InvitationLetter.meeting_id == meeting.id))


def letter_values(meeting, letter: InvitationLetter, invitation: Invitation | None,
                  lang: str) -> dict:
    """What the placeholders stand for, written in the letter's language. Dates as letters
    write them (app.documents.formal): {dates} is the period with its preposition ("du 11 au
    12 novembre 2025", "ระหว่างวันที่ 11–12 พฤศจิกายน พ.ศ. 2568"), {start}, {end} and
    {reply_by} bare dates ("11 novembre 2025")."""
    def text(value) -> str:
        return TranslatedText(value or {}).resolve(lang, meeting.working_language).text

    dates = formal_dates(meeting.start_date, meeting.end_date, lang)
    reply_by = formal_date(letter.reply_by, lang)
    return {
        "addressee": invitation.addressee_name if invitation else _sample_name(),
        "title": invitation.addressee_title if invitation else "",
        "agency": text(invitation.organisation.name) if invitation else text(
            {"en": "Royal Thai Police"}),
        "host": text(host.name) if (host := meeting.host or meeting.secretariat) else "",
        "meeting": text(meeting.title), "dates": dates, "city": text(meeting.city),
        "start": formal_date(meeting.start_date, lang), "end": formal_date(meeting.end_date, lang),
        "venue": text(meeting.venue), "reply_by": reply_by,
        "quota": str(invitation.quota if invitation else 3),
    }


def _sample_name() -> str:
    return "Somchai Wongsakul"


def render_letter(meeting, letter: InvitationLetter, invitation: Invitation | None,
                  lang: str) -> tuple[str, str]:
    """(subject, body) of the letter in one language, placeholders filled in."""
    values = letter_values(meeting, letter, invitation, lang)
    subject = (letter.subject or {}).get(lang, "")
    body = (letter.body or {}).get(lang, "")
    subject, body = (without_preposition_before_dates(text, lang) for text in (subject, body))
    if names_city(values["venue"], values["city"], *(meeting.city or {}).values()):
        subject, body = (VENUE_THEN_CITY.sub("{venue}", text) for text in (subject, body))
    return subject.format_map(values), body.format_map(values)


# --- links ------------------------------------------------------------------------------------

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="invitation-answer")


def answer_link(invitation: Invitation) -> str:
    token = _serializer().dumps({"i": invitation.id, "n": invitation.link_nonce})
    return public_url("invitation_answers.answer", token=token, lang=invitation.language)


def invitation_for_token(token: str) -> Invitation:
    """The invitation behind a link; InvitationError('invalid'|'expired') otherwise."""
    try:
        data = _serializer().loads(token)
    except BadSignature as exc:
        raise InvitationError("invalid") from exc
    if not isinstance(data, dict):
        raise InvitationError("invalid")
    invitation = db.session.get(Invitation, data.get("i")) if isinstance(data.get("i"), int) \
        else None
    if invitation is None or not invitation.link_nonce or not secrets.compare_digest(
            invitation.link_nonce, str(data.get("n", ""))):
        raise InvitationError("invalid")  # forged, or a link replaced by a newer sending
    if reply_closed(invitation):
        raise InvitationError("expired")
    return invitation


def reply_closed(invitation: Invitation) -> bool:
    letter = letter_of(invitation.meeting)
    today = datetime.now(ZoneInfo(invitation.meeting.timezone)).date()
    return letter is None or today > letter.reply_by


# --- sending ----------------------------------------------------------------------------------

def meeting_calendar(meeting, lang: str, invitation: Invitation) -> str:
    """The meeting as one event, METHOD:REQUEST, with a SEQUENCE that follows its dates: from
    its first session to its last (or 9:00 on its first day to 18:00 on its last)."""
    zone = ZoneInfo(meeting.timezone)
    first, last = db.session.execute(
        select(func.min(AgendaSession.starts_at), func.max(AgendaSession.ends_at))
        .where(AgendaSession.meeting_id == meeting.id)).one()
    if first is None:
        starts = datetime.combine(meeting.start_date, datetime.min.time(), zone) + \
            timedelta(hours=9)
        ends = datetime.combine(meeting.end_date, datetime.min.time(), zone) + timedelta(hours=18)
    else:
        starts = first.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)
        ends = last.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)
    return meeting_request(meeting, lang, starts, ends, description=answer_link(invitation),
                           attendee_email=invitation.email,
                           attendee_name=invitation.addressee_name)


def send_invitation(meeting, invitation: Invitation, *, reminder: bool = False):
    """Queue the invitation (or a reminder) in the addressee's language; the caller commits."""
    letter = letter_of(meeting)
    if letter is None:
        raise InvitationError(_("Write the invitation letter first."))
    if invitation.language not in (letter.subject or {}):
        raise InvitationError(_("The letter has no text in %(language)s yet.",
                                language=_language(invitation.language)))
    if reminder and invitation.status != InvitationStatus.SENT:
        raise InvitationError(_("Only invitations without an answer get reminders."))
    if not reminder:
        invitation.link_nonce = secrets.token_hex(16)  # older links stop working
    subject, body = render_letter(meeting, letter, invitation, invitation.language)
    link = answer_link(invitation)
    lang = invitation.language
    reply_by = letter_values(meeting, letter, invitation, lang)["reply_by"]
    message = queue_templated(
        "invitation", invitation.email, lang,
        (lambda: _("Reminder: %(subject)s", subject=subject)) if reminder else (lambda: subject),
        meeting=meeting, body=body, link=link, reminder=reminder,
        reply_by=None if reply_by in body else reply_by)  # the letter's own sentence is enough
    message.calendar = meeting_calendar(meeting, lang, invitation)
    message.calendar_method = "REQUEST"
    now = utcnow()
    if reminder:
        invitation.reminders_sent += 1
        invitation.last_reminder_at = now
        record("invitations.reminded", invitation, meeting=meeting)
    else:
        if invitation.status == InvitationStatus.DRAFT:
            invitation.status = InvitationStatus.SENT
        invitation.sent_at = now
        record("invitations.sent", invitation, meeting=meeting, language=lang)
    return message


def _language(code: str) -> str:
    from app.i18n import current_locale, language_name

    return language_name(code, current_locale())


def send_all(meeting, progress=None) -> tuple[int, list[tuple[Invitation, str]]]:
    """Queue every draft invitation; returns (queued, [(invitation, reason skipped)])."""
    drafts = db.session.scalars(select(Invitation).where(
        Invitation.meeting_id == meeting.id, Invitation.status == InvitationStatus.DRAFT)
        .order_by(Invitation.id)).all()
    queued, skipped = 0, []
    for invitation in drafts:
        try:
            with db.session.begin_nested():
                send_invitation(meeting, invitation)
            queued += 1
        except InvitationError as error:
            skipped.append((invitation, error.message))
        if progress is not None:
            progress(1)
    return queued, skipped


def send_reminders(meeting) -> int:
    """Remind those who have not answered, never more than once per N days."""
    days = current_app.config["INVITATION_REMINDER_DAYS"]
    cutoff = utcnow() - timedelta(days=days)
    due = db.session.scalars(select(Invitation).where(
        Invitation.meeting_id == meeting.id, Invitation.status == InvitationStatus.SENT,
        Invitation.sent_at <= cutoff,
        (Invitation.last_reminder_at.is_(None)) | (Invitation.last_reminder_at <= cutoff))).all()
    count = 0
    for invitation in due:
        if reply_closed(invitation):
            continue
        send_invitation(meeting, invitation, reminder=True)
        count += 1
    return count


# --- answers ----------------------------------------------------------------------------------

def mark_opened(invitation: Invitation) -> None:
    if invitation.opened_at is None:
        invitation.opened_at = utcnow()
        record("invitations.opened", invitation, meeting=invitation.meeting)


def answer(invitation: Invitation, *, accept: bool, reason: str = "", head_name: str = "",
           head_email: str = "") -> None:
    """Accept (naming the head of delegation, who gets a sign-in link) or decline."""
    meeting = invitation.meeting
    if invitation.status == InvitationStatus.DRAFT or reply_closed(invitation):
        raise InvitationError(_("This invitation can no longer be answered."))
    if accept:
        name = clean_name(head_name, "head_name")
        email = clean_email(head_email, "head_email")
        invitation.status = InvitationStatus.ACCEPTED
        invitation.decline_reason = ""
        invitation.head_name, invitation.head_email = name, email
        _make_head(invitation, name, email)
    else:
        reason = " ".join((reason or "").split())[:2000]
        if not reason:
            raise InvitationError(_("Please give a reason, so the secretariat can follow up."),
                                  "reason")
        _remove_head(invitation)
        invitation.status = InvitationStatus.DECLINED
        invitation.decline_reason = reason
    invitation.answered_at = utcnow()
    record("invitations.accepted" if accept else "invitations.declined", invitation,
           meeting=meeting, organisation=invitation.organisation.code)


def head_named_subject(meeting_title: str) -> str:
    """The subject of the e-mail to a new head of delegation, in the current locale (the mail
    previews show the same)."""
    return _("You are head of delegation for %(meeting)s", meeting=meeting_title)


def _make_head(invitation: Invitation, name: str, email: str) -> None:
    from app.auth.services import issue_login_link

    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name, locale=invitation.language,
                    organisation_id=invitation.organisation_id)
        db.session.add(user)
        db.session.flush()
    if user.needs_password:
        raise InvitationError(_("This address belongs to a secretariat account."), "head_email")
    _remove_head(invitation, keep=user)
    exists = db.session.scalar(select(Membership).where(
        Membership.user_id == user.id, Membership.meeting_id == invitation.meeting_id,
        Membership.role == Role.HEAD))
    if exists is None:
        db.session.add(Membership(user_id=user.id, meeting_id=invitation.meeting_id,
                                  role=Role.HEAD, organisation_id=invitation.organisation_id))
    db.session.flush()
    lang = normalise_locale(user.locale) or invitation.language  # an existing person's choice
    meeting = invitation.meeting
    with force_locale(lang):
        title = TranslatedText(meeting.title).resolve(lang, meeting.working_language).text
    queue_templated("head_named", email, lang,
                    lambda: head_named_subject(title),
                    meeting=meeting, name=name, meeting_title=title,
                    agency=TranslatedText(invitation.organisation.name).resolve(
                        lang, meeting.working_language).text,
                    link=issue_login_link(user),
                    minutes=current_app.config["LOGIN_LINK_MAX_AGE"] // 60)


def _remove_head(invitation: Invitation, keep: User | None = None) -> None:
    """The head named by an earlier answer stops being head when the answer changes."""
    heads = db.session.scalars(select(Membership).where(
        Membership.meeting_id == invitation.meeting_id, Membership.role == Role.HEAD,
        Membership.organisation_id == invitation.organisation_id)).all()
    for membership in heads:
        if keep is None or membership.user_id != keep.id:
            db.session.delete(membership)


def change_meeting_dates(meeting, start: date, end: date) -> None:
    """New dates: the calendar entry sent with invitations gets a higher SEQUENCE."""
    problems = Problems(InvitationError)
    first, last = date_window(meeting)
    problems.check(check_date, start, "start_date", first, last)
    problems.check(check_date, end, "end_date", first, last)
    if end < start:
        problems.add(_("The meeting cannot end before it starts."), "end_date")
    problems.raise_if_any()
    if (meeting.start_date, meeting.end_date) != (start, end):
        meeting.start_date, meeting.end_date = start, end
        meeting.sequence += 1
        record("meetings.dates_changed", meeting, meeting=meeting,
               start=start.isoformat(), end=end.isoformat())


# --- overview and import ----------------------------------------------------------------------

@dataclass
class Funnel:
    category: str
    invited: int = 0
    sent: int = 0
    opened: int = 0
    accepted: int = 0
    declined: int = 0

    @property
    def no_answer(self) -> int:
        return self.sent - self.accepted - self.declined


def funnel(meeting) -> list[Funnel]:
    """Invited, sent, opened, accepted, declined and unanswered, per category and in total."""
    rows = db.session.scalars(select(Invitation).where(
        Invitation.meeting_id == meeting.id)).all()
    by_category = {category.value: Funnel(category.value) for category in ParticipationCategory}
    total = Funnel("total")
    for invitation in rows:
        for bucket in (by_category[invitation.category.value], total):
            bucket.invited += 1
            bucket.sent += invitation.status != InvitationStatus.DRAFT
            bucket.opened += invitation.opened_at is not None
            bucket.accepted += invitation.status == InvitationStatus.ACCEPTED
            bucket.declined += invitation.status == InvitationStatus.DECLINED
    return [*by_category.values(), total]


CSV_COLUMNS = ("organisation", "addressee_name", "addressee_title", "email", "language",
               "quota", "category")


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _folded(text: str) -> str:
    """A name as compared: NFKC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def organisation_finder():
    """A function from what a CSV cell says to (organisation, []) or, when the text is the
    name of more than one organisation, (None, [their codes]). A cell gives the code (exactly,
    or in other letter case) or the name in any language; (None, []) when nothing fits."""
    organisations = db.session.scalars(select(Organisation).order_by(Organisation.code)).all()
    by_code = {_folded(org.code): org for org in organisations}
    by_name: dict[str, dict[int, Organisation]] = {}
    for org in organisations:
        for name in (*(org.name or {}).values(), org.acronym or ""):
            if name and name.strip():
                by_name.setdefault(_folded(name), {})[org.id] = org

    def find(text: str):
        key = _folded(text)
        if key in by_code:
            return by_code[key], []
        found = list(by_name.get(key, {}).values())
        if len(found) > 1:
            return None, sorted(org.code for org in found)
        return (found[0] if found else None), []

    return find


def organisation_choices() -> list[Organisation]:
    """Every organisation, by code, for the import page's list of codes."""
    return db.session.scalars(select(Organisation).order_by(Organisation.code)).all()


def csv_template(meeting) -> str:
    """The import's header row and one example row to replace: an organisation not yet
    invited, in the meeting's working language."""
    from app.documents.tables import csv_text

    invited = select(Invitation.organisation_id).where(Invitation.meeting_id == meeting.id)
    example = db.session.scalar(select(Organisation.code).where(
        Organisation.id.not_in(invited)).order_by(Organisation.code).limit(1))
    language = meeting.working_language
    return csv_text(list(CSV_COLUMNS), [[example or "code", "Jane Doe", "Director",
                                         "jane.doe@agency.example", language, 3,
                                         ParticipationCategory.MEMBER.value]])


def parse_csv(meeting, text: str) -> ImportResult:
    """Check every row against the same rules as the form; report each problem by line."""
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        result.errors.append((1, _("Missing columns: %(columns)s.", columns=", ".join(missing))))
        return result
    find = organisation_finder()
    seen: dict[str, int] = {}
    already = set(db.session.scalars(select(Invitation.organisation_id).where(
        Invitation.meeting_id == meeting.id)))
    for line, row in enumerate(reader, start=2):
        problems = Problems(InvitationError)
        code = (row.get("organisation") or "").strip()
        organisation, several = find(code)
        if several:
            problems.add(_("“%(name)s” is the name of several organisations (%(codes)s): give "
                           "the code.", name=code[:80], codes=", ".join(several)),
                         "organisation")
        elif organisation is None:
            problems.add(_("Unknown organisation code “%(code)s”.", code=code[:40]),
                         "organisation")
        elif organisation.code in seen:
            problems.add(_("Organisation repeated (first on line %(line)d).",
                           line=seen[organisation.code]), "organisation")
        elif organisation.id in already:
            problems.add(_("This organisation is already invited."), "organisation")
        else:
            seen[organisation.code] = line
        try:
            category = ParticipationCategory((row.get("category") or "").strip()).value
        except ValueError:
            problems.add(_("Unknown category; use member, invited_state or "
                           "international_body."), "category")
        values = {
            "addressee_name": problems.check(clean_name, row.get("addressee_name"),
                                             "addressee_name"),
            "addressee_title": problems.check(clean_name, row.get("addressee_title"),
                                              "addressee_title", required=False),
            "email": problems.check(clean_email, row.get("email")),
            "language": problems.check(_check_language,
                                       (row.get("language") or "").strip()),
            "quota": problems.check(_check_quota, row.get("quota"))}
        if problems:  # every problem of the line, in the order of the columns, each named
            result.errors += [(line, _("Column %(column)s: %(message)s", column=column,
                                       message=message))
                              for message, column in problems.errors]
            continue
        result.rows.append({"line": line, "organisation_id": organisation.id,
                            "organisation": organisation.code, "category": category,
                            **values})
    if not result.rows and not result.errors:
        result.errors.append((1, _("The file has no rows.")))
    return result


def import_csv(meeting, text: str) -> int:
    """All rows or none: any error and nothing is imported."""
    result = parse_csv(meeting, text)
    if result.errors:
        raise InvitationError(_("Nothing was imported: correct the rows listed."))
    for row in result.rows:
        save_invitation(meeting, None, **{k: row[k] for k in (
            "organisation_id", "category", "addressee_name", "addressee_title", "email",
            "language", "quota")})
    return len(result.rows)


def export_csv(meeting) -> str:
    from app.documents.tables import csv_text
    from app.i18n import country_name

    rows = db.session.scalars(select(Invitation).where(Invitation.meeting_id == meeting.id)
                              .order_by(Invitation.id)).all()
    return csv_text(
        ["organisation", "country", "category", "addressee_name", "email", "language", "quota",
         "status", "sent_at", "opened_at", "answered_at", "head_name", "head_email",
         "decline_reason", "reminders_sent"],
        ([inv.organisation.code, country_name(inv.organisation.country_code, "en"),
          inv.category.value, inv.addressee_name, inv.email, inv.language, inv.quota,
          inv.status.value, inv.sent_at, inv.opened_at, inv.answered_at, inv.head_name,
          inv.head_email, inv.decline_reason, inv.reminders_sent] for inv in rows))



"""Minutes: drafted per agenda item and language, circulated to heads of delegation for
comments, approved and then locked. Every save keeps a revision; a save from an outdated
version raises StaleEdit (409 with both texts), so no one silently overwrites anyone.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import nh3
from flask_babel import force_locale
from flask_babel import gettext as _
from markdown_it import MarkdownIt
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.agenda.services import serialize
from app.audit.services import record
from app.auth.models import Membership, Role
from app.errors import DomainError
from app.extensions import db
from app.i18n import LOCALES, TranslatedText
from app.minutes.models import (
    ActionPoint,
    ActionStatus,
    Decision,
    Minutes,
    MinutesComment,
    MinutesEntry,
    MinutesRevision,
    MinutesStatus,
)
from app.models_base import TextStatus, utcnow
from app.text import check_date, date_window, markdown_text
from app.urls import public_url

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
                "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "a", "hr"}
# Raw HTML is parsed so that nh3 can remove it (scripts with their content, event handlers,
# javascript: links) instead of showing it as text.
_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


class MinutesError(DomainError):
    """Bad input or a step not allowed now; `field` names the form field."""


class StaleEdit(Exception):
    def __init__(self, entry: MinutesEntry, yours: str):
        super().__init__("stale edit")
        self.entry = entry
        self.yours = yours


def render_markdown(text: str) -> Markup:
    """Markdown to HTML that can hold no script: nh3 keeps only plain formatting tags and
    http(s)/mailto links, and drops everything else."""
    return Markup(_sanitised_html(text or ""))  # noqa: S704 - sanitised by nh3


@lru_cache(maxsize=4096)
def _sanitised_html(text: str) -> str:
    html = _markdown.render(text)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


def minutes_of(meeting) -> Minutes:
    minutes = db.session.scalar(select(Minutes).where(Minutes.meeting_id == meeting.id))
    if minutes is None:
        minutes = Minutes(meeting_id=meeting.id, original_language=meeting.working_language)
        minutes.meeting = meeting
        db.session.add(minutes)
        db.session.flush()
    return minutes


@dataclass
class Item:
    id: int
    number: str
    title: dict
    depth: int
    entries: dict = field(default_factory=dict)  # language -> MinutesEntry
    decisions: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    comments: list = field(default_factory=list)


def items(meeting, minutes: Minutes | None = None, levels: set | None = None) -> list[Item]:
    """The agenda's items in order, numbered as on the agenda, with what the minutes hold.

    `levels`: the agenda visibility levels of the reader (None: the secretariat, all items);
    an item the reader may not see on the agenda is not in their minutes either."""
    allowed = None if levels is None else {str(level) for level in levels}
    found = []
    for block in serialize(meeting)["sessions"]:
        for data in block["items"]:
            if allowed is not None and data["visibility"] not in allowed:
                continue
            found.append(Item(data["id"], data["number"], data["title"], 0))
            found += [Item(c["id"], c["number"], c["title"], 1) for c in data["children"]
                      if allowed is None or c["visibility"] in allowed]
    by_id = {item.id: item for item in found}
    if minutes is not None:
        for entry in minutes.entries:
            if entry.item_id in by_id:
                by_id[entry.item_id].entries[entry.language] = entry
        for comment in minutes.comments:
            if comment.item_id in by_id:
                by_id[comment.item_id].comments.append(comment)
    for decision in db.session.scalars(select(Decision).where(
            Decision.meeting_id == meeting.id).order_by(Decision.id)):
        if decision.item_id in by_id:
            by_id[decision.item_id].decisions.append(decision)
    for action in action_points(meeting):
        if action.item_id in by_id:
            by_id[action.item_id].actions.append(action)
    return found


def action_points(meeting, visible: list[Item] | None = None) -> list[ActionPoint]:
    """The meeting's action points; with `visible`, only those on these items."""
    rows = list(db.session.scalars(select(ActionPoint).where(
        ActionPoint.meeting_id == meeting.id).options(selectinload(ActionPoint.owner))
        .order_by(ActionPoint.due_date, ActionPoint.id)))
    if visible is None:
        return rows
    ids = {item.id for item in visible}
    return [action for action in rows if action.item_id in ids]


def is_approved(meeting) -> bool:
    return db.session.scalar(select(Minutes.status).where(
        Minutes.meeting_id == meeting.id)) == MinutesStatus.APPROVED


def _item_of(meeting, item_id) -> int:
    from app.agenda.models import AgendaItem

    item = db.session.get(AgendaItem, int(item_id)) if str(item_id).isdigit() else None
    if item is None or item.meeting_id != meeting.id:
        raise MinutesError(_("Choose an item of the agenda."), "item_id")
    return item.id


def _open_for_editing(minutes: Minutes) -> None:
    if minutes.locked:
        raise MinutesError(_("The minutes are approved and can no longer be changed."))


def _text(value: str, field_name: str, limit: int, required: bool = False) -> str:
    return markdown_text(value, field_name, limit=limit, required=required, error=MinutesError)


def save_entry(minutes: Minutes, item_id: int, language: str, *, body: str, status: str,
               version: int, author=None) -> MinutesEntry:
    _open_for_editing(minutes)
    item_id = _item_of(minutes.meeting, item_id)
    if language not in LOCALES:
        raise MinutesError(_("Choose one of the languages of the application."), "language")
    try:
        status_value = TextStatus(status)
    except ValueError as exc:
        raise MinutesError(_("Choose a status."), "status") from exc
    body = _text(body, "body", 50_000)
    entry = next((e for e in minutes.entries
                  if e.item_id == item_id and e.language == language), None)
    if int(version or 0) != (entry.version if entry else 0):
        raise StaleEdit(entry, body)
    if entry is None:
        entry = MinutesEntry(item_id=item_id, language=language, version=0)
        minutes.entries.append(entry)
    entry.version += 1
    entry.body, entry.status = body, status_value
    entry.updated_at, entry.updated_by_id = utcnow(), getattr(author, "id", None)
    entry.revisions.append(MinutesRevision(version=entry.version, body=body,
                                           author_id=getattr(author, "id", None)))
    if language == minutes.original_language:
        for other in minutes.entries:
            if other.item_id == item_id and other.language != language:
                other.status = TextStatus.DRAFT  # the translation needs a new check
    db.session.flush()
    record("minutes.saved", entry, meeting=minutes.meeting, item=item_id, language=language,
           version=entry.version)
    return entry


def set_classification(minutes: Minutes, value: str) -> None:
    _open_for_editing(minutes)
    minutes.classification = _text(value, "classification", 40).replace("\n", " ")


def add_decision(meeting, item_id, text: str) -> Decision:
    _open_for_editing(minutes_of(meeting))
    decision = Decision(meeting_id=meeting.id, item_id=_item_of(meeting, item_id),
                        text=_text(text, "text", 2000, required=True))
    db.session.add(decision)
    db.session.flush()
    record("minutes.decision_added", decision, meeting=meeting)
    return decision


def add_action_point(meeting, item_id, *, description: str, owner_id: int | None,
                     due_date: date | None) -> ActionPoint:
    from app.meetings.models import Organisation

    _open_for_editing(minutes_of(meeting))
    if owner_id and db.session.get(Organisation, owner_id) is None:
        raise MinutesError(_("Choose an organisation."), "owner_id")
    check_date(due_date, "due_date", *date_window(meeting), error=MinutesError)
    action = ActionPoint(meeting_id=meeting.id, item_id=_item_of(meeting, item_id),
                         description=_text(description, "description", 2000, required=True),
                         owner_id=owner_id or None, due_date=due_date)
    db.session.add(action)
    db.session.flush()
    record("minutes.action_added", action, meeting=meeting)
    return action


def set_action_status(action: ActionPoint, status: str, *, actor=None) -> None:
    try:
        action.status = ActionStatus(status)
    except ValueError as exc:
        raise MinutesError(_("Choose a status.")) from exc
    record("minutes.action_status", action, meeting=None, actor=actor, status=status)


def remove(meeting, row) -> None:
    _open_for_editing(minutes_of(meeting))
    db.session.delete(row)
    record("minutes.removed", row, meeting=meeting, kind=type(row).__name__)


# --- workflow -------------------------------------------------------------------------------

def circulated_subject(meeting_title: str) -> str:
    """The subject of the e-mail that circulates draft minutes, in the current locale (the
    mail previews show the same)."""
    return _("Draft minutes for your comments: %(meeting)s", meeting=meeting_title)


def circulate(minutes: Minutes) -> int:
    """Draft -> circulated: every head of delegation is e-mailed, in their language."""
    from app.mail.services import queue_templated

    if minutes.status != MinutesStatus.DRAFT:
        raise MinutesError(_("Only draft minutes can be circulated."))
    if not any(e.body for e in minutes.entries):
        raise MinutesError(_("Write the minutes of at least one item first."))
    minutes.status, minutes.circulated_at = MinutesStatus.CIRCULATED, utcnow()
    meeting = minutes.meeting
    heads = db.session.scalars(select(Membership).where(
        Membership.meeting_id == meeting.id, Membership.role == Role.HEAD)).all()
    link = public_url("minutes.index", slug=meeting.slug)
    for head in heads:
        lang = head.user.locale if head.user.locale in LOCALES else meeting.working_language
        with force_locale(lang):
            title = TranslatedText(meeting.title).resolve(lang, meeting.working_language).text
        queue_templated("minutes_circulated", head.user.email, lang,
                        lambda title=title: circulated_subject(title),
                        meeting=meeting, name=head.user.name, meeting_title=title, link=link)
    record("minutes.circulated", minutes, meeting=meeting, heads=len(heads))
    return len(heads)


def approve(minutes: Minutes) -> None:
    if minutes.status != MinutesStatus.CIRCULATED:
        raise MinutesError(_("Minutes are approved after they have been circulated."))
    minutes.status, minutes.approved_at = MinutesStatus.APPROVED, utcnow()
    record("minutes.approved", minutes, meeting=minutes.meeting)


def comment(minutes: Minutes, item_id, body: str, *, author, organisation_id) -> None:
    if minutes.status != MinutesStatus.CIRCULATED:
        raise MinutesError(_("Comments are open while the draft is circulated."))
    minutes.comments.append(MinutesComment(
        item_id=_item_of(minutes.meeting, item_id), author_id=author.id,
        organisation_id=organisation_id, body=_text(body, "body", 4000, required=True)))
    db.session.flush()
    record("minutes.commented", minutes, meeting=minutes.meeting, item=int(item_id))


# --- reading --------------------------------------------------------------------------------

def languages(minutes: Minutes) -> list[str]:
    found = {e.language for e in minutes.entries if e.body}
    return [code for code in LOCALES if code in found]


_WORDS = re.compile(r"\s+|[^\s]+")
# difflib's work grows with the product of the lengths it compares (more with repeated words):
# the lines, then the words of changed lines, compared for one page each share a budget of that
# product, so the largest texts the minutes form takes answer in a fraction of a second.
DIFF_BUDGET = 1_000_000


def diff_html(old: str, new: str) -> Markup:
    """A comparison line by line, then word by word within changed lines: removed words struck
    through, added words underlined. Changed passages too long for the budget are shown whole
    (the old struck through, the new underlined) under a note saying so."""
    before, after = (old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True)
    lines, words_left = _Budget(DIFF_BUDGET), _Budget(DIFF_BUDGET)
    out = []
    for op, a1, a2, b1, b2 in lines.opcodes(before, after):
        removed = _WORDS.findall("".join(before[a1:a2]))
        if op == "equal":
            out.append(str(escape("".join(removed))))
            continue
        added = _WORDS.findall("".join(after[b1:b2]))
        for wop, c1, c2, d1, d2 in words_left.opcodes(removed, added):
            if wop in ("delete", "replace"):
                out.append(f"<del>{escape(''.join(removed[c1:c2]))}</del>")
            if wop in ("insert", "replace"):
                out.append(f"<ins>{escape(''.join(added[d1:d2]))}</ins>")
            if wop == "equal":
                out.append(str(escape("".join(removed[c1:c2]))))
    if words_left.exceeded:
        note = _("These texts are too long to compare word by word: some changed passages are "
                 "shown whole, the old text struck through and the new one underlined.")
        out.insert(0, f'<p class="hint diff-note">{escape(note)}</p>')
    return Markup("".join(out))  # noqa: S704 - every piece escaped above


class _Budget:
    """difflib opcodes within a budget of compared pairs; past it, a whole replacement."""

    def __init__(self, pairs: int):
        self.left, self.exceeded = pairs, False

    def opcodes(self, a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
        start, stop = 0, min(len(a), len(b))
        while start < stop and a[start] == b[start]:  # the common beginning and end first,
            start += 1                                # in linear time
        end = 0
        while end < stop - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
            end += 1
        a2, b2 = len(a) - end, len(b) - end
        ops = [("equal", 0, start, 0, start)] if start else []
        if len(a) > len(b) == start + end or len(b) > len(a) == start + end:
            ops.append(("delete" if a2 > start else "insert", start, a2, start, b2))
        elif a2 > start:
            if (a2 - start) * (b2 - start) > self.left:
                self.exceeded = True
                ops.append(("replace", start, a2, start, b2))
            else:
                self.left -= (a2 - start) * (b2 - start)
                matcher = difflib.SequenceMatcher(None, a[start:a2], b[start:b2], autojunk=False)
                ops += [(op, i1 + start, i2 + start, j1 + start, j2 + start)
                        for op, i1, i2, j1, j2 in matcher.get_opcodes()]
        if end:
            ops.append(("equal", a2, len(a), b2, len(b)))
        return ops


def attendance(meeting) -> tuple[str, list[tuple[date | None, list]]]:
    """Who attended, per day and delegation, from check-in; before any check-in, the
    approved registrations stand in."""
    from app.meetings.models import Organisation
    from app.registration import services as registration

    by_day = registration.attendance(meeting)
    orgs = {o.id: o for o in db.session.scalars(select(Organisation))}
    if any(by_day.values()):
        return "present", [(day, sorted(((orgs[org_id], rows) for org_id, rows in found.items()),
                                        key=lambda pair: pair[0].code))
                           for day, found in by_day.items()]
    grouped: dict = {}
    for r in registration.participants(meeting, meeting.working_language):
        grouped.setdefault(r.organisation_id, []).append(r)
    return "registered", [(None, [(orgs[k], v) for k, v in grouped.items()])]

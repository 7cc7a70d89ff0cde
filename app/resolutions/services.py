"""Resolutions: one function per transition, each checking the state and writing the audit.

draft --table--> tabled --adopt--> adopted (locked); draft|tabled --withdraw--> withdrawn;
tabled --reject--> rejected. Texts change only while draft or tabled, and only from the version
the editor started from: a stale edit raises StaleEdit (shown as 409 with both texts).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.audit.services import record
from app.documents.formal import sub_paragraph_label
from app.errors import DomainError
from app.extensions import db
from app.i18n import LOCALES, TranslatedText
from app.meetings.models import Organisation
from app.models_base import utcnow
from app.resolutions.models import (
    AdoptionMethod,
    Amendment,
    AmendmentState,
    Paragraph,
    ParagraphKind,
    Resolution,
    ResolutionSponsor,
    ResolutionState,
    ResolutionText,
    TextStatus,
)
from app.text import check_date, date_window, one_line


class ResolutionError(DomainError):
    """Bad input or a step not allowed now; `field` names the form field."""


class StaleEdit(Exception):
    """Someone saved the text after this editor opened it."""

    def __init__(self, resolution: Resolution, yours: dict):
        super().__init__("stale edit")
        self.resolution = resolution
        self.yours = yours


def _clean(value: str, field: str, limit: int = 4000, required: bool = False) -> str:
    """Titles, paragraphs (one line each, with inline Markdown) and records."""
    return one_line(value, field, limit=limit, required=required, error=ResolutionError)


def _language(language: str) -> str:
    if language not in LOCALES:
        raise ResolutionError(_("Choose one of the languages of the application."),
                              "language")
    return language


def _editable(resolution: Resolution) -> None:
    if resolution.locked:
        raise ResolutionError(_("This resolution is %(state)s; its text can no longer be "
                                "changed.", state=state_label(resolution.state)))


def state_label(state) -> str:
    return ResolutionState.label_of(state)


def _touch(resolution: Resolution) -> None:
    resolution.version += 1
    resolution.updated_at = utcnow()


# --- creating and editing -------------------------------------------------------------------

def create(meeting, *, language: str, title: str) -> Resolution:
    language = _language(language)
    title = _clean(title, "title", 300, required=True)
    number = (db.session.scalar(select(func.max(Resolution.number)).where(
        Resolution.meeting_id == meeting.id)) or 0) + 1
    resolution = Resolution(meeting_id=meeting.id, number=number, original_language=language)
    resolution.meeting = meeting
    resolution.texts.append(ResolutionText(language=language, title=title))
    db.session.add(resolution)
    db.session.flush()
    record("resolutions.created", resolution, meeting=meeting, symbol=resolution.symbol)
    return resolution


def save_text(resolution: Resolution, language: str, *, title: str, paragraphs: dict,
              status: str, version: int) -> None:
    """Title, every paragraph and the status of one language edition, in one step."""
    _editable(resolution)
    language = _language(language)
    if int(version) != resolution.version:
        raise StaleEdit(resolution, {"title": title, "paragraphs": paragraphs})
    try:
        status_value = TextStatus(status)
    except ValueError as exc:
        raise ResolutionError(_("Choose a status."), "status") from exc
    title = _clean(title, "title", 300, required=True)
    texts = {p.id: _clean(paragraphs.get(p.id, ""), f"paragraph_{p.id}")
             for p in resolution.paragraphs}
    changed = False
    edition = resolution.text_in(language)
    if edition is None:
        edition = ResolutionText(language=language, title=title)
        resolution.texts.append(edition)
        changed = True
    elif edition.title != title:
        edition.title, changed = title, True
    for paragraph in resolution.paragraphs:
        if (paragraph.text or {}).get(language, "") != texts[paragraph.id]:
            paragraph.text = TranslatedText({**(paragraph.text or {}),
                                             language: texts[paragraph.id]})
            changed = True
    edition.status = status_value
    if changed and language == resolution.original_language:
        _translations_to_review(resolution)
    _touch(resolution)
    record("resolutions.text_saved", resolution, meeting=resolution.meeting,
           language=language, status=status_value.value)


def _translations_to_review(resolution: Resolution) -> None:
    """A change to the original makes every verified translation a draft again."""
    for edition in resolution.texts:
        if edition.language != resolution.original_language:
            edition.status = TextStatus.DRAFT


def add_paragraph(resolution: Resolution, kind: str, parent_id: int | None = None
                  ) -> Paragraph:
    _editable(resolution)
    try:
        kind_value = ParagraphKind(kind)
    except ValueError as exc:
        raise ResolutionError(_("Choose preambular or operative.")) from exc
    parent = None
    if parent_id:
        parent = next((p for p in resolution.paragraphs if p.id == parent_id
                       and p.parent_id is None and p.kind == ParagraphKind.OPERATIVE), None)
        if parent is None:
            raise ResolutionError(_("Sub-paragraphs belong to an operative paragraph."))
        kind_value = ParagraphKind.OPERATIVE
    siblings = [p for p in resolution.paragraphs
                if p.kind == kind_value and p.parent_id == (parent.id if parent else None)]
    paragraph = Paragraph(kind=kind_value, parent_id=parent.id if parent else None,
                          position=max((p.position for p in siblings), default=0) + 1,
                          text=TranslatedText())
    resolution.paragraphs.append(paragraph)
    _touch(resolution)
    db.session.flush()
    record("resolutions.paragraph_added", resolution, meeting=resolution.meeting,
           kind=kind_value.value)
    return paragraph


def remove_paragraph(resolution: Resolution, paragraph_id: int) -> None:
    _editable(resolution)
    paragraph = next((p for p in resolution.paragraphs if p.id == paragraph_id), None)
    if paragraph is None:
        raise ResolutionError(_("No such paragraph."))
    for child in [p for p in resolution.paragraphs if p.parent_id == paragraph.id]:
        resolution.paragraphs.remove(child)
    resolution.paragraphs.remove(paragraph)
    _touch(resolution)
    record("resolutions.paragraph_removed", resolution, meeting=resolution.meeting)


def set_sponsors(resolution: Resolution, organisation_ids: list[int]) -> None:
    if resolution.state != ResolutionState.DRAFT:
        raise ResolutionError(_("Sponsors can be changed only while the resolution is a "
                                "draft."))
    known = {o.id for o in db.session.scalars(select(Organisation).where(
        Organisation.id.in_(organisation_ids)))}
    resolution.sponsors[:] = [s for s in resolution.sponsors if s.organisation_id in known]
    have = {s.organisation_id for s in resolution.sponsors}
    for org_id in sorted(known - have):
        resolution.sponsors.append(ResolutionSponsor(organisation_id=org_id))
    _touch(resolution)
    record("resolutions.sponsors", resolution, meeting=resolution.meeting,
           sponsors=sorted(known))


# --- transitions ----------------------------------------------------------------------------

def table(resolution: Resolution) -> None:
    if resolution.state != ResolutionState.DRAFT:
        raise ResolutionError(_("Only a draft can be tabled."))
    original = resolution.original_language
    operative = resolution.top_level(ParagraphKind.OPERATIVE)
    if not any((p.text or {}).get(original) for p in operative):
        raise ResolutionError(_("A resolution needs at least one operative paragraph in its "
                                "original language before it is tabled."))
    if any(not (p.text or {}).get(original) for p in resolution.paragraphs):
        raise ResolutionError(_("Every paragraph needs a text in the original language "
                                "before the resolution is tabled."))
    _set_state(resolution, ResolutionState.TABLED)


def adopt(resolution: Resolution, *, method: str, votes_for=None, votes_against=None,
          votes_abstaining=None, record_text: str = "", on: date | None = None) -> None:
    if resolution.state != ResolutionState.TABLED:
        raise ResolutionError(_("Only a tabled resolution can be adopted."))
    try:
        method_value = AdoptionMethod(method)
    except ValueError as exc:
        raise ResolutionError(_("Choose consensus or vote."), "method") from exc
    if method_value == AdoptionMethod.VOTE:
        counts = _votes(votes_for, votes_against, votes_abstaining)
        if counts[0] <= counts[1]:
            raise ResolutionError(_("With more votes against than in favour the resolution "
                                    "is rejected, not adopted."), "votes_for")
        resolution.votes_for, resolution.votes_against, resolution.votes_abstaining = counts
    if resolution.proposed_amendments():
        raise ResolutionError(_("Decide on every proposed amendment first."))
    resolution.adoption_method = method_value
    resolution.record = _clean(record_text, "record", 2000)
    check_date(on, "decided_on", *date_window(resolution.meeting), error=ResolutionError)
    resolution.decided_on = on or date.today()
    _set_state(resolution, ResolutionState.ADOPTED)


def _votes(*values) -> tuple[int, int, int]:
    try:
        counts = tuple(int(v) for v in values)
    except (TypeError, ValueError) as exc:
        raise ResolutionError(_("Enter the number of votes in favour, against and "
                                "abstaining."), "votes_for") from exc
    if any(c < 0 or c > 1000 for c in counts):
        raise ResolutionError(_("Enter the number of votes in favour, against and "
                                "abstaining."), "votes_for")
    return counts  # type: ignore[return-value]


def withdraw(resolution: Resolution, record_text: str = "") -> None:
    if resolution.state not in (ResolutionState.DRAFT, ResolutionState.TABLED):
        raise ResolutionError(_("Only a draft or tabled resolution can be withdrawn."))
    resolution.record = _clean(record_text, "record", 2000)
    resolution.decided_on = date.today()
    _set_state(resolution, ResolutionState.WITHDRAWN)


def reject(resolution: Resolution, *, votes_for=None, votes_against=None,
           votes_abstaining=None, record_text: str = "") -> None:
    if resolution.state != ResolutionState.TABLED:
        raise ResolutionError(_("Only a tabled resolution can be rejected."))
    if votes_for not in (None, ""):
        counts = _votes(votes_for, votes_against, votes_abstaining)
        resolution.adoption_method = AdoptionMethod.VOTE
        resolution.votes_for, resolution.votes_against, resolution.votes_abstaining = counts
    resolution.record = _clean(record_text, "record", 2000)
    resolution.decided_on = date.today()
    _set_state(resolution, ResolutionState.REJECTED)


def _set_state(resolution: Resolution, state: ResolutionState) -> None:
    old, resolution.state = resolution.state, state
    _touch(resolution)
    record(f"resolutions.{state.value}", resolution, meeting=resolution.meeting,
           symbol=resolution.symbol, previous=old.value)


# --- amendments -----------------------------------------------------------------------------

def propose_amendment(resolution: Resolution, *, paragraph_id: int, language: str,
                      text: str, organisation_id: int | None) -> Amendment:
    _editable(resolution)
    language = _language(language)
    paragraph = next((p for p in resolution.paragraphs if p.id == paragraph_id), None)
    if paragraph is None:
        raise ResolutionError(_("No such paragraph."), "paragraph_id")
    new_text = _clean(text, "text", required=True)
    old_text = (paragraph.text or {}).get(language, "")
    if new_text == old_text:
        raise ResolutionError(_("The amendment does not change the paragraph."), "text")
    amendment = Amendment(paragraph_id=paragraph.id, language=language, old_text=old_text,
                          new_text=new_text, proposed_by_id=organisation_id or None)
    resolution.amendments.append(amendment)
    db.session.flush()
    record("resolutions.amendment_proposed", resolution, meeting=resolution.meeting,
           amendment=amendment.id)
    return amendment


def decide_amendment(resolution: Resolution, amendment_id: int, accept: bool) -> None:
    _editable(resolution)
    amendment = next((a for a in resolution.amendments if a.id == amendment_id), None)
    if amendment is None or amendment.state != AmendmentState.PROPOSED:
        raise ResolutionError(_("This amendment has already been decided."))
    amendment.state = AmendmentState.ACCEPTED if accept else AmendmentState.REJECTED
    amendment.decided_at = utcnow()
    if accept:
        paragraph = amendment.paragraph
        paragraph.text = TranslatedText({**(paragraph.text or {}),
                                         amendment.language: amendment.new_text})
        if amendment.language == resolution.original_language:
            _translations_to_review(resolution)
    _touch(resolution)
    record("resolutions.amendment_" + amendment.state.value, resolution,
           meeting=resolution.meeting, amendment=amendment.id)


# --- reading --------------------------------------------------------------------------------

@dataclass
class Numbered:
    label: str
    paragraph: Paragraph
    children: list[Numbered]
    sub_index: int | None = None  # a sub-paragraph's place under its paragraph, from 0

    def label_in(self, lang: str) -> str:
        """The label as a text in `lang` prints it: "1." everywhere, a sub-paragraph's letter
        in the alphabet official texts in that language use ("(a)", "(أ)", "(ก)")."""
        return self.label if self.sub_index is None else sub_paragraph_label(self.sub_index,
                                                                             lang)


def numbered(resolution: Resolution) -> tuple[list[Paragraph], list[Numbered]]:
    """Preambular paragraphs (unnumbered) and operative ones numbered 1, 2 … with (a), (b)."""
    preamble = resolution.top_level(ParagraphKind.PREAMBULAR)
    operative = []
    for n, paragraph in enumerate(resolution.top_level(ParagraphKind.OPERATIVE), start=1):
        children = sorted((p for p in resolution.paragraphs if p.parent_id == paragraph.id),
                          key=lambda p: p.position)
        operative.append(Numbered(f"{n}.", paragraph, [
            Numbered(sub_paragraph_label(i, "en"), child, [], i)
            for i, child in enumerate(children)]))
    return preamble, operative


_EMPHASIS = re.compile(r"\*([^*\n]+)\*")


def paragraph_html(text: str) -> Markup:
    """Escaped text where *words* become italics, as the leading words of resolutions are."""
    # escape() runs first, so the only markup in the result is the <em> added here
    return Markup(_EMPHASIS.sub(r"<em>\1</em>", str(escape(text or ""))))  # noqa: S704


def opening(lang: str) -> str:
    """The words that open a resolution before its preambular paragraphs, in the language of
    the text (not of the reader): one catalogue entry for the page and the PDFs."""
    with force_locale(lang):
        return _("The meeting,")


def languages_with_text(resolution: Resolution) -> list[str]:
    return [t.language for t in resolution.texts]


def by_number(meeting, number: int) -> Resolution | None:
    return db.session.scalar(select(Resolution).where(Resolution.meeting_id == meeting.id,
                                                      Resolution.number == number))


def visible(meeting, secretariat: bool) -> list[Resolution]:
    query = select(Resolution).where(Resolution.meeting_id == meeting.id).options(
        selectinload(Resolution.texts))
    if not secretariat:
        query = query.where(Resolution.state != ResolutionState.DRAFT)
    return list(db.session.scalars(query.order_by(Resolution.number)))

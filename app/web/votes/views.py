"""Decisions by delegation: the list of a meeting's votes, the secretariat's opening form and
the chair's console (each member delegation's vote entered from the keyboard, in the order
called), explanations of vote, closing, the result page and its PDF, and the result put into
the minutes.

Who may: the secretariat (staff, administrators) runs votes — the chair acts through them; any
participant of the meeting reads a result once the vote is closed (before, it is the
secretariat's working page and answers 404 to others)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.agenda.services import serialize
from app.floor.votes import services
from app.floor.votes.models import (
    Choice,
    Majority,
    Outcome,
    Quorum,
    StatementKind,
    Subject,
    VoteMethod,
    VoteStatus,
)
from app.floor.votes.services import VoteError
from app.i18n import LOCALES, current_locale, format_datetime_in, language_name
from app.protocol import services as protocol
from app.resolutions.models import ResolutionState
from app.resolutions.services import visible as visible_resolutions
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.locale import localized
from app.web.meetings.views import bind_meeting
from app.web.steps import step
from app.web.votes.forms import OpenVoteForm, StatementForm

bp = Blueprint("votes", __name__, url_prefix="/meetings/<slug>/votes")
bind_meeting(bp)
CHAIR = {"open_vote", "console", "cast", "close", "statement", "to_minutes"}
access.guard(bp, access.secretariat_here, only=CHAIR)
access.guard(bp, access.member_here, only={"index", "result", "result_pdf"})


def _vote_or_404(number: int):
    vote = services.by_number(g.meeting, number)
    if vote is None:
        abort(404)
    if vote.status != VoteStatus.CLOSED and not access.is_secretariat(g.meeting):
        abort(404)
    return vote


def _confirmed() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


def _languages() -> list[tuple[str, str]]:
    reader = current_locale()
    return [(code, language_name(code, reader)) for code in LOCALES]


def _open_form() -> OpenVoteForm:
    meeting = g.meeting
    form = OpenVoteForm()
    form.item_id.choices = [
        (str(i["id"]), f'{i["number"]}. {localized(i["title"], meeting.working_language).text}')
        for block in _sessions() for i in block]
    form.subject.choices = [(s.value, s.label) for s in Subject]
    tabled = [r for r in visible_resolutions(meeting, True) if r.state == ResolutionState.TABLED]
    form.resolution_id.choices = [("", "—")] + [(str(r.id), r.symbol) for r in tabled]
    form.amendment_id.choices = [("", "—")] + [
        (str(a.id), _("%(symbol)s, amendment %(number)d", symbol=r.symbol,
                      number=r.amendments.index(a) + 1))
        for r in tabled for a in r.proposed_amendments()]
    form.language.choices = _languages()
    form.method.choices = [(m.value, m.label) for m in VoteMethod]
    form.majority.choices = [(m.value, m.label) for m in Majority]
    form.quorum.choices = [(q.value, q.label) for q in Quorum]
    if request.method == "GET":
        form.language.data = current_locale()
    return form


def _sessions() -> list[list[dict]]:
    found = []
    for block in serialize(g.meeting)["sessions"]:
        items = []
        for item in block["items"]:
            items.append(item)
            items.extend(item["children"])
        found.append(items)
    return found


def _index_page(form: OpenVoteForm | None = None, status: int = 200):
    meeting = g.meeting
    chair = access.is_secretariat(meeting)
    votes = services.votes_of(meeting, closed_only=not chair)
    return render_template(
        "votes/index.html", meeting=meeting, votes=votes, chair=chair,
        form=form or (_open_form() if chair else None), current=services.open_vote_of(meeting),
        decision=lambda vote: services.decision_text(vote, current_locale())), status


@bp.route("/")
def index():
    return _index_page()


@bp.route("/", methods=["POST"])
def open_vote():
    form = _open_form()
    if not form.validate_on_submit():
        return _index_page(form, 400)
    order = None
    if form.method.data == VoteMethod.ROLL_CALL.value:  # called in the order of precedence
        order = [d.organisation.id for d in protocol.precedence(g.meeting, current_locale())]
    with step(VoteError, form, success=_("The vote is open.")) as done:
        vote = services.open_vote(
            g.meeting, item_id=form.item_id.data, subject=form.subject.data,
            resolution_id=form.resolution_id.data, amendment_id=form.amendment_id.data,
            motion=form.motion.data, language=form.language.data, method=form.method.data,
            majority=form.majority.data, quorum=form.quorum.data, order=order,
            actor=current_user)
        number = vote.number
    if done:
        return redirect(url_for("votes.console", number=number))
    return _index_page(form, 400)


# --- the chair's console ----------------------------------------------------------------------

def _console_page(vote, statement_form: StatementForm | None = None, status: int = 200):
    lang = current_locale()
    rows = services.roll(vote)
    form = statement_form or StatementForm()
    form.organisation_id.choices = [(str(r.organisation.id),
                                     services.delegation_name(r.organisation, lang))
                                    for r in rows]
    form.kind.choices = [(k.value, k.label) for k in StatementKind]
    form.language.choices = _languages()
    if request.method == "GET":
        form.language.data = lang
    waiting = next((row for row in rows if row.choice is None), None)
    return render_template(
        "votes/console.html", meeting=g.meeting, vote=vote, rows=rows, waiting=waiting,
        count=services.count_of(vote), Choice=Choice, VoteMethod=VoteMethod, Outcome=Outcome,
        open=vote.status == VoteStatus.OPEN, subject=services.subject_text(vote, lang),
        rule=services.rule_text(vote, lang), decision=services.decision_text(vote, lang),
        name=lambda org: services.delegation_name(org, lang), form=form), status


@bp.route("/<int:number>/console")
def console(number: int):
    return _console_page(_vote_or_404(number))


@bp.route("/<int:number>/cast", methods=["POST"])
def cast(number: int):
    vote = _vote_or_404(number)
    _confirmed()
    with step(VoteError) as done:
        ballot = services.cast(vote, request.form.get("organisation_id"),
                               request.form.get("choice", ""), actor=current_user)
        said = _("%(delegation)s: %(choice)s", choice=ballot.choice.label,
                 delegation=services.delegation_name(ballot.organisation, current_locale()))
    if done:
        flash(said, "success")  # what was recorded, announced after the reload
    return redirect(url_for("votes.console", number=number))


@bp.route("/<int:number>/close", methods=["POST"])
def close(number: int):
    vote = _vote_or_404(number)
    _confirmed()
    with step(VoteError, success=_("The vote is closed.")) as done:
        services.close(vote, outcome=request.form.get("outcome"), actor=current_user)
    if done:
        return redirect(url_for("votes.result", number=number))
    return redirect(url_for("votes.console", number=number))


@bp.route("/<int:number>/statements", methods=["POST"])
def statement(number: int):
    vote = _vote_or_404(number)
    form = StatementForm()
    if not form.validate_on_submit():
        return _console_page(vote, form, 400)
    with step(VoteError, form, success=_("Saved.")) as done:
        services.add_statement(vote, form.organisation_id.data, kind=form.kind.data,
                               language=form.language.data, text=form.text.data,
                               actor=current_user)
    if done:
        return redirect(url_for("votes.console", number=number))
    return _console_page(vote, form, 400)


@bp.route("/<int:number>/minutes", methods=["POST"])
def to_minutes(number: int):
    vote = _vote_or_404(number)
    _confirmed()
    with step(VoteError) as done:
        language = services.offer_to_minutes(vote, actor=current_user)
    if done:
        flash(_("The result is now in the item's minutes in %(language)s.",
                language=language_name(language, current_locale())), "success")
    return redirect(url_for("votes.result", number=number))


# --- the result -------------------------------------------------------------------------------

def _result_context(vote, lang: str) -> dict:
    return {"meeting": g.meeting, "vote": vote, "rows": services.roll(vote),
            "count": services.count_of(vote), "subject": services.subject_text(vote, lang),
            "decision": services.decision_text(vote, lang),
            "rule": services.rule_text(vote, lang), "VoteMethod": VoteMethod,
            "name": lambda org: services.delegation_name(org, lang),
            "language": lambda code: language_name(code, lang),
            "closed": format_datetime_in(vote.closed_at, g.meeting.timezone)
            if vote.closed_at else None}


@bp.route("/<int:number>")
def result(number: int):
    vote = _vote_or_404(number)
    return render_template("votes/result.html", chair=access.is_secretariat(g.meeting),
                           pdf_languages=LOCALES, **_result_context(vote, current_locale()))


@bp.route("/<int:number>.pdf")
def result_pdf(number: int):
    """In the language asked for (?lang=), else the reader's."""
    from app.documents.pdf import pdf_response
    from app.documents.render import render_document

    vote = _vote_or_404(number)
    lang = request.args.get("lang", "")
    lang = lang if lang in LOCALES else current_locale()
    with force_locale(lang):
        context = _result_context(vote, lang)
    data = render_document("pdf/vote_result.html", locale=lang, **context)
    return pdf_response(data, f"vote-{g.meeting.slug}-{vote.number}-{lang}.pdf")

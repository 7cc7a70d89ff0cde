"""Resolution pages: the list, reading and editing one language edition, structure, sponsors,
decisions, amendments, and the PDFs (one language, or two side by side)."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from app.extensions import db
from app.i18n import LOCALES, current_locale
from app.resolutions import documents, services
from app.resolutions.models import Resolution, ResolutionState
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.invitations.forms import language_choices
from app.web.meetings.views import bind_meeting, participant_choices
from app.web.resolutions.forms import (
    AmendmentForm,
    DecisionForm,
    EditionForm,
    NewResolutionForm,
    ParagraphForm,
    SponsorsForm,
)
from app.web.steps import step

bp = Blueprint("resolutions", __name__, url_prefix="/meetings/<slug>/resolutions")
bind_meeting(bp)
access.guard(bp, access.member_here)  # every page: a role at the meeting
access.guard(bp, access.secretariat_here, only={  # the editor's steps: the secretariat's
    "edit", "add_paragraph", "remove_paragraph", "sponsors", "decide", "propose",
    "decide_amendment"})


def _resolution(number: int) -> Resolution:
    """A resolution the reader may see: drafts only for the secretariat."""
    resolution = services.by_number(g.meeting, number)
    if resolution is None:
        abort(404)
    if resolution.state == ResolutionState.DRAFT and not access.is_secretariat(g.meeting):
        abort(404)
    return resolution


def _lang(resolution: Resolution, name: str = "text") -> str:
    """The language of the text shown or edited: ?text= on pages (the interface keeps the
    reader's language), ?lang= on the PDF, else the reader's language where there is a text."""
    lang = request.args.get(name) or request.args.get("lang", "")
    if lang in LOCALES:
        return lang
    reader = current_locale()
    return reader if resolution.text_in(reader) else resolution.original_language


@bp.route("/", methods=["GET", "POST"])
def index():
    meeting = g.meeting
    secretariat = access.is_secretariat(meeting)
    form = NewResolutionForm()
    form.language.choices = language_choices()
    if request.method == "GET":
        form.language.data = meeting.working_language
    if request.method == "POST":
        access.require_secretariat(meeting)
        if form.validate_on_submit():
            with step(services.ResolutionError, form) as done:
                resolution = services.create(meeting, language=form.language.data,
                                             title=form.title.data)
            if done:
                return redirect(url_for("resolutions.view", number=resolution.number))
    return render_template("resolutions/index.html", meeting=meeting, form=form,
                           resolutions=services.visible(meeting, secretariat),
                           secretariat=secretariat)


@bp.route("/<int:number>")
def view(number: int):
    resolution = _resolution(number)
    lang = _lang(resolution)
    preamble, operative = services.numbered(resolution)
    secretariat = access.is_secretariat(g.meeting)
    names = _named(resolution)
    forms = {}
    if secretariat:
        sponsors = SponsorsForm(organisations=[s.organisation_id for s in resolution.sponsors])
        sponsors.organisations.choices = participant_choices()
        amendment = AmendmentForm()
        amendment.paragraph_id.choices = [(p.id, name) for p, name in names.items()]
        amendment.language.choices = language_choices()
        amendment.language.data = lang
        amendment.organisation_id.choices = [(0, "—"), *participant_choices()]
        forms = {"sponsors": sponsors, "paragraph": ParagraphForm(), "decision": DecisionForm(),
                 "amendment": amendment, "confirm": ConfirmForm()}
    return render_template(
        "resolutions/view.html", meeting=g.meeting, r=resolution, lang=lang,
        edition=resolution.text_in(lang), preamble=preamble, operative=operative,
        para=services.paragraph_html, secretariat=secretariat, forms=forms,
        opening=services.opening(lang), text_languages=services.languages_with_text(resolution),
        paragraph_name=lambda p: names.get(p, ""))


def _named(resolution: Resolution) -> dict:
    """Every paragraph in reading order, with its name ("Operative paragraph 3(a)")."""
    preamble, operative = services.numbered(resolution)
    names = {p: _("Preambular paragraph %(num)d", num=n)
             for n, p in enumerate(preamble, start=1)}
    for n in operative:
        label = n.label.rstrip(".")
        names[n.paragraph] = _("Operative paragraph %(label)s", label=label)
        for c in n.children:
            names[c.paragraph] = _("Operative paragraph %(label)s", label=label + c.label)
    return names


@bp.route("/<int:number>/edit", methods=["GET", "POST"])
def edit(number: int):
    resolution = _resolution(number)
    lang = _lang(resolution)
    names = _named(resolution)
    paragraphs = list(names)
    edition = resolution.text_in(lang)
    form = EditionForm()
    if request.method == "GET":
        form.title.data = edition.title if edition else ""
        form.status.data = edition.status.value if edition else "draft"
        form.version.data = str(resolution.version)
    texts = {p.id: request.form.get(f"paragraph_{p.id}", (p.text or {}).get(lang, ""))
             if request.method == "POST" else (p.text or {}).get(lang, "") for p in paragraphs}
    if resolution.locked:
        flash(_("This resolution is %(state)s; its text can no longer be changed.",
                state=services.state_label(resolution.state)), "error")
        return redirect(url_for("resolutions.view", number=number, text=lang))
    if form.validate_on_submit():
        try:
            with step(services.ResolutionError, form,
                      success=_("The text has been saved.")) as done:
                services.save_text(resolution, lang, title=form.title.data, paragraphs=texts,
                                   status=form.status.data, version=form.version.data or 0)
        except services.StaleEdit as stale:
            db.session.rollback()
            db.session.refresh(resolution)
            names = _named(resolution)
            return render_template(
                "resolutions/conflict.html", meeting=g.meeting, r=resolution, lang=lang,
                yours=stale.yours, paragraphs=list(names), name=lambda p: names.get(p, ""),
                current_title=(resolution.text_in(lang).title
                               if resolution.text_in(lang) else "")), 409
        if done:
            return redirect(url_for("resolutions.view", number=number, text=lang))
    original = resolution.original_language
    return render_template(
        "resolutions/edit.html", meeting=g.meeting, r=resolution, lang=lang, form=form,
        paragraphs=paragraphs, texts=texts, name=lambda p: names.get(p, ""),
        original={p.id: (p.text or {}).get(original, "") for p in paragraphs})


def _act(number: int, action, done: str):
    resolution = _resolution(number)
    with step(services.ResolutionError, success=done):
        action(resolution)
    return redirect(url_for("resolutions.view", number=number,
                            text=request.args.get("text") or None))


@bp.route("/<int:number>/paragraphs", methods=["POST"])
def add_paragraph(number: int):
    form = ParagraphForm()
    if not form.validate_on_submit():
        abort(400)
    parent = int(form.parent_id.data) if (form.parent_id.data or "").isdigit() else None
    return _act(number, lambda r: services.add_paragraph(r, form.kind.data, parent),
                _("A paragraph has been added; write its text in each language."))


@bp.route("/<int:number>/paragraphs/<int:paragraph_id>/remove", methods=["POST"])
def remove_paragraph(number: int, paragraph_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _act(number, lambda r: services.remove_paragraph(r, paragraph_id),
                _("The paragraph has been removed."))


@bp.route("/<int:number>/sponsors", methods=["POST"])
def sponsors(number: int):
    form = SponsorsForm()
    form.organisations.choices = participant_choices()
    if not form.validate_on_submit():
        flash(_("Choose the sponsors from the list."), "error")
        return redirect(url_for("resolutions.view", number=number))
    return _act(number, lambda r: services.set_sponsors(r, form.organisations.data or []),
                _("The sponsors have been saved."))


@bp.route("/<int:number>/decision", methods=["POST"])
def decide(number: int):
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("Enter the number of votes in favour, against and abstaining."), "error")
        return redirect(url_for("resolutions.view", number=number))
    action = form.action.data
    votes = {"votes_for": form.votes_for.data, "votes_against": form.votes_against.data,
             "votes_abstaining": form.votes_abstaining.data}
    steps = {
        "table": (services.table, _("The resolution has been tabled.")),
        "adopt": (lambda r: services.adopt(r, method=form.method.data, **votes,
                                           record_text=form.record.data or "",
                                           on=form.decided_on.data),
                  _("The resolution has been adopted; its texts are now locked.")),
        "withdraw": (lambda r: services.withdraw(r, form.record.data or ""),
                     _("The resolution has been withdrawn.")),
        "reject": (lambda r: services.reject(
            r, **(votes if form.method.data == "vote" else {}),
            record_text=form.record.data or ""), _("The resolution has been rejected.")),
    }
    if action not in steps:
        abort(400)
    step, done = steps[action]
    return _act(number, step, done)


@bp.route("/<int:number>/amendments", methods=["POST"])
def propose(number: int):
    resolution = _resolution(number)
    form = AmendmentForm()
    form.paragraph_id.choices = [(p.id, "") for p in resolution.paragraphs]
    form.language.choices = [(code, code) for code in LOCALES]
    form.organisation_id.choices = [(0, ""), *participant_choices()]
    if not form.validate_on_submit():
        flash(_("Choose a paragraph and write the proposed wording."), "error")
        return redirect(url_for("resolutions.view", number=number))
    return _act(number, lambda r: services.propose_amendment(
        r, paragraph_id=form.paragraph_id.data, language=form.language.data,
        text=form.text.data, organisation_id=form.organisation_id.data),
        _("The amendment has been recorded."))


@bp.route("/<int:number>/amendments/<int:amendment_id>/<any(accept, reject):verdict>",
          methods=["POST"])
def decide_amendment(number: int, amendment_id: int, verdict: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _act(number, lambda r: services.decide_amendment(r, amendment_id,
                                                            verdict == "accept"),
                _("The amendment has been accepted.") if verdict == "accept"
                else _("The amendment has been rejected."))


@bp.route("/<int:number>.pdf")
def pdf(number: int):
    from app.documents.pdf import pdf_response

    resolution = _resolution(number)
    lang = _lang(resolution)
    if resolution.text_in(lang) is None:
        abort(404)
    data = documents.resolution_pdf(resolution, lang)
    prefix = g.meeting.symbol_prefix.replace("/", "-")
    return pdf_response(data, f"{prefix}-RES-{number}-{lang}.pdf")


@bp.route("/<int:number>/parallel.pdf")
def parallel(number: int):
    from app.documents.pdf import pdf_response

    resolution = _resolution(number)
    left, right = _lang(resolution, "left"), _lang(resolution, "right")
    if left == right or resolution.text_in(left) is None or resolution.text_in(right) is None:
        abort(404)
    data = documents.parallel_pdf(resolution, left, right, current_locale())
    return pdf_response(data, f"RES-{number}-{left}-{right}.pdf")

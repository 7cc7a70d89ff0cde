"""Accreditation pages: the categories and areas, the list of accredited people with its
decisions, direct entry by the secretariat, badges, the check of a badge at a door, and the
public application form of each open category."""
from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from app.accreditation import documents, services
from app.accreditation.models import (
    DELEGATION_KINDS,
    Accreditation,
    AccreditationArea,
    AccreditationStatus,
    CategoryKind,
)
from app.auth.models import SECRETARIAT_ROLES, Role
from app.extensions import db, limiter
from app.i18n import LOCALES, TranslatedText, current_locale
from app.meetings.models import Organisation
from app.registration.models import DelegationRole
from app.registration.services import counts_by_organisation, organisation_sort_key
from app.urls import public_url
from app.web import access
from app.web.accreditation.forms import (
    AreaForm,
    CategoryForm,
    EntryForm,
    PersonForm,
    ReasonForm,
)
from app.web.auth.forms import ConfirmForm
from app.web.meetings.views import bind_meeting, of_meeting_or_404
from app.web.steps import step

#: May read the accreditations and check a badge: the secretariat, protocol (precedence and
#: seating need who is who), logistics (drivers and liaison officers work with transfers)
#: and the check-in desk (who may enter where). Only the secretariat decides and edits.
READERS = SECRETARIAT_ROLES | {Role.PROTOCOL, Role.LOGISTICS, Role.CHECK_IN}
MANAGED = {"settings", "category", "new_area", "area", "delete_area", "new", "edit",
           "decide", "bulk_approve", "badges", "selected_badges"}

bp = Blueprint("accreditation", __name__, url_prefix="/meetings/<slug>/accreditation")
bind_meeting(bp)


def _reader_here() -> None:
    if not access.roles(g.meeting) & READERS:
        abort(403)


access.guard(bp, _reader_here, skip={"apply"})
access.guard(bp, access.secretariat_here, only=MANAGED)


def _lang() -> str:
    lang = request.args.get("lang", "")
    return lang if lang in LOCALES else current_locale()


def _kind_or_404(value: str) -> CategoryKind:
    kind = services.kind_of(value)
    if kind is None:
        abort(404)
    return kind


def _photo(form) -> bytes | None:
    upload = form.photo.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    return upload.read(current_app.config["PHOTO_MAX_BYTES"] + 1)


def _details(form, language: str) -> services.Details:
    names = [f for f in services.Details.__dataclass_fields__ if f != "language"]
    return services.Details(**{name: form[name].data or "" for name in names},
                            language=language)


def _other_problems(form, outlet_required: bool = False) -> None:
    """The form's own checks failed: ask the service too, so that all problems show at once."""
    if not form.is_submitted() or form.csrf_token.errors:
        return
    try:
        services.validate(_details(form, "en"), outlet_required=outlet_required)
    except services.AccreditationError as error:
        for message, name in error.errors:
            if name in form and not form[name].errors:
                form[name].errors = [*form[name].errors, message]


# --- the list -------------------------------------------------------------------------------

@bp.route("/")
def index():
    meeting = g.meeting
    kind = request.args.get("category", "")
    kind = kind if services.kind_of(kind) and kind not in DELEGATION_KINDS else ""
    status = request.args.get("status", "")
    status = status if status in {s.value for s in AccreditationStatus} else ""
    search = request.args.get("q", "")[:100]
    rows = services.accreditations(meeting, kind=kind, status=status, search=search)
    lang = current_locale()
    organisations = sorted((inv.organisation for inv, _ in counts_by_organisation(meeting)),
                           key=lambda o: organisation_sort_key(o, lang))
    return render_template(
        "accreditation/index.html", meeting=meeting, rows=rows, kind=kind, status=status,
        search=search, statuses=list(AccreditationStatus),
        categories=services.categories(meeting), organisations=organisations,
        roles=list(DelegationRole), delegation_kinds=DELEGATION_KINDS,
        name_of=lambda c: services.category_name(c, lang, meeting.working_language),
        text_colour=services.text_colour, bulk=ConfirmForm(),
        manages=access.is_secretariat(meeting))


@bp.route("/<int:accreditation_id>")
def detail(accreditation_id: int):
    accreditation = of_meeting_or_404(Accreditation, accreditation_id)
    return render_template(
        "accreditation/detail.html", meeting=g.meeting, a=accreditation,
        category=services.category_name(accreditation.category, current_locale(),
                                        g.meeting.working_language),
        text_colour=services.text_colour, reason_form=ReasonForm(), form=ConfirmForm(),
        manages=access.is_secretariat(g.meeting))


@bp.route("/<int:accreditation_id>/photo")
def photo(accreditation_id: int):
    accreditation = of_meeting_or_404(Accreditation, accreditation_id)
    if accreditation.photo is None:
        abort(404)
    response = Response(accreditation.photo.data, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:accreditation_id>/<any(approve, reject):action>", methods=["POST"])
def decide(accreditation_id: int, action: str):
    accreditation = of_meeting_or_404(Accreditation, accreditation_id)
    form = ConfirmForm() if action == "approve" else ReasonForm()
    if not form.validate_on_submit():
        flash(_("Please give a reason: it is sent to the person."), "error")
        return redirect(url_for("accreditation.detail", accreditation_id=accreditation.id))
    success = _("The accreditation has been approved.") if action == "approve" \
        else _("The accreditation has been rejected.")
    with step(services.AccreditationError, success=success):
        if action == "approve":
            services.approve(accreditation, actor=current_user)
        else:
            services.reject(accreditation, form.reason.data, actor=current_user)
    return redirect(url_for("accreditation.detail", accreditation_id=accreditation.id))


@bp.route("/approve", methods=["POST"])
def bulk_approve():
    """Approve the pending people ticked in the list (its form, with CSRF)."""
    ids = [int(v) for v in request.form.getlist("ids")[:1000] if v.isdigit()]
    count = services.bulk_approve(g.meeting, ids, actor=current_user)
    db.session.commit()
    flash(ngettext("%(num)d accreditation approved.", "%(num)d accreditations approved.",
                   count), "success")
    return redirect(url_for("accreditation.index"))


@bp.route("/new", methods=["GET", "POST"])
def new():
    meeting = g.meeting
    form = EntryForm()
    lang = current_locale()
    form.category.choices = [("", "—")] + [
        (c.kind.value, services.category_name(c, lang, meeting.working_language))
        for c in services.categories(meeting) if c.kind not in DELEGATION_KINDS]
    if request.method == "GET":
        form.category.data = request.args.get("category", "")
        form.language.data = lang
    if form.validate_on_submit():
        with step(services.AccreditationError, form) as done:
            accreditation = services.enter(meeting, form.category.data,
                                           _details(form, form.language.data), _photo(form),
                                           actor=current_user)
        if done:
            flash(_("%(name)s is accredited.", name=accreditation.display_name), "success")
            return redirect(url_for("accreditation.detail",
                                    accreditation_id=accreditation.id))
    else:
        _other_problems(form, form.category.data == CategoryKind.PRESS.value)
    return render_template("accreditation/form.html", meeting=meeting, form=form,
                           public=False)


@bp.route("/<int:accreditation_id>/edit", methods=["GET", "POST"])
def edit(accreditation_id: int):
    accreditation = of_meeting_or_404(Accreditation, accreditation_id)
    form = EntryForm(obj=accreditation if request.method == "GET" else None)
    del form.category  # the category stays; a person in another category is a new entry
    if form.validate_on_submit():
        with step(services.AccreditationError, form) as done:
            services.edit(accreditation, _details(form, form.language.data), _photo(form),
                          actor=current_user)
        if done:
            flash(_("The accreditation has been saved."), "success")
            return redirect(url_for("accreditation.detail", accreditation_id=accreditation.id))
    else:
        _other_problems(form, accreditation.category.kind == CategoryKind.PRESS)
    return render_template("accreditation/form.html", meeting=g.meeting, form=form,
                           public=False, accreditation=accreditation)


# --- badges ---------------------------------------------------------------------------------

@bp.route("/badges.pdf")
def badges():
    """Badges of approved people: of some categories (?category=press&category=driver), of
    one delegation (?organisation=CODE) or role (?role=head), or everyone."""
    meeting = g.meeting
    kinds = [k for k in request.args.getlist("category") if services.kind_of(k)]
    code = request.args.get("organisation", "")[:32]
    organisation = db.session.scalar(select(Organisation).where(Organisation.code == code)) \
        if code else None
    if code and organisation is None:
        abort(404)
    role = request.args.get("role", "")
    role = role if role in {r.value for r in DelegationRole} else ""
    return _badges(documents.badges(meeting, _lang(), kinds=kinds, role=role,
                                    organisation_id=organisation.id if organisation else None))


@bp.route("/badges.pdf", methods=["POST"], endpoint="selected_badges")
def selected_badges():
    """Badges of the people ticked in a list (its form, with CSRF): this one's, or, with
    ?source=registration, the delegation members ticked in the registrations' list."""
    ids = [int(v) for v in request.form.getlist("ids")[:1000] if v.isdigit()]
    if request.args.get("source") == "registration":
        return _badges(documents.badges(g.meeting, _lang(), registration_ids=ids,
                                        accreditation_ids=[]),
                       back=url_for("registration.index"))
    return _badges(documents.badges(g.meeting, _lang(), registration_ids=[],
                                    accreditation_ids=ids))


def _badges(rows: list, back: str | None = None) -> Response:
    from app.documents.pdf import pdf_response

    if not rows:
        flash(_("No approved accreditation to print a badge for."), "error")
        return redirect(back or url_for("accreditation.index"))
    return pdf_response(documents.badges_pdf(g.meeting, rows, _lang()),
                        f"{g.meeting.slug}-badges.pdf")


@bp.route("/verify/<code>")
def verify(code: str):
    """What the QR code of a badge opens: the person, the category, the areas, the status."""
    accreditation = services.by_badge_code(g.meeting, code.upper()[:16])
    if accreditation is None:
        abort(404)
    return render_template(
        "accreditation/verify.html", meeting=g.meeting, a=accreditation,
        category=services.category_name(accreditation.category, current_locale(),
                                        g.meeting.working_language),
        text_colour=services.text_colour)


# --- categories and areas -------------------------------------------------------------------

@bp.route("/settings")
def settings():
    meeting = g.meeting
    lang = current_locale()
    return render_template(
        "accreditation/settings.html", meeting=meeting, categories=services.categories(meeting),
        areas=services.areas(meeting), delegation_kinds=DELEGATION_KINDS,
        name_of=lambda c: services.category_name(c, lang, meeting.working_language),
        text_colour=services.text_colour)


@bp.route("/categories/<kind>", methods=["GET", "POST"])
def category(kind: str):
    meeting = g.meeting
    found = services.category(meeting, _kind_or_404(kind))
    areas = services.areas(meeting)
    form = CategoryForm(obj=found if request.method == "GET" else None)
    lang = current_locale()
    form.areas.choices = [
        (a.id, f"{a.code} · {TranslatedText(a.name).resolve(lang, meeting.working_language)}")
        for a in areas]
    if request.method == "GET":
        form.name.data = found.name or {}
        form.areas.data = [a.id for a in found.areas]
    if form.validate_on_submit():
        with step(services.AccreditationError, form,
                  success=_("The category has been saved.")) as done:
            services.save_category(meeting, found.kind, name=form.name.data,
                                   colour=form.colour.data, area_ids=form.areas.data or [],
                                   registration_open=form.registration_open.data,
                                   actor=current_user)
        if done:
            return redirect(url_for("accreditation.settings"))
    return render_template("accreditation/category.html", meeting=meeting, form=form,
                           category=found, kind_label=CategoryKind.label_of(found.kind),
                           delegation=found.kind in DELEGATION_KINDS,
                           apply_url=public_url("accreditation.apply", slug=meeting.slug,
                                                kind=found.kind.value))


@bp.route("/areas/new", methods=["GET", "POST"], defaults={"area_id": None},
          endpoint="new_area")
@bp.route("/areas/<int:area_id>", methods=["GET", "POST"])
def area(area_id: int | None):
    meeting = g.meeting
    found = of_meeting_or_404(AccreditationArea, area_id) if area_id else None
    form = AreaForm(obj=found if request.method == "GET" else None)
    if form.validate_on_submit():
        with step(services.AccreditationError, form,
                  success=_("The area has been saved.")) as done:
            services.save_area(meeting, code=form.code.data, name=form.name.data, area=found,
                               actor=current_user)
        if done:
            return redirect(url_for("accreditation.settings"))
    return render_template("accreditation/area.html", meeting=meeting, form=form, area=found,
                           confirm=ConfirmForm())


@bp.route("/areas/<int:area_id>/delete", methods=["POST"])
def delete_area(area_id: int):
    found = of_meeting_or_404(AccreditationArea, area_id)
    if ConfirmForm().validate_on_submit():
        services.delete_area(found, actor=current_user)
        db.session.commit()
        flash(_("The area has been removed."), "success")
    return redirect(url_for("accreditation.settings"))


# --- the public application form ------------------------------------------------------------

def _apply_limit() -> str:
    return current_app.config["SIGN_IN_RATE_LIMIT"]


@bp.route("/<kind>/apply", methods=["GET", "POST"])
@limiter.limit(_apply_limit, methods=["POST"])
def apply(kind: str):
    meeting = g.meeting
    found = services.category(meeting, _kind_or_404(kind))
    name = services.category_name(found, current_locale(), meeting.working_language)
    if not found.registration_open or found.kind in DELEGATION_KINDS:
        return render_template("accreditation/closed.html", meeting=meeting,
                               category=name), 404
    form = PersonForm()
    press = found.kind == CategoryKind.PRESS
    if form.validate_on_submit():
        with step(services.AccreditationError, form) as done:
            accreditation = services.apply(meeting, found.kind,
                                           _details(form, current_locale()), _photo(form))
        if done:
            return render_template("accreditation/applied.html", meeting=meeting,
                                   a=accreditation, category=name)
    else:
        _other_problems(form, press)
    return render_template("accreditation/form.html", meeting=meeting, form=form,
                           public=True, category=name, press=press)

"""Registration pages: the secretariat's list, a delegation's registrations, the form, the
decisions, documents, the venue desk's check-in, and the self-registration link."""
from __future__ import annotations

from datetime import date
from urllib.parse import quote

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
from markupsafe import Markup
from sqlalchemy import select

from app.extensions import db, limiter
from app.i18n import LOCALES, country_name, current_locale, format_date_long
from app.invitations.models import Invitation
from app.logistics.accommodation.services import stay_of
from app.meetings.models import Organisation
from app.registration import documents, listing, services
from app.registration import jobs as registration_jobs
from app.registration.crypto import mask
from app.registration.models import DelegationRole, Registration, RegistrationStatus
from app.series import privacy
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.forms import attach_error
from app.web.jobs import views as jobs
from app.web.locale import localized, render_localized
from app.web.meetings.views import bind_meeting, of_meeting_or_404
from app.web.registration.forms import (
    BulkForm,
    CheckInForm,
    QuotaForm,
    ReasonForm,
    RegistrationForm,
)
from app.web.steps import step

bp = Blueprint("registration", __name__, url_prefix="/meetings/<slug>/registration")
bind_meeting(bp)
# Every page: a signed-in person; which registrations they may see or manage is decided per
# delegation and registration (after its 404). The meeting-wide lists, documents and the
# venue desk are the secretariat's; the participants list, any role's. Protocol and logistics
# read the registrations (the export); the check-in desk uses the venue desk (and its photos).
access.guard(bp)
access.guard(bp, access.secretariat_here, only={"bulk_approve", "badges", "selected_badges",
                                                "prepare_badges", "delegations"})
access.guard(bp, access.registration_reader_here, only={"export"})
access.guard(bp, access.desk_here, only={"check_in", "attendance"})
access.guard(bp, access.member_here, only={"participants", "prepare_participants"})
self_service = Blueprint("self_registration", __name__)


def _manageable_with_invitation(code: str) -> tuple[Organisation, Invitation | None]:
    """The organisation of the code (404 if none), if the reader may manage its delegation
    (403 if not), and its invitation to the meeting: in one query."""
    organisation, invitation = services.organisation_with_invitation(g.meeting, code)
    if organisation is None:
        abort(404)
    if not access.can_manage_delegation(g.meeting, organisation.id):
        abort(403)
    return organisation, invitation


def _registration(registration_id: int) -> Registration:
    registration = of_meeting_or_404(Registration, registration_id)
    if not access.can_see_registration(registration):
        abort(403)
    return registration


def _lang() -> str:
    lang = request.args.get("lang", "")
    return lang if lang in LOCALES else current_locale()


# --- the secretariat's overview -------------------------------------------------------------

@bp.route("/")
def index():
    meeting = g.meeting
    if not access.is_secretariat(meeting):
        head_of = access.headed(meeting)
        if head_of:
            return redirect(url_for("registration.delegation", code=head_of[0].code))
        own = _own_registration()
        if own is not None:
            return redirect(url_for("registration.detail", registration_id=own.id))
        abort(403)
    status = request.args.get("status", "")
    status = status if status in {s.value for s in RegistrationStatus} else ""
    role = request.args.get("role", "")
    role = role if role in {r.value for r in services.DelegationRole} else ""
    org_code = request.args.get("organisation", "")
    organisation = db.session.scalar(select(Organisation).where(
        Organisation.code == org_code)) if org_code and len(org_code) <= 32 else None
    query = listing.clean_query(request.args.get("q", ""))
    size = request.args.get("per", type=int)
    size = size if size in listing.PAGE_SIZES else listing.PAGE_SIZES[0]
    lang = current_locale()
    page = listing.registrations_page(
        meeting, lang, status=status, role=role, query=query, size=size,
        organisation_id=organisation.id if organisation else None,
        page=listing.page_number(request.args.get("page")))
    choices = listing.delegation_choices(meeting, lang)
    filters = {"status": status or None, "role": role or None, "q": query or None,
               "organisation": organisation.code if organisation else None,
               "per": size if size != listing.PAGE_SIZES[0] else None}
    return render_template("registration/index.html", meeting=meeting, rows=page.rows,
                           page=page, filters=filters, query=query, sizes=listing.PAGE_SIZES,
                           org_labels=_organisation_labels({r.organisation for r in page.rows},
                                                           lang),
                           choices=choices, status=status, role=role,
                           organisation=organisation, bulk=BulkForm(),
                           statuses=list(RegistrationStatus),
                           # up to 100 rows: their links and labels made once, not per row
                           detail_url=_url_by_id("registration.detail"),
                           select_label=_("Select %(name)s"),
                           role_labels={role: role.label for role in DelegationRole},
                           status_labels={status: status.label for status in RegistrationStatus})


@bp.route("/delegations/")
def delegations():
    """Each delegation's registrations by status and its seats: a page of its own, which the
    list of people (paged, at 2,000) does not rebuild for each of its pages."""
    meeting = g.meeting
    lang = current_locale()
    counts = services.counts_by_organisation(meeting)
    counts.sort(key=lambda pair: services.organisation_sort_key(pair[0].organisation, lang))
    return render_template("registration/delegations.html", meeting=meeting, counts=counts,
                           org_labels=_organisation_labels(
                               [inv.organisation for inv, _c in counts], lang),
                           of_quota=_("%(taken)d of %(quota)d"))


def _organisation_labels(organisations, lang: str) -> dict[int, dict]:
    """Each organisation's label ("Country · name", the name in its language) and its
    delegation page's address, worked out once for the rows of a page that name the same
    delegation many times."""
    delegations = url_for("registration.index") + "delegations/"
    return {org.id: {
        "html": (Markup("{} · ").format(country_name(org.country_code, lang))
                 if org.country_code else Markup()) + render_localized(org.name, note=False),
        "href": delegations + quote(org.code, safe="")} for org in organisations}


def _own_registration() -> Registration | None:
    return db.session.scalar(select(Registration).where(
        Registration.meeting_id == g.meeting.id, Registration.user_id == current_user.id))


@bp.route("/approve", methods=["POST"])
def bulk_approve():
    meeting = g.meeting
    ids = [int(value) for value in request.form.getlist("ids") if value.isdigit()][:1000]
    count = services.bulk_approve(meeting, ids, actor=current_user)
    db.session.commit()
    flash(ngettext("%(num)d registration approved.", "%(num)d registrations approved.",
                   count), "success")
    return redirect(request.referrer if _same_site(request.referrer)
                    else url_for("registration.index"))


def _same_site(url: str | None) -> bool:
    from urllib.parse import urlsplit

    return bool(url) and urlsplit(url).netloc in ("", request.host)


@bp.route("/registrations.csv")
def export():
    meeting = g.meeting
    response = Response(documents.registrations_csv(services.registrations(meeting)),
                        mimetype="text/csv")
    response.headers["Content-Disposition"] = \
        f'attachment; filename="{meeting.slug}-registrations.csv"'
    return response


# --- a delegation ---------------------------------------------------------------------------

@bp.route("/delegations/<code>", methods=["GET", "POST"])
def delegation(code: str):
    meeting = g.meeting
    organisation, invitation = _manageable_with_invitation(code)
    quota_form = QuotaForm(obj=invitation)
    if request.method == "POST":
        access.require_secretariat(meeting)
        if invitation is None:
            abort(404)
        if quota_form.validate_on_submit():
            with step(services.RegistrationError, quota_form,
                      success=_("The delegation size has been changed.")) as done:
                services.set_quota(invitation, quota_form.quota.data)
            if done:
                return redirect(url_for("registration.delegation", code=code))
    link = None
    if invitation is not None and invitation.status.value == "accepted":
        first = not invitation.registration_nonce
        link = services.self_registration_link(invitation)
        if first:  # the link's nonce was just made; otherwise nothing to save, no commit
            db.session.commit()  # (which would expire every row and reload each one)
    rows = services.delegation_rows(meeting, organisation.id)
    # A delegation has up to 50 rows: their links and labels are made once, not per row.
    return render_template("registration/delegation.html", meeting=meeting,
                           organisation=organisation, invitation=invitation, rows=rows,
                           link=link, quota_form=quota_form, form=ConfirmForm(),
                           max_age_days=current_app.config["SELF_REGISTRATION_MAX_AGE"] // 86400,
                           detail_url=_url_by_id("registration.detail"),
                           edit_url=_url_by_id("registration.edit"),
                           role_labels={role: role.label for role in DelegationRole},
                           status_labels={status: status.label for status in RegistrationStatus})


def _url_by_id(endpoint: str):
    """url_for(endpoint, registration_id=…) for many rows: the address is built once and
    each row's id put in its place."""
    head, _, tail = url_for(endpoint, registration_id=987654321).partition("987654321")
    return lambda registration_id: f"{head}{int(registration_id)}{tail}"


@bp.route("/delegations/<code>/renew-link", methods=["POST"])
def renew_link(code: str):
    _organisation, invitation = _manageable_with_invitation(code)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.open_delegation(invitation)
        except services.RegistrationError as error:
            flash(error.message, "error")
        else:
            services.renew_link(invitation)
            db.session.commit()
            flash(_("A new link has been made; the old one no longer works."), "success")
    return redirect(url_for("registration.delegation", code=code))


def _details(form: RegistrationForm, language: str) -> services.Details:
    names = [f for f in services.Details.__dataclass_fields__ if f != "language"]
    return services.Details(**{name: form[name].data for name in names}, language=language)


def _other_problems(form: RegistrationForm, meeting) -> None:
    """The form's own checks failed, so the service was not asked: ask it now, so that its
    problems (dates, passport, e-mail…) show with the form's, all at once."""
    if not form.is_submitted() or ("csrf_token" in form and form.csrf_token.errors):
        return
    try:
        services.validate(meeting, _details(form, "en"))
    except services.RegistrationError as error:
        for message, name in error.errors:
            if name in form and not form[name].errors:
                attach_error(form, message, name)


def _photo(form: RegistrationForm) -> bytes | None:
    upload = form.photo.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    return upload.read(current_app.config["PHOTO_MAX_BYTES"] + 1)


@bp.route("/delegations/<code>/new", methods=["GET", "POST"])
def new(code: str):
    meeting = g.meeting
    organisation, invitation = _manageable_with_invitation(code)
    try:
        services.open_delegation(invitation)
    except services.RegistrationError as error:
        flash(error.message, "error")
        return redirect(url_for("registration.delegation", code=code))
    form = RegistrationForm()
    if form.validate_on_submit():
        with step(services.RegistrationError, form) as done:
            registration = services.register(meeting, organisation.id,
                                             _details(form, current_locale()), _photo(form),
                                             actor=current_user, invitation=invitation)
            name = registration.display_name  # read before the commit expires it
        if done:
            flash(_("%(name)s is registered and awaits approval by the secretariat.",
                    name=name), "success")
            return redirect(url_for("registration.delegation", code=code))
    else:
        _other_problems(form, meeting)
    return render_template("registration/form.html", meeting=meeting, form=form,
                           organisation=organisation, invitation=invitation,
                           registration=None)


@bp.route("/<int:registration_id>")
def detail(registration_id: int):
    registration = _registration(registration_id)
    if registration.visa_needed and registration.purged_at is None:
        services.sensitive_access(registration, "viewed_masked")
    return render_template("registration/detail.html", meeting=g.meeting, r=registration,
                           mask=mask, reason_form=ReasonForm(), form=ConfirmForm(),
                           review=_review_notes(registration),
                           can_manage=access.can_manage_delegation(
                               g.meeting, registration.organisation_id),
                           is_secretariat=access.is_secretariat(g.meeting),
                           stay=stay_of(registration),
                           birth=format_date_long(date.fromisoformat(registration.birth_date))
                           if registration.birth_date else "")


def _shown(registration: Registration, name: str, value) -> str:
    """A reviewed field's value as the detail page shows it (sensitive ones masked)."""
    if value in (None, ""):
        return "—"
    if name == "role":
        return DelegationRole.label_of(value)
    if name == "visa_needed":
        return _("Needed") if value else "—"
    if name == "nationality":
        return country_name(value)
    if name in ("passport_number", "birth_date"):
        return mask(str(value), 4)
    return str(value)


def _review_notes(registration: Registration) -> list[dict]:
    """What changed since approval: the field, and its value before and now."""
    labels = RegistrationForm(formdata=None)
    return [{"label": labels[note["field"]].label.text,
             "before": None if note["before"] is None and note["field"] in (
                 "photo", *services.SENSITIVE_FIELDS)
             else _shown(registration, note["field"], note["before"]),
             "now": None if note["field"] == "photo"
             else _shown(registration, note["field"], getattr(registration, note["field"]))}
            for note in registration.review_changes or []]


@bp.route("/<int:registration_id>/edit", methods=["GET", "POST"])
def edit(registration_id: int):
    registration = _registration(registration_id)
    form = RegistrationForm(obj=registration)
    if request.method == "GET":
        form.role.data = registration.role.value
        form.birth_date.data = date.fromisoformat(registration.birth_date) \
            if registration.birth_date else None
    form.email.data = registration.email  # the sign-in address does not change here
    if form.validate_on_submit():
        was = registration.status
        with step(services.RegistrationError, form) as done:
            services.edit(registration, _details(form, registration.language), _photo(form),
                          actor=current_user)
        if done:
            if was != registration.status:
                flash(_("The changes are saved. Because they concern the name, passport, "
                        "nationality, date of birth, role, visa letter or photo, the "
                        "registration goes back to the secretariat for approval: the badge and "
                        "the visa support letter wait for it, and the place in the delegation "
                        "stays held."), "info")
            else:
                flash(_("The registration has been saved."), "success")
            return redirect(url_for("registration.detail", registration_id=registration.id))
    else:
        _other_problems(form, registration.meeting)
    return render_template("registration/form.html", meeting=g.meeting, form=form,
                           organisation=registration.organisation, registration=registration,
                           invitation=registration.invitation)


@bp.route("/<int:registration_id>/<any(approve, reject, cancel):action>", methods=["POST"])
def decide(registration_id: int, action: str):
    registration = _registration(registration_id)
    if action in ("approve", "reject"):
        access.require_secretariat(g.meeting)
    form = ConfirmForm() if action == "approve" else ReasonForm()
    if not form.validate_on_submit():
        flash(_("Please give a reason: it is sent to the delegate."), "error")
        return redirect(url_for("registration.detail", registration_id=registration.id))
    done = {"approve": _("The registration is approved; the delegate is told by e-mail."),
            "reject": _("The registration is rejected; the delegate is told by e-mail."),
            "cancel": _("The registration is cancelled; the delegate is told by e-mail.")}
    with step(services.RegistrationError, success=done[action]):
        if action == "approve":
            services.approve(registration, actor=current_user)
        elif action == "reject":
            services.reject(registration, form.reason.data, actor=current_user)
        else:
            services.cancel(registration, form.reason.data, actor=current_user)
    return redirect(url_for("registration.detail", registration_id=registration.id))


@bp.route("/<int:registration_id>/photo.jpg")
def photo(registration_id: int):
    registration = of_meeting_or_404(Registration, registration_id)
    if not (access.can_see_registration(registration) or access.at_desk(g.meeting)):
        abort(403)
    if registration.photo is None:
        abort(404)
    response = Response(registration.photo.data, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:registration_id>/confirmation.pdf")
def confirmation(registration_id: int):
    from app.documents.pdf import pdf_response

    registration = _registration(registration_id)
    if registration.status not in services.HOLDS_SEAT:
        abort(404)
    data = documents.confirmation_pdf(registration)
    return pdf_response(data, f"registration-{registration.id}.pdf")


@bp.route("/<int:registration_id>/visa-letter.pdf")
def visa_letter(registration_id: int):
    from app.documents.pdf import pdf_response

    registration = _registration(registration_id)
    if registration.status != RegistrationStatus.APPROVED or not registration.visa_needed \
            or registration.purged_at:
        abort(404)
    data = documents.visa_letter_pdf(registration, _lang())
    services.sensitive_access(registration, "visa_letter")
    return pdf_response(data, f"visa-support-letter-{registration.id}.pdf")


@bp.route("/<int:registration_id>/my-data.json")
def personal_data(registration_id: int):
    """Everything the application holds about the registered person, decrypted, as JSON."""
    import json

    registration = _registration(registration_id)
    # Roles at other meetings only for the person themselves, never for their head or staff.
    data = privacy.registration_data(registration,
                                     all_meetings=current_user.id == registration.user_id)
    services.sensitive_access(registration, "exported")
    response = Response(json.dumps(data, ensure_ascii=False, indent=2),
                        mimetype="application/json")
    response.headers["Content-Disposition"] = \
        f'attachment; filename="registration-{registration.id}.json"'
    return response


# --- documents for the whole meeting --------------------------------------------------------

@bp.route("/badges.pdf")
def badges():
    """Badges of the approved participants: everyone, or those of one organisation, of one
    role, or with the given ids (?id=1&id=2), which may be combined."""
    return _badges(request.args.get("organisation", ""), request.args.get("role", ""),
                   request.args.getlist("id"))


@bp.route("/badges.pdf", methods=["POST"], endpoint="selected_badges")
def selected_badges():
    """Badges of the registrations ticked in the secretariat's list (its form, with CSRF)."""
    return _badges("", "", request.form.getlist("ids"), selection=True)


@bp.route("/badges/prepare", methods=["POST"])
def prepare_badges():
    """Badges prepared in the background (the button of the page `_badges` offers)."""
    ids = [v for v in request.form.get("ids", "").split(",") if v]
    return _badges(request.form.get("organisation", ""), request.form.get("role", ""), ids,
                   background=True)


def _badges(code: str, role: str, ids: list[str], selection: bool = False,
            background: bool = False) -> Response:
    """Up to JOBS_INLINE_LIMIT badges come at once; more are prepared in the background (a
    form posted with CSRF starts the job; a link first offers the button)."""
    from app.documents.pdf import pdf_response

    meeting = g.meeting
    rows = registration_jobs.badge_rows(meeting, _lang(), organisation=code, role=role,
                                        ids=ids, selection=selection)
    if not rows:
        flash(_("No approved registration to print a badge for."), "error")
        return redirect(request.referrer if _same_site(request.referrer)
                        else url_for("registration.index"))
    if len(rows) > jobs.inline_limit():
        if request.method == "POST":
            return jobs.start(registration_jobs.BADGES, {
                "organisation": code, "role": role, "ids": [r.id for r in rows]
                if ids or selection else [], "selection": selection or bool(ids)},
                locale=_lang())
        return jobs.offer(url_for("registration.prepare_badges", lang=_lang()), {
            "organisation": code, "role": role, "ids": ",".join(ids[:1000])},
            _("Badges"), ngettext(
                "%(num)d badge: it will be prepared in the background.",
                "%(num)d badges: they will be prepared in the background.", len(rows)))
    data = documents.badges_pdf(meeting, rows, _lang())
    return pdf_response(data, f"{meeting.slug}-badges.pdf")


@bp.route("/participants.<any(pdf, csv, xlsx):fmt>")
def participants(fmt: str):
    from app.documents.pdf import pdf_response

    meeting = g.meeting
    lang = _lang()
    rows = services.participants(meeting, lang)
    name = f"{meeting.slug}-participants-{lang}"
    if fmt == "csv":
        response = Response(documents.participants_csv(rows, lang), mimetype="text/csv")
    elif fmt == "xlsx":
        response = Response(documents.participants_xlsx(rows, lang, localized(
            meeting.title).text), mimetype="application/vnd.openxmlformats-officedocument."
                            "spreadsheetml.sheet")
    elif len(rows) > jobs.inline_limit():
        return jobs.offer(url_for("registration.prepare_participants", lang=lang), {},
                          _("List of participants (PDF)"), ngettext(
                              "%(num)d participant: the list will be prepared in the "
                              "background.", "%(num)d participants: the list will be "
                              "prepared in the background.", len(rows)))
    else:
        return pdf_response(documents.participants_pdf(meeting, rows, lang), f"{name}.pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@bp.route("/participants/prepare", methods=["POST"])
def prepare_participants():
    """The list of participants (PDF) prepared in the background."""
    return jobs.start(registration_jobs.PARTICIPANTS, {}, locale=_lang())


# --- the venue desk -------------------------------------------------------------------------

@bp.route("/check-in", methods=["GET", "POST"])
def check_in():
    meeting = g.meeting
    days = services.meeting_days(meeting)
    form = CheckInForm()
    form.day.choices = [(d.isoformat(), format_date_long(d)) for d in days]
    today = services.today_at(meeting)
    if request.method == "GET":
        form.day.data = (today if today in days else days[0]).isoformat()
        if request.args.get("code"):
            form.code.data = services.normalise_code(request.args["code"])
    result = None
    if form.validate_on_submit():
        try:
            registration, present, created = services.check_in(
                meeting, form.code.data, date.fromisoformat(form.day.data),
                actor=current_user)
        except services.AdmissionRefused as error:
            db.session.rollback()
            result = {"kind": "refused", "r": error.registration}
        except services.RegistrationError as error:
            db.session.rollback()
            if error.field == "code":
                result = {"kind": "unknown", "code": form.code.data[:40],
                          "message": error.message}
            else:
                attach_error(form, error)
        else:
            db.session.commit()
            result = {"kind": "checked_in" if created else "already", "r": registration,
                      "present": present}
    if form.is_submitted():
        # After every scan the field is empty again: the next scan (a handheld scanner types
        # the code and Enter) must not be appended to the last one. The result shows the code.
        form.code.data = ""
        form.code.raw_data = []
    return render_template("registration/check_in.html", meeting=meeting, form=form,
                           result=result)


@bp.route("/attendance")
def attendance():
    meeting = g.meeting
    by_day = services.attendance(meeting)
    organisations = {o.id: o for o in db.session.scalars(select(Organisation))}
    lang = current_locale()
    return render_template(
        "registration/attendance.html", meeting=meeting, by_day=by_day,
        organisations=organisations,
        order=lambda ids: sorted(ids, key=lambda i: services.organisation_sort_key(
            organisations[i], lang)))


# --- registering alone, from the head's link ------------------------------------------------

def _self_limit() -> str:
    return current_app.config["SIGN_IN_RATE_LIMIT"]


@self_service.route("/register/<token>", methods=["GET", "POST"])
@limiter.limit(_self_limit, methods=["POST"])
def register(token: str):
    try:
        invitation = services.invitation_for_link(token[:500])
        services.delegation(invitation.meeting, invitation.organisation_id)
    except services.RegistrationError as error:
        return render_template("registration/link_invalid.html", message=error.message), 400
    g.meeting = meeting = invitation.meeting
    form = RegistrationForm()
    form.role.choices = [c for c in form.role.choices if c[0] != "head"]
    if form.validate_on_submit():
        with step(services.RegistrationError, form) as done:
            registration = services.register(meeting, invitation.organisation_id,
                                             _details(form, current_locale()), _photo(form))
        if done:
            return render_template("registration/registered.html", meeting=meeting,
                                   r=registration)
    else:
        _other_problems(form, meeting)
    return render_template("registration/form.html", meeting=meeting, form=form,
                           organisation=invitation.organisation, invitation=invitation,
                           registration=None, self_service=True)

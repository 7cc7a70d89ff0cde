"""Invitation pages: the secretariat's list, letter, import and sending; the answer page."""
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
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.documents.formal import formal_date, formal_dates
from app.extensions import db, limiter
from app.i18n import current_locale
from app.invitations import documents, services
from app.invitations import jobs as invitation_jobs
from app.invitations.models import Invitation, InvitationStatus
from app.meetings.models import Organisation
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.invitations.forms import (
    AnswerForm,
    ConfirmImportForm,
    ImportForm,
    InvitationForm,
    LetterForm,
    language_choices,
)
from app.web.jobs import views as jobs
from app.web.locale import localized
from app.web.meetings.views import bind_meeting, of_meeting_or_404
from app.web.steps import step

bp = Blueprint("invitations", __name__, url_prefix="/meetings/<slug>/invitations")
bind_meeting(bp)
answers = Blueprint("invitation_answers", __name__)


access.guard(bp, access.secretariat_here)  # every page here: the secretariat's


def _invitation_or_404(invitation_id: int) -> Invitation:
    return of_meeting_or_404(Invitation, invitation_id)


@bp.route("/")
def index():
    meeting = g.meeting
    rows = db.session.scalars(
        select(Invitation).where(Invitation.meeting_id == meeting.id)
        .options(selectinload(Invitation.organisation)).order_by(Invitation.id)).all()
    rows = sorted(rows, key=lambda inv: localized(inv.organisation.name).text)
    letter = services.letter_of(meeting)
    return render_template("invitations/index.html", meeting=meeting, invitations=rows,
                           funnel=services.funnel(meeting), letter=letter, form=ConfirmForm(),
                           reminder_days=current_app.config["INVITATION_REMINDER_DAYS"])


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:invitation_id>/edit", methods=["GET", "POST"])
def edit(invitation_id: int | None = None):
    meeting = g.meeting
    invitation = _invitation_or_404(invitation_id) if invitation_id else None
    form = InvitationForm(obj=invitation)
    organisations = db.session.scalars(select(Organisation)).all()
    form.organisation_id.choices = sorted(
        ((org.id, localized(org.name).text) for org in organisations), key=lambda c: c[1])
    form.language.choices = language_choices()
    if request.method == "GET" and invitation is not None:
        form.category.data = invitation.category.value
    if form.validate_on_submit():
        with step(services.InvitationError, form,
                  success=_("The invitation has been saved.")) as done:
            services.save_invitation(
                meeting, invitation, organisation_id=form.organisation_id.data,
                category=form.category.data, addressee_name=form.addressee_name.data,
                addressee_title=form.addressee_title.data or "", email=form.email.data,
                language=form.language.data, quota=form.quota.data)
        if done:
            return redirect(url_for("invitations.index"))
    return render_template("invitations/form.html", meeting=meeting, form=form,
                           invitation=invitation)


def _act(invitation_id: int | None, action, done: str):
    meeting = g.meeting
    with step(services.InvitationError) as outcome:
        result = action(meeting, _invitation_or_404(invitation_id)) if invitation_id \
            else action(meeting)
    if outcome:
        flash(done(result), "success")
    return redirect(url_for("invitations.index"))


@bp.route("/<int:invitation_id>/remove", methods=["POST"])
def remove(invitation_id: int):
    return _act(invitation_id, services.remove_invitation,
                lambda _r: _("The invitation has been removed."))


@bp.route("/<int:invitation_id>/send", methods=["POST"])
def send(invitation_id: int):
    return _act(invitation_id, services.send_invitation,
                lambda _r: _("The invitation is queued for sending."))


@bp.route("/send-all", methods=["POST"])
def send_all():
    """Up to JOBS_INLINE_LIMIT drafts are queued at once; more in the background."""
    meeting = g.meeting
    if invitation_jobs.drafts_count(meeting) > jobs.inline_limit():
        return jobs.start(invitation_jobs.SEND_ALL, {})
    queued, skipped = services.send_all(meeting)
    db.session.commit()
    flash(ngettext_queued(queued), "success")
    for invitation, reason in skipped:
        flash(_("Not sent to %(agency)s: %(reason)s",
                agency=localized(invitation.organisation.name).text, reason=reason), "error")
    return redirect(url_for("invitations.index"))


def ngettext_queued(count: int) -> str:
    from flask_babel import ngettext

    return ngettext("%(num)d invitation queued for sending.",
                    "%(num)d invitations queued for sending.", count)


@bp.route("/remind", methods=["POST"])
def remind():
    from flask_babel import ngettext

    return _act(None, services.send_reminders, lambda count: ngettext(
        "%(num)d reminder queued.", "%(num)d reminders queued.", count))


@bp.route("/letter", methods=["GET", "POST"])
def letter():
    meeting = g.meeting
    current = services.letter_of(meeting)
    form = LetterForm()
    if request.method == "GET" and current is not None:
        form.reply_by.data = current.reply_by
        form.subject.data, form.body.data = current.subject, current.body
    if form.validate_on_submit():
        with step(services.InvitationError, form,
                  success=_("The letter has been saved.")) as done:
            services.save_letter(
                meeting, reply_by=form.reply_by.data,
                subject=form.subject.data, body=form.body.data)
        if done:
            return redirect(url_for("invitations.letter"))
    return render_template("invitations/letter.html", meeting=meeting, form=form,
                           letter=current, placeholders=services.PLACEHOLDERS,
                           dates_example=formal_dates(meeting.start_date, meeting.end_date),
                           date_example=formal_date(meeting.start_date))


def _preview_target():
    meeting = g.meeting
    current = services.letter_of(meeting)
    if current is None:
        abort(404)
    invitation = None
    if request.args.get("invitation", type=int):
        invitation = _invitation_or_404(request.args.get("invitation", type=int))
    lang = request.args.get("letter_lang") or (invitation.language if invitation else None) \
        or meeting.working_language
    if lang not in (current.subject or {}):
        abort(404)
    subject, body = services.render_letter(meeting, current, invitation, lang)
    return current, invitation, lang, subject, body


@bp.route("/letter/preview")
def preview():
    current, invitation, lang, subject, body = _preview_target()
    return render_template("invitations/preview.html", meeting=g.meeting, letter=current,
                           invitation=invitation, letter_lang=lang, subject=subject, body=body)


@bp.route("/letter.pdf")
def letter_pdf():
    from app.documents.pdf import pdf_response

    current, invitation, lang, subject, body = _preview_target()
    data = documents.letter_pdf(g.meeting, invitation, lang, subject, body, current_locale())
    return pdf_response(data, f"invitation-{lang}.pdf")


@bp.route("/import", methods=["GET", "POST"])
def import_csv():
    meeting = g.meeting
    upload, confirm = ImportForm(), ConfirmImportForm()
    result = text = None
    if "confirm" in request.form and confirm.validate_on_submit():
        with step(services.InvitationError) as done:
            count = services.import_csv(meeting, confirm.csv_text.data)
        if not done:
            text = confirm.csv_text.data
            result = services.parse_csv(meeting, text)
        else:
            from flask_babel import ngettext

            flash(ngettext("%(num)d invitation imported.", "%(num)d invitations imported.",
                           count), "success")
            return redirect(url_for("invitations.index"))
    elif upload.validate_on_submit():
        raw = upload.file.data.read(1_000_001)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            upload.file.errors.append(_("The file must be CSV in UTF-8."))
        else:
            if len(raw) > 1_000_000:
                upload.file.errors.append(_("The file is too large (at most 1 MB)."))
            else:
                result = services.parse_csv(meeting, text)
                confirm.csv_text.data = text
    return render_template("invitations/import.html", meeting=meeting, upload=upload,
                           confirm=confirm, result=result, columns=services.CSV_COLUMNS,
                           organisations=services.organisation_choices())


@bp.route("/import/template.csv")
def import_template():
    """The columns of the import, with one example row to replace."""
    response = Response(services.csv_template(g.meeting), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="invitations-template.csv"'
    return response


@bp.route("/invitations.csv")
def export():
    response = Response(services.export_csv(g.meeting), mimetype="text/csv")
    response.headers["Content-Disposition"] = \
        f'attachment; filename="{g.meeting.slug}-invitations.csv"'
    return response


# --- the addressee's answer -----------------------------------------------------------------

@answers.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"])
def answer(token: str):
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationError as error:
        return render_template("invitations/link_invalid.html", reason=error.message), \
            410 if error.message == "expired" else 400
    g.meeting = meeting = invitation.meeting
    services.mark_opened(invitation)
    db.session.commit()
    form = AnswerForm()
    if request.method == "GET":
        form.answer.data = {InvitationStatus.ACCEPTED: "accept",
                            InvitationStatus.DECLINED: "decline"}.get(invitation.status)
        form.head_name.data = invitation.head_name
        form.head_email.data = invitation.head_email
        form.reason.data = invitation.decline_reason
    if form.validate_on_submit():
        with step(services.InvitationError, form) as done:
            services.answer(invitation, accept=form.answer.data == "accept",
                            reason=form.reason.data or "", head_name=form.head_name.data or "",
                            head_email=form.head_email.data or "")
        if done:
            return render_template("invitations/answered.html", meeting=meeting,
                                   invitation=invitation, token=token)
    letter = services.letter_of(meeting)
    subject, body = services.render_letter(meeting, letter, invitation, invitation.language) \
        if invitation.language in (letter.subject or {}) else ("", "")
    return render_template("invitations/answer.html", meeting=meeting, invitation=invitation,
                           form=form, subject=subject, body=body, letter=letter)



"""The outbox page: every e-mail's state, the server's reply when it failed, a retry and
"Send now"; previews of every automatic e-mail; circulars to chosen recipients."""
from __future__ import annotations

from html import unescape

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import func, select

from app.audit.services import record
from app.auth.models import SECRETARIAT_ROLES
from app.circulars import jobs as circular_jobs
from app.circulars import services as circulars_service
from app.circulars.models import Circular
from app.extensions import db
from app.i18n import LOCALES, current_locale
from app.mail.models import OutboxMessage, OutboxStatus
from app.mail.services import deliver_due, pending_count, retry
from app.meetings.models import Meeting, MeetingOrganisation, Organisation
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.jobs import views as jobs
from app.web.locale import localized
from app.web.mail import previews
from app.web.mail.forms import CircularForm
from app.web.steps import step

bp = Blueprint("outbox", __name__, url_prefix="/outbox")
PAGE_SIZE = 100
SEND_NOW_LIMIT = 500  # per click; the worker takes the rest


access.guard(bp, access.secretariat_anywhere)


@bp.route("/")
def index():
    status = request.args.get("status")
    query = select(OutboxMessage)
    if status in {s.value for s in OutboxStatus}:
        query = query.where(OutboxMessage.status == status)
    counts = dict(db.session.execute(select(OutboxMessage.status, func.count())
                                     .group_by(OutboxMessage.status)).all())
    messages = db.session.scalars(query.order_by(OutboxMessage.id.desc()).limit(PAGE_SIZE)).all()
    return render_template("mail/outbox.html", messages=messages, counts=counts,
                           status=status, form=ConfirmForm(), statuses=list(OutboxStatus),
                           due=pending_count(_my_meetings()))


def _my_meetings() -> set[int] | None:
    """The meetings whose e-mails this person may send now (with those of no meeting: sign-in
    links, address changes); None for a site administrator: all of them."""
    if getattr(current_user, "site_admin", False):
        return None
    return {m.meeting_id for m in current_user.memberships if m.role in SECRETARIAT_ROLES}


@bp.route("/send-now", methods=["POST"])
def send_now():
    """Deliver the due messages at once, without waiting for the worker. Each message is
    claimed before it is sent, so a second click (or the worker) never sends one twice."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    meetings = _my_meetings()
    sent, failed = deliver_due(limit=SEND_NOW_LIMIT, meetings=meetings)
    record("outbox.send_now", sent=sent, failed=failed)
    db.session.commit()
    if sent:
        flash(ngettext("%(num)d e-mail sent.", "%(num)d e-mails sent.", sent), "success")
    if failed:
        flash(ngettext("%(num)d e-mail could not be sent; the reason is shown below.",
                       "%(num)d e-mails could not be sent; the reasons are shown below.",
                       failed), "error")
    if not sent and not failed:
        flash(_("No e-mail was waiting to be sent."), "success")
    return redirect(url_for("outbox.index", status=request.args.get("status")))


@bp.route("/<int:message_id>/retry", methods=["POST"])
def retry_message(message_id: int):
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        abort(404)
    if message.status != OutboxStatus.FAILED:
        flash(_("Only failed messages can be sent again."), "error")
    else:
        retry(message)
        record("outbox.retry", message)
        db.session.commit()
        flash(_("The message is queued again."), "success")
    return redirect(url_for("outbox.index", status=request.args.get("status")))


def _meetings_of_mine() -> list:
    """The meetings whose e-mails this person may preview and send circulars for."""
    query = select(Meeting).order_by(Meeting.start_date.desc())
    mine = _my_meetings()
    if mine is not None:
        query = query.where(Meeting.id.in_(mine))
    return db.session.scalars(query).all()


def _style_hashes(html: str) -> str:
    """CSP sources that allow exactly the style attributes of the e-mail (the previewed
    document inherits the page's policy), nothing else inline."""
    import base64
    import hashlib
    import re

    values = sorted(set(re.findall(r'style="([^"]*)"', html)))
    return " ".join("'sha256-{}'".format(base64.b64encode(
        hashlib.sha256(unescape(value).encode()).digest()).decode()) for value in values)


@bp.route("/previews")
def previews_page():
    """Every automatic e-mail in the chosen language, with sample values: its subject, the HTML
    part in a sandboxed frame (no script, no form, no link that leaves the frame) and the text."""
    meetings = _meetings_of_mine()
    if not meetings:
        abort(404)
    meeting = next((m for m in meetings if m.slug == request.args.get("meeting")), meetings[0])
    lang = request.args.get("mail_lang")
    if lang not in LOCALES:
        lang = meeting.working_language if meeting.working_language in LOCALES else "en"
    chosen = previews.find(request.args.get("kind", "")) or previews.available()[0]
    rendered = previews.render(chosen, meeting, lang)
    listing = [(p.key, previews.render(p, meeting, lang).subject) for p in previews.available()]
    response = make_response(render_template(
        "mail/previews.html", meetings=meetings, meeting=meeting, mail_lang=lang,
        mail_languages=LOCALES, chosen=rendered, listing=listing))
    hashes = _style_hashes(rendered.html)
    if hashes:  # the site's policy (app/web CSP) with these style attributes allowed
        response.headers["Content-Security-Policy"] = PREVIEW_CSP.format(styles=hashes)
    return response


PREVIEW_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-hashes' {styles}; "
               "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


# --- circulars --------------------------------------------------------------------------------

def _meeting_or_404(slug: str | None):
    """One of the person's secretariat meetings (by slug, else the latest), or 404."""
    meetings = _meetings_of_mine()
    if not meetings:
        abort(404)
    if slug is None:
        return meetings[0], meetings
    meeting = next((m for m in meetings if m.slug == slug), None)
    if meeting is None:
        abort(404)
    return meeting, meetings


def _circular_or_404(circular_id: int):
    circular = db.session.get(Circular, circular_id)
    mine = _my_meetings()
    if circular is None or (mine is not None and circular.meeting_id not in mine):
        abort(404)
    return circular


@bp.route("/circulars")
def circulars():
    meeting, meetings = _meeting_or_404(request.args.get("meeting"))
    sent = db.session.scalars(select(Circular).where(Circular.meeting_id == meeting.id)
                              .order_by(Circular.id.desc())).all()
    return render_template("mail/circulars.html", meeting=meeting, meetings=meetings,
                           circulars=sent)


@bp.route("/circulars/new", methods=["GET", "POST"])
def new_circular():
    meeting, _meetings = _meeting_or_404(request.args.get("meeting"))
    form = CircularForm()
    taking_part = db.session.scalars(
        select(Organisation).join(MeetingOrganisation,
                                  MeetingOrganisation.organisation_id == Organisation.id)
        .where(MeetingOrganisation.meeting_id == meeting.id).order_by(Organisation.code)).all()
    form.organisation.choices = [("", "—")] + [
        (org.id, localized(org.name).text) for org in taking_part]
    if form.validate_on_submit():
        files = [(f.filename or "", f.read(circulars_service.MAX_ATTACHMENT_BYTES + 1))
                 for f in form.attachments.data or [] if getattr(f, "filename", "")]
        with step(circulars_service.CircularError, form,
                  fields={"organisation": "organisation", "category": "category"}) as done:
            circular = circulars_service.write(
                meeting, subject=form.subject.data, body=form.body.data,
                audience=form.audience.data, organisation_id=form.organisation.data,
                category=form.category.data or None,
                working_language_fallback=form.working_language.data, files=files,
                actor=current_user, reader=current_locale())
        if done:
            return redirect(url_for("outbox.circular", circular_id=circular.id))
    missing = bool(form.body.errors) or any(
        name.startswith("body_") for name in (form.errors or {}))
    return render_template("mail/circular_form.html", meeting=meeting, form=form,
                           offer_working_language=missing or form.working_language.data)


@bp.route("/circulars/<int:circular_id>")
def circular(circular_id: int):
    """A draft's preview (each language as it will go, who gets which) or a sent one's log."""
    item = _circular_or_404(circular_id)
    plan = circulars_service.planned(item) if item.sent_at is None else []
    languages = sorted({lang for _person, lang in plan if lang} if plan else
                       {r.language for r in item.recipients})
    samples = {lang: previews.render_circular(item, lang) for lang in languages}
    return render_template("mail/circular_page.html", circular=item, meeting=item.meeting,
                           plan=plan, samples=samples, form=ConfirmForm())


@bp.route("/circulars/<int:circular_id>/send", methods=["POST"])
def send_circular(circular_id: int):
    item = _circular_or_404(circular_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        expected = int(request.form.get("expected", ""))
    except ValueError:
        abort(400)
    if expected > jobs.inline_limit():  # many recipients: queued by the job worker
        return jobs.start(circular_jobs.SEND, {"circular_id": item.id, "expected": expected},
                          meeting=item.meeting)
    with step(circulars_service.CircularError) as done:
        count = circulars_service.send(item, expected=expected, actor=current_user,
                                       reader=current_locale())
    if done:
        flash(ngettext("The circular is queued for %(num)d recipient.",
                       "The circular is queued for %(num)d recipients.", count), "success")
    return redirect(url_for("outbox.circular", circular_id=item.id))


@bp.route("/circulars/<int:circular_id>/discard", methods=["POST"])
def discard_circular(circular_id: int):
    item = _circular_or_404(circular_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    slug = item.meeting.slug
    with step(circulars_service.CircularError) as done:
        circulars_service.discard(item)
    if done:
        return redirect(url_for("outbox.circulars", meeting=slug))
    return redirect(url_for("outbox.circular", circular_id=item.id))

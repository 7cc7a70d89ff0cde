"""The documents register's pages: the meeting's list (filtered by class, language and agenda
item), a document with its language versions and history, downloads and the ZIP for readers
of its distribution; the secretariat creates, uploads, issues, revises and withdraws."""
from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
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

from app.agenda.models import Visibility
from app.auth.models import SECRETARIAT_ROLES
from app.doc_register import jobs as document_jobs
from app.doc_register import services
from app.doc_register.models import (
    DISTRIBUTION_LABELS,
    DocumentClass,
    DocumentKind,
    DocumentStatus,
    MeetingDocument,
    MeetingDocumentFile,
)
from app.doc_register.services import DocumentError, Upload
from app.extensions import db
from app.i18n import LOCALES, current_locale, language_name
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.doc_register.forms import DetailsForm, FileForm, NewDocumentForm, ReviseForm
from app.web.jobs import views as jobs
from app.web.locale import localized
from app.web.meetings.views import bind_meeting, of_meeting_or_404
from app.web.steps import step

bp = Blueprint("doc_register", __name__, url_prefix="/meetings/<slug>/documents")
bind_meeting(bp)
access.guard(bp, access.secretariat_here, only={
    "new", "edit", "upload", "revise", "issue", "withdraw"})
access.guard(bp, access.member_here, only={"prepare_archive"})  # a job has an owner


def _reader() -> tuple[set[Visibility], bool]:
    """(distribution levels, secretariat?) of the person asking; anonymous readers of a
    public meeting read its public documents, of another meeting sign in first."""
    meeting = g.meeting
    roles = access.roles(meeting)
    if roles:
        return services.reader_levels(roles), bool(roles & SECRETARIAT_ROLES)
    if meeting.is_public:
        return {Visibility.PUBLIC}, False
    if not current_user.is_authenticated:
        abort(redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?"))))
    abort(403)


def _document_or_404(doc_id: int) -> MeetingDocument:
    return of_meeting_or_404(MeetingDocument, doc_id)


def _readable_or_abort(document: MeetingDocument, levels, secretariat: bool) -> None:
    """Drafts exist for the secretariat only; a distribution the reader is outside of is
    refused (or asks an anonymous reader to sign in)."""
    if secretariat:
        return
    if document.status == DocumentStatus.DRAFT:
        abort(404)
    if document.distribution not in levels:
        if not current_user.is_authenticated:
            abort(redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?"))))
        abort(403)


def _upload(field) -> Upload | None:
    data = field.data
    if data is None or not getattr(data, "filename", ""):
        return None
    return Upload(data.filename, data.read())


def _items(levels: set[Visibility], secretariat: bool) -> list[dict]:
    allowed = {level.value for level in levels}
    return [item for item in services.numbered_items(g.meeting)
            if secretariat or item["visibility"] in allowed]


def _item_label(item: dict) -> str:
    return f"{item['number']}. {localized(item['title']).text}"


def _fill_details(form, items: list[dict]) -> None:
    form.agenda_item_id.choices = [(0, _("No agenda item"))] + [
        (item["id"], _item_label(item)) for item in items]
    form.distribution.choices = [(level.value, str(label))
                                 for level, label in DISTRIBUTION_LABELS.items()]


def _languages(form) -> None:
    reader = current_locale()
    form.language.choices = [(code, language_name(code, reader)) for code in LOCALES]


# --- reading ----------------------------------------------------------------------------------

@bp.route("/")
def index():
    meeting = g.meeting
    levels, secretariat = _reader()
    doc_class = request.args.get("class", "")
    doc_class = doc_class if doc_class in {c.value for c in DocumentClass} else ""
    language = request.args.get("language", "")
    language = language if language in LOCALES else ""
    item_id = request.args.get("item", type=int)
    items = _items(levels, secretariat)
    if item_id is not None and item_id not in {item["id"] for item in items}:
        item_id = None
    with_superseded = request.args.get("superseded") == "1"
    found = services.listing(meeting, levels, secretariat=secretariat, doc_class=doc_class,
                             language=language, item_id=item_id,
                             with_superseded=with_superseded)
    by_item = {item["id"]: item for item in items}
    return render_template(
        "doc_register/index.html", meeting=meeting, listing=found, items=items,
        by_item=by_item, secretariat=secretariat, doc_class=doc_class, language=language,
        item_id=item_id, with_superseded=with_superseded, classes=list(DocumentClass),
        status_label=DocumentStatus.label_of, issued_day=services.issued_day)


@bp.route("/<int:doc_id>")
def document(doc_id: int):
    meeting = g.meeting
    levels, secretariat = _reader()
    doc = _document_or_404(doc_id)
    _readable_or_abort(doc, levels, secretariat)
    related = [d for d in services.all_documents(meeting)
               if services.readable(d, levels, secretariat) and d.id != doc.id
               and (d.parent_id == doc.id or d.id == doc.parent_id
                    or (doc.parent_id and d.parent_id == doc.parent_id))]
    gone = services.superseded(services.all_documents(meeting))
    items = {item["id"]: item for item in _items(levels, secretariat)}
    forms = {}
    if secretariat:
        upload = FileForm()
        _languages(upload)
        forms = {"upload": upload, "confirm": ConfirmForm()}
    return render_template(
        "doc_register/document.html", meeting=meeting, doc=doc, related=related,
        superseded=doc.id in gone, item=items.get(doc.agenda_item_id),
        secretariat=secretariat, forms=forms, Status=DocumentStatus, Kind=DocumentKind,
        status_label=DocumentStatus.label_of, kind_label=DocumentKind.label_of,
        class_label=DocumentClass.label_of, distribution_label=DISTRIBUTION_LABELS,
        issued_day=services.issued_day)


@bp.route("/<int:doc_id>/file/<lang_code>")
def download(doc_id: int, lang_code: str):
    levels, secretariat = _reader()
    doc = _document_or_404(doc_id)
    _readable_or_abort(doc, levels, secretariat)
    if doc.status == DocumentStatus.WITHDRAWN and not secretariat:
        abort(404)
    file = db.session.scalar(db.select(MeetingDocumentFile).where(
        MeetingDocumentFile.document_id == doc.id, MeetingDocumentFile.language == lang_code))
    if file is None:
        abort(404)
    response = Response(file.data, mimetype=file.content_type)
    response.headers.set("Content-Disposition", "attachment",
                         filename=services.download_name(doc, file))
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/all.zip")
def archive():
    """At once up to JOBS_INLINE_LIMIT documents (and always for a reader not signed in);
    beyond, a signed-in reader is offered the ZIP prepared in the background."""
    meeting = g.meeting
    levels, secretariat = _reader()
    language = request.args.get("language", "")
    language = language if language in LOCALES else None
    issued = document_jobs.issued_documents(meeting, levels, secretariat)
    if current_user.is_authenticated and len(issued) > jobs.inline_limit():
        return jobs.offer(url_for("doc_register.prepare_archive", language=language or None),
                          {}, _("Documents (ZIP)"), ngettext(
                              "%(num)d document: the ZIP file will be prepared in the "
                              "background.", "%(num)d documents: the ZIP file will be "
                              "prepared in the background.", len(issued)))
    response = Response(services.meeting_zip(meeting, issued, language),
                        mimetype="application/zip")
    response.headers.set("Content-Disposition", "attachment",
                         filename=services.zip_name(meeting, language))
    return response


@bp.route("/all.zip/prepare", methods=["POST"])
def prepare_archive():
    """The ZIP of the issued documents this reader may read, prepared in the background."""
    levels, secretariat = _reader()
    language = request.args.get("language", "")
    return jobs.start(document_jobs.ARCHIVE, {
        "levels": sorted(level.value for level in levels), "secretariat": secretariat,
        "language": language if language in LOCALES else None})


# --- the secretariat's ------------------------------------------------------------------------

@bp.route("/new", methods=["GET", "POST"])
def new():
    meeting = g.meeting
    form = NewDocumentForm()
    form.doc_class.choices = [(c.value, f"{c.value} — {c.label}") for c in DocumentClass]
    _fill_details(form, _items(*_reader()))
    _languages(form)
    if request.method == "GET":
        form.distribution.data = Visibility.DELEGATES.value
        form.language.data = meeting.working_language
        if request.args.get("item", type=int):
            form.agenda_item_id.data = request.args.get("item", type=int)
    if form.validate_on_submit():
        with step(DocumentError, form, success=_("The document has been created as a draft.")) \
                as done:
            created = services.create(
                meeting, doc_class=form.doc_class.data, number=form.number.data,
                title=form.title.data, agenda_item_id=form.agenda_item_id.data or None,
                distribution=form.distribution.data, language=form.language.data,
                upload=_upload(form.file), actor=current_user, reader=current_locale())
            created_id = created.id
        if done:
            return redirect(url_for("doc_register.document", doc_id=created_id))
    return render_template("doc_register/form.html", meeting=meeting, form=form, doc=None,
                           heading=_("New document")), \
        400 if form.errors else 200


@bp.route("/<int:doc_id>/edit", methods=["GET", "POST"])
def edit(doc_id: int):
    meeting = g.meeting
    doc = _document_or_404(doc_id)
    form = DetailsForm()
    _fill_details(form, _items(*_reader()))
    if request.method == "GET":
        form.title.data = dict(doc.title)
        form.agenda_item_id.data = doc.agenda_item_id or 0
        form.distribution.data = doc.distribution.value
    if form.validate_on_submit():
        with step(DocumentError, form, success=_("Saved.")) as done:
            services.edit(doc, title=form.title.data,
                          agenda_item_id=form.agenda_item_id.data or None,
                          distribution=form.distribution.data, reader=current_locale())
        if done:
            return redirect(url_for("doc_register.document", doc_id=doc.id))
    return render_template("doc_register/form.html", meeting=meeting, form=form, doc=doc,
                           heading=_("Change %(symbol)s", symbol=doc.symbol)), \
        400 if form.errors else 200


@bp.route("/<int:doc_id>/files", methods=["POST"])
def upload(doc_id: int):
    doc = _document_or_404(doc_id)
    form = FileForm()
    _languages(form)
    if form.validate_on_submit():
        with step(DocumentError, success=_("The file has been attached.")):
            services.add_file(doc, form.language.data, _upload(form.file), actor=current_user)
    else:
        abort(400)
    return redirect(url_for("doc_register.document", doc_id=doc.id))


@bp.route("/<int:doc_id>/revise", methods=["GET", "POST"])
def revise(doc_id: int):
    meeting = g.meeting
    doc = _document_or_404(doc_id)
    form = ReviseForm()
    _languages(form)
    if request.method == "GET":
        form.title.data = dict(doc.title)
        form.language.data = meeting.working_language
        kind = request.args.get("kind")
        if kind in {k.value for k in DocumentKind} - {DocumentKind.ORIGINAL.value}:
            form.kind.data = kind
    if form.validate_on_submit():
        with step(DocumentError, form, success=_("The document has been created as a draft."),
                  fields={"kind": "kind"}) as done:
            child = services.revise(doc, form.kind.data, title=form.title.data,
                                    actor=current_user, language=form.language.data,
                                    upload=_upload(form.file), reader=current_locale())
            child_id = child.id
        if done:
            return redirect(url_for("doc_register.document", doc_id=child_id))
    return render_template("doc_register/revise.html", meeting=meeting, form=form, doc=doc), \
        400 if form.errors or request.method == "POST" else 200


@bp.route("/<int:doc_id>/issue", methods=["POST"])
def issue(doc_id: int):
    doc = _document_or_404(doc_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with step(DocumentError) as done:
        told = services.issue(doc, actor=current_user)
    if done:
        flash(_("%(symbol)s has been issued.", symbol=doc.symbol) + " " + _(
            "Participants told by e-mail: %(num)d.", num=told), "success")
    return redirect(url_for("doc_register.document", doc_id=doc.id))


@bp.route("/<int:doc_id>/withdraw", methods=["POST"])
def withdraw(doc_id: int):
    doc = _document_or_404(doc_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with step(DocumentError, success=_("The document has been withdrawn.")):
        services.withdraw(doc, actor=current_user)
    return redirect(url_for("doc_register.document", doc_id=doc.id))

"""`flask export`: the documents the web pages offer (agenda, minutes, a resolution, the list of
participants, badges), written to a file."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from app.accreditation import documents as accreditation_documents
from app.accreditation.models import CategoryKind
from app.agenda import services
from app.agenda.models import Visibility
from app.agenda.render import agenda_html, agenda_pdf
from app.calendar.services import build_calendar
from app.cli import logistics
from app.cli import protocol as protocol_cli
from app.cli.common import meeting_by_slug
from app.doc_register import services as doc_register
from app.doc_register.models import DocumentStatus
from app.i18n import TranslatedText, normalise_locale
from app.minutes.documents import minutes_pdf
from app.minutes.services import languages, minutes_of
from app.registration import documents
from app.registration.services import participants
from app.resolutions.documents import resolution_pdf
from app.resolutions.services import by_number
from app.urls import public_url


def init_app(app: Flask) -> None:
    app.cli.add_command(export)


@click.command("export")
@with_appcontext
@click.argument("kind", type=click.Choice(["agenda", "participants", "badges", "resolution",
                                           "minutes", "documents", *protocol_cli.EXPORTS,
                                           *logistics.EXPORTS]))
@click.argument("meeting_slug")
@click.argument("number", type=int, required=False)
@click.option("--format", "fmt", type=click.Choice(["pdf", "ics", "html", "csv", "xlsx"]),
              default="pdf", show_default=True,
              help="agenda: pdf, ics or html; participants and rooming-list: pdf, csv or xlsx; "
                   "badges: pdf.")
@click.option("--lang", default="en", show_default=True,
              help="One of the 15 UI locales (documents: also 'all').")
@click.option("--draft", is_flag=True, help="The live agenda instead of the published one.")
@click.option("--category", "categories", multiple=True,
              type=click.Choice([kind.value for kind in CategoryKind]),
              help="badges: only this accreditation category (repeatable), each badge with "
                   "its category's colour and areas.")
@click.option("--layout", type=click.Choice(protocol_cli.LAYOUTS),
              help="seating-plan: the layout (default: the meeting's choice).")
@click.option("--paper", type=click.Choice(protocol_cli.PAPERS),
              help="seating-plan: A3 or A4 landscape (default: the meeting's choice).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
def export(kind: str, meeting_slug: str, number: int | None, fmt: str, lang: str, draft: bool,
           layout: str | None, paper: str | None,
           categories: tuple[str, ...], output: str):
    """Write the same file the web pages offer (the public and delegate items)."""
    every_language = kind == "documents" and lang == "all"
    locale = None if every_language else normalise_locale(lang)
    if not every_language and (locale is None or locale.replace("_", "-").lower()
                               != lang.replace("_", "-").lower()):
        raise click.BadParameter(f"{lang!r} is not one of the UI locales", param_hint="--lang")
    meeting = meeting_by_slug(meeting_slug, "MEETING")
    if kind != "agenda":
        exporters = {"documents": lambda: _documents_zip(meeting, locale),
                     "resolution": lambda: _resolution_export(meeting, number, fmt, locale),
                     "minutes": lambda: _minutes_export(meeting, fmt, locale),
                     **protocol_cli.exporters(kind, meeting, fmt, locale, layout, paper),
                     **{name: (lambda name=name: logistics.export(name, meeting, fmt, locale))
                        for name in logistics.EXPORTS}}
        if categories and kind != "badges":
            raise click.BadParameter("only badges are chosen by category",
                                     param_hint="--category")
        if categories:
            exporters["badges"] = lambda: _category_badges(meeting, list(categories), locale)
        data = exporters.get(kind, lambda: _registration_export(kind, meeting, fmt, locale))()
        with open(output, "wb") as handle:
            handle.write(data)
        click.echo(f"Wrote {output} ({len(data):,} bytes).")
        return
    if fmt not in ("pdf", "ics", "html"):
        raise click.BadParameter("the agenda is exported as pdf, ics or html",
                                 param_hint="--format")
    version = None if draft else services.latest_version(meeting)
    if version is None and not draft:
        raise click.ClickException("The agenda has not been published; use --draft.")
    snapshot = version.snapshot if version else services.serialize(meeting)
    levels = {Visibility.PUBLIC, Visibility.DELEGATES}
    if fmt == "ics":
        title = TranslatedText(meeting.title).resolve(locale, meeting.working_language).text
        data = build_calendar(meeting, services.visible_items(snapshot, levels), locale,
                              name=title, link=public_url("agenda.read", slug=meeting.slug),
                              stamp=version.published_at if version else None)
    else:
        data = agenda_pdf(meeting, snapshot, version, levels, locale) if fmt == "pdf" \
            else agenda_html(meeting, snapshot, version, levels, locale).encode()
    with open(output, "wb") as handle:
        handle.write(data)
    click.echo(f"Wrote {output} ({len(data):,} bytes).")


def _documents_zip(meeting, locale: str | None) -> bytes:
    """The meeting's issued public and participants' documents as one ZIP (every language, or
    one), as participants download it."""
    levels = {Visibility.PUBLIC, Visibility.DELEGATES}
    found = doc_register.listing(meeting, levels, secretariat=False)
    issued = [doc for doc in found.documents if doc.status == DocumentStatus.ISSUED]
    return doc_register.meeting_zip(meeting, issued, locale)


def _minutes_export(meeting, fmt: str, locale: str) -> bytes:
    if fmt != "pdf":
        raise click.BadParameter("the minutes are exported as pdf", param_hint="--format")
    minutes = minutes_of(meeting)
    if locale not in languages(minutes):
        raise click.ClickException(f"The minutes have no text in {locale}.")
    return minutes_pdf(meeting, minutes, locale)


def _resolution_export(meeting, number: int | None, fmt: str, locale: str) -> bytes:
    if fmt != "pdf":
        raise click.BadParameter("a resolution is exported as pdf", param_hint="--format")
    if number is None:
        raise click.BadParameter("give the resolution's number", param_hint="NUMBER")
    resolution = by_number(meeting, number)
    if resolution is None:
        raise click.BadParameter(f"no resolution {number} at {meeting.slug}",
                                 param_hint="NUMBER")
    if resolution.text_in(locale) is None:
        raise click.ClickException(f"Resolution {number} has no text in {locale}.")
    return resolution_pdf(resolution, locale)


def _category_badges(meeting, kinds: list[str], locale: str) -> bytes:
    rows = accreditation_documents.badges(meeting, locale, kinds=kinds)
    if not rows:
        raise click.ClickException("No approved accreditation in these categories.")
    return accreditation_documents.badges_pdf(meeting, rows, locale)


def _registration_export(kind: str, meeting, fmt: str, locale: str) -> bytes:
    allowed = {"participants": ("pdf", "csv", "xlsx"), "badges": ("pdf",)}[kind]
    if fmt not in allowed:
        raise click.BadParameter(f"{kind} are exported as {', '.join(allowed)}",
                                 param_hint="--format")
    rows = participants(meeting, locale)
    if kind == "badges":
        if not rows:
            raise click.ClickException("No approved registration to print a badge for.")
        return documents.badges_pdf(meeting, rows, locale)
    if fmt == "csv":
        return documents.participants_csv(rows, locale).encode()
    if fmt == "xlsx":
        title = TranslatedText(meeting.title).resolve(locale, meeting.working_language)
        return documents.participants_xlsx(rows, locale, title.text)
    return documents.participants_pdf(meeting, rows, locale)

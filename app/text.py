"""What every way in (web form, CLI, import) does to typed input before a service keeps it:
the three shapes of free text, e-mail addresses, and dates bounded to a sane window."""
from __future__ import annotations

from datetime import date

import flask_babel
from email_validator import EmailNotValidError, validate_email

from app.errors import DomainError

# Dates: every date typed into the app lies in a sane window, so that a slip of the keyboard
# (1900-01-01, 20255-11-11) is refused with a message instead of being stored.

def date_window(meeting=None, *, before: int = 5, after: int = 10) -> tuple[date, date]:
    """From 1 January `before` years before the meeting's (or this) year to 31 December
    `after` years after it."""
    first = meeting.start_date.year if meeting is not None else date.today().year
    last = meeting.end_date.year if meeting is not None else date.today().year
    return date(first - before, 1, 1), date(last + after, 12, 31)


def date_message(first: date, last: date) -> str:
    return flask_babel.gettext("Enter a date between %(first)s and %(last)s.",
                               first=flask_babel.format_date(first, "long"),
                               last=flask_babel.format_date(last, "long"))


def check_date(value: date | None, field: str | None, first: date, last: date, *,
               error: type[DomainError] = DomainError) -> date | None:
    """A date (or None) within [first, last]; otherwise the error, naming the window."""
    if value is not None and not first <= value <= last:
        raise error(date_message(first, last), field)
    return value


# The three shapes of free text. Every way in (web form, CLI, import) cleans with these, so
# nothing unprintable is stored and no line break can reach an e-mail header or a title.

def _printable(text: str, keep: str = "") -> str:
    """Control and format characters dropped; a line break or tab not kept becomes a space,
    so that words it separated stay apart."""
    return "".join(c if c.isprintable() or c in keep else " " if c.isspace() else ""
                   for c in text)


def _checked(text: str, field: str | None, limit: int, required: bool, error) -> str:
    if required and not text:
        raise error(flask_babel.gettext("This field is required."), field)
    if len(text) > limit:
        raise error(flask_babel.ngettext("At most %(num)d character.",
                                         "At most %(num)d characters.", limit), field)
    return text


def one_line(value: str | None, field: str | None, *, limit: int = 200,
             required: bool = False, error: type[DomainError] = DomainError) -> str:
    """A name, title or place: one line; control characters go, runs of spaces become one."""
    return _checked(" ".join(_printable(value or "").split()), field, limit, required, error)


def paragraphs(value: str | None, field: str | None, *, limit: int = 1000,
               required: bool = False, error: type[DomainError] = DomainError) -> str:
    """A note or an address block: line breaks kept, each line cleaned as `one_line`."""
    text = "\n".join(" ".join(_printable(line).split())
                     for line in (value or "").splitlines()).strip()
    return _checked(text, field, limit, required, error)


def markdown_text(value: str | None, field: str | None, *, limit: int = 100_000,
                  required: bool = False, error: type[DomainError] = DomainError) -> str:
    """Text in Markdown: indentation, tabs and line breaks kept as typed (they carry meaning),
    control characters and trailing spaces gone."""
    text = "\n".join(line.rstrip() for line in
                     _printable(value or "", "\n\t").splitlines()).strip()
    return _checked(text, field, limit, required, error)


def email_address(value: str | None, field: str | None, *,
                  error: type[DomainError] = DomainError) -> str:
    """An e-mail address as stored everywhere: checked for form (not deliverability),
    normalised and in lower case."""
    try:
        return validate_email((value or "").strip(), check_deliverability=False) \
            .normalized.lower()
    except EmailNotValidError as exc:
        raise error(flask_babel.gettext(
            "Enter a valid e-mail address, for example name@agency.gov."), field) from exc

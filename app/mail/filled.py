"""An e-mail rendered once per language and shape, then filled in for each recipient.

A notice sent on every registration (issue 24: a form post should cost a few milliseconds)
renders the same two templates with the same sentences each time; only a few values change
(the person's name, the reference, the sign-in link). `render_filled` renders the text and
HTML templates once per (kind, language, fixed values, which values are empty) with a marker
where each value goes, keeps the result on the application, and puts each recipient's values
in place of the markers.

The result is the template's own output, character for character, which the tests compare:
  - a value is put in place only where the template prints it as it is (a marker cannot be
    tested, cut or changed by the template without the difference showing in the markers
    left or lost, which sends that shape to the template every time, see below);
  - an empty value is passed as it is (a template may test it) and is part of the key;
  - a value with a line break, a character HTML escapes (& < > " ') or the marker's own
    character is not filled in: that e-mail is rendered by the template, as before. So the
    HTML, where the marker stands for the escaped value, and a plain-text part included in it
    (not escaped) print the same thing;
  - an object passed for its attributes (`Slots`) raises on any attribute it was not given,
    so that a template reading another one is seen at once instead of printing it empty.
"""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import force_locale

from app.i18n import html_lang, text_direction

MARK = "\x1e"  # ASCII record separator: in no translation, no value we fill in, not escaped
_CACHE = "mail_filled"
_LIMIT = 2000  # shapes kept per application (languages × kinds × events: a few hundred)


class NotASlot(LookupError):
    """A template read an attribute that was not given as a slot."""


class Slots:
    """Attributes a template reads from an object (registration.display_name), as markers."""

    def __init__(self, **values: str):
        self.__dict__.update(values)

    def __getattr__(self, name: str):
        raise NotASlot(name)


def _fillable(value) -> bool:
    return isinstance(value, str) and not any(c in value for c in "\n\r&<>\"'" + MARK)


def render_filled(kind: str, language: str, subject: str, *, fixed: dict,
                  values: dict[str, str], objects: dict[str, dict[str, str]] | None = None
                  ) -> tuple[str, str]:
    """The text and HTML of templates/mail/<kind>.{txt,html} in `language`, as
    render_template would give them with `fixed` (hashable: part of the key), `values`
    (strings) and `objects` (name → the attributes the template reads from it) in the
    context, and the subject. Rendered once per shape; filled in for each call."""
    objects = objects or {}
    slots = {"subject": subject, **values,
             **{f"{name}.{attr}": value for name, attrs in objects.items()
                for attr, value in attrs.items()}}
    empty = frozenset(name for name, value in slots.items() if not value)
    if not all(_fillable(value) for name, value in slots.items() if name not in empty):
        return _render(kind, language, subject, fixed, values, objects)
    key = (kind, language, tuple(sorted(fixed.items())), empty,
           tuple(sorted(slots)))
    cache = current_app.extensions.setdefault(_CACHE, {})
    shape = cache.get(key)
    if shape is None:
        shape = _shape(kind, language, fixed, slots, empty, objects)
        if len(cache) < _LIMIT:
            cache[key] = shape
    if shape is False:  # this shape does not fill in: the template every time
        return _render(kind, language, subject, fixed, values, objects)
    order, text, html = shape
    for index, name in enumerate(order):
        marker = f"{MARK}{index}{MARK}"
        text = text.replace(marker, slots[name])
        html = html.replace(marker, slots[name])
    return text, html


def _render(kind: str, language: str, subject: str, fixed: dict, values: dict,
            objects: dict) -> tuple[str, str]:
    context = {**fixed, **values, **{name: Slots(**attrs) for name, attrs in objects.items()}}
    with force_locale(language):
        context.update(lang=html_lang(language), dir=text_direction(language), subject=subject)
        return (render_template(f"mail/{kind}.txt", **context),
                render_template(f"mail/{kind}.html", **context))


def _shape(kind: str, language: str, fixed: dict, slots: dict[str, str], empty: frozenset,
           objects: dict) -> tuple[list[str], str, str] | bool:
    """The templates rendered with a numbered marker for each value that is not empty; False
    when they do not print each marker as it is (tested, cut or changed)."""
    order = sorted(name for name in slots if name not in empty)
    marked = {name: ("" if name in empty else f"{MARK}{order.index(name)}{MARK}")
              for name in slots}
    values = {name: marked[name] for name in slots if "." not in name and name != "subject"}
    attrs = {name: {attr: marked[f"{name}.{attr}"] for attr in given}
             for name, given in objects.items()}
    try:
        text, html = _render(kind, language, marked["subject"], fixed, values, attrs)
    except NotASlot:
        return False
    for part in (text, html):
        left = part
        for name in order:
            left = left.replace(marked[name], "")
        if MARK in left:  # a marker cut or changed
            return False
    return order, text, html

"""One field for a text in every language: one input per language named <text>_<code>, a
{code: text} dict as data, each input's own errors, and a service's error by its input."""
from __future__ import annotations

from werkzeug.datastructures import MultiDict
from wtforms import TextAreaField

from app.errors import DomainError
from app.i18n import LOCALES
from app.web.forms import AppForm, MultilingualField, attach_error


class _Form(AppForm):
    title = MultilingualField(max_length=10, labels=lambda name: f"Title ({name})")
    body = MultilingualField(text_field=TextAreaField, max_length=50,
                             labels=lambda name: f"Body ({name})")


def _form(app, data=None):
    with app.test_request_context("/?lang=fr", method="POST" if data else "GET", data=data):
        form = _Form(meta={"csrf": False}) if data is None else _Form(
            formdata=MultiDict(data), meta={"csrf": False})
        return form, form.validate() if data else None, [
            (f.name, f.id, f.label.text, f()) for f in (form.title["th"], form.body["ar"])]


def test_one_input_per_language_named_by_text_and_code(app):
    form, _ok, rendered = _form(app)
    assert [field.name for field in form.title] == [f"title_{code}" for code in LOCALES]
    (name, id_, label, html), (body_name, _id, _label, body_html) = rendered
    assert (name, id_) == ("title_th", "title_th")
    assert label == "Title (thaï)"  # the language named in the reader's language
    assert 'name="title_th"' in html and body_name == "body_ar" and "<textarea" in body_html


def test_data_is_a_dict_of_every_language_and_fills_back(app):
    form, ok, _ = _form(app, {"title_en": "Agenda", "title_th": "วาระ", "body_ko": "본문"})
    assert ok
    assert form.title.data == {code: {"en": "Agenda", "th": "วาระ"}.get(code, "")
                               for code in LOCALES}
    assert form.body.data["ko"] == "본문"
    form.title.data = {"fr": "Ordre du jour", "xx": "ignored"}
    assert form.title["fr"].data == "Ordre du jour" and "xx" not in form.title.data


def test_each_input_keeps_its_own_errors_and_a_service_error_finds_its_input(app):
    form, ok, _ = _form(app, {"title_km": "x" * 11})
    assert not ok
    assert list(form.title.errors) == ["km"] and form.title["km"].errors
    assert "title" in form.errors and not form.title["en"].errors
    with app.test_request_context("/"):
        attach_error(form, DomainError(errors=[("Give the title in English.", "title_en"),
                                               ("Too long.", "body_lo")]))
    assert form.title["en"].errors == ["Give the title in English."]
    assert form.body["lo"].errors == ["Too long."]

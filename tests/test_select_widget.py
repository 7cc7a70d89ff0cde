"""The app's select widget writes the same HTML as WTForms' own, option for option, and is
used by every select of every form."""
from __future__ import annotations

import importlib
import pkgutil

import pytest
import wtforms
from babel import Locale
from flask_babel import lazy_gettext
from markupsafe import Markup
from wtforms import Form, validators, widgets
from wtforms.fields.choices import SelectFieldBase

import app.web
from app.web.forms import Select, SelectField, SelectMultipleField

COUNTRIES = [("", "—"), *sorted(Locale.parse("fr").territories.items())]


def _pair(field_class, stock_class, data, **field_args):
    class Ours(Form):
        f = field_class(**field_args)

    class Stock(Form):
        f = stock_class(**field_args)

    return Ours(data={"f": data}).f, Stock(data={"f": data}).f


@pytest.mark.parametrize(("choices", "data", "coerce"), [
    (COUNTRIES, "FR", str),
    (COUNTRIES, None, str),
    ([("a", "Ampersand & <b>"), ("q", 'Quote " \''), ("", "")], "q", str),
    ([(1, "One"), (2, "Two"), (3, "Three")], 2, int),
    ([(True, "Yes"), (False, "No")], False, bool),
    ([("x", lazy_gettext("Delegate")), ("y", Markup("<em>safe</em>"))], "y", str),
])
def test_the_same_html_as_the_stock_select(app, choices, data, coerce):
    with app.test_request_context():
        ours, stock = _pair(SelectField, wtforms.SelectField, data, choices=choices,
                            coerce=coerce)
        assert str(ours()) == str(stock())
        kwargs = {"aria_describedby": "f-hint f-error", "aria_invalid": "true",
                  "autocomplete": "country", "class_": "wide"}
        assert str(ours(**kwargs)) == str(stock(**kwargs))


def test_the_same_html_for_several_chosen_and_required(app):
    choices = [(1, "English"), (2, "한국어"), (3, "العربية")]
    with app.test_request_context():
        ours, stock = _pair(SelectMultipleField, wtforms.SelectMultipleField, [1, 3],
                            choices=choices, coerce=int,
                            validators=[validators.InputRequired()])
        assert str(ours()) == str(stock())
        assert 'multiple' in str(ours()) and "required" in str(ours())
        assert str(ours()).count(" selected ") == 2


def test_groups_and_option_attributes_go_the_stock_way(app):
    with app.test_request_context():
        groups = {"Asia": [("KR", "Korea")], "Europe": [("FR", "France")]}
        ours, stock = _pair(SelectField, wtforms.SelectField, "FR", choices=groups)
        assert str(ours()) == str(stock()) and "<optgroup" in str(ours())
        with_kw = [("a", "A", {"disabled": True}), ("b", "B", {})]
        ours, stock = _pair(SelectField, wtforms.SelectField, "b", choices=with_kw)
        assert str(ours()) == str(stock()) and "disabled" in str(ours())


def test_every_select_of_the_web_layer_uses_the_fast_widget():
    for module in pkgutil.walk_packages(app.web.__path__, "app.web."):
        importlib.import_module(module.name)
    forms = []
    pending = [Form, *wtforms.Form.__subclasses__()]
    seen = set()
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("app."):
            forms.append(cls)
    selects = [(form, name, unbound) for form in forms
               for name, unbound in vars(form).items()
               if isinstance(unbound, wtforms.fields.core.UnboundField)
               and issubclass(unbound.field_class, SelectFieldBase)
               and not issubclass(unbound.field_class, wtforms.RadioField)]
    assert len(selects) > 40
    # a list of check boxes (ListWidget) is not a select
    slow = [f"{form.__module__}.{form.__name__}.{name}" for form, name, unbound in selects
            if not isinstance(unbound.kwargs.get("widget") or unbound.field_class.widget,
                              Select | widgets.ListWidget)]
    assert not slow, slow

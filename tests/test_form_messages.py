"""WTForms' own messages speak the reader's language: every message a validator or field used
by our forms can give is in app/web/forms.py WTFORMS_MESSAGES (so extracted into the catalogues)
and translated in every one of them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.i18n import LOCALES
from app.web.forms import WTFORMS_MESSAGES
from tests.test_i18n import catalogue

ROOT = Path(__file__).resolve().parents[1]
#: What each validator class gives when no message= is passed. A validator not listed here
#: fails the test until its messages are added (here and to WTFORMS_MESSAGES).
VALIDATOR_MESSAGES = {
    "DataRequired": ["This field is required."],
    "InputRequired": ["This field is required."],
    "FileRequired": ["This field is required."],
    "Optional": [],
    "Length": ["Field cannot be longer than %(max)d character.",
               "Field must be at least %(min)d character long.",
               "Field must be exactly %(max)d character long.",
               "Field must be between %(min)d and %(max)d characters long."],
    "Email": ["Invalid email address."],
    "Regexp": ["Invalid input."],
    "NumberRange": ["Number must be at least %(min)s.", "Number must be at most %(max)s.",
                    "Number must be between %(min)s and %(max)s."],
    "FileAllowed": ["File does not have an approved extension: %(extensions)s"],
    "DateWithin": [],  # ours: app/web/forms.py, translated message
}
FIELD_MESSAGES = ["Not a valid choice.", "Invalid Choice: could not coerce.",
                  "Not a valid date value.", "Not a valid time value.",
                  "Not a valid integer value.",
                  "'%(value)s' is not a valid choice for this field."]


def _msgid(text) -> str:
    return text._args[0]


def listed() -> set[str]:
    return {_msgid(text) for text in WTFORMS_MESSAGES}


def test_every_validator_the_forms_use_has_its_messages_listed():
    used = set()
    for path in (ROOT / "app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "validators" in text:
            used |= set(re.findall(r"\b([A-Z][A-Za-z]+)\(", text)) & (
                set(VALIDATOR_MESSAGES) | _stock_validators())
    unknown = used - set(VALIDATOR_MESSAGES)
    assert not unknown, f"add the messages of {unknown} to WTFORMS_MESSAGES and this test"
    wanted = {m for name in used for m in VALIDATOR_MESSAGES[name]} | set(FIELD_MESSAGES)
    assert sorted(wanted - listed()) == []


def _stock_validators() -> set[str]:
    import flask_wtf.file
    import wtforms.validators

    return {name for module in (wtforms.validators, flask_wtf.file) for name in dir(module)
            if name[:1].isupper() and callable(getattr(module, name))
            and name not in ("ValidationError", "StopValidation", "FileField",
                             "MultipleFileField", "FileStorage")}


@pytest.mark.parametrize("locale", [code for code in LOCALES if code != "en"])
def test_every_wtforms_message_is_translated(locale):
    translations = catalogue(locale)
    missing = []
    for text in WTFORMS_MESSAGES:
        if hasattr(text, "_args") and len(text._args) == 3:  # lazy_ngettext
            singular, plural, _n = text._args
            if translations.ngettext(singular, plural, 100) == plural:
                missing.append(singular)
        elif translations.gettext(_msgid(text)) == _msgid(text):
            missing.append(_msgid(text))
    assert missing == []


def test_a_101_character_value_on_a_thai_page_gets_the_thai_message(app, client, demo):
    from tests.conftest import csrf_token, sign_in_staff
    from tests.registration.test_every_error_at_once import field_error

    sign_in_staff(app, client)
    th = catalogue("th")
    form_url = "/meetings/bc-2025-seoul/registration/delegations/mps-vn/new?lang=th"
    page = client.get(form_url).get_data(as_text=True)
    response = client.post(form_url, data={
        "csrf_token": csrf_token(page), "family_name": "N" * 101, "email": "a@b.example.com",
        "nationality": "VN", "role": "delegate"}).get_data(as_text=True)
    expected = th.ngettext("Field cannot be longer than %(max)d character.",
                           "Field cannot be longer than %(max)d characters.", 100) % {"max": 100}
    assert field_error(response, "family_name") == expected
    assert "Field cannot be longer" not in response

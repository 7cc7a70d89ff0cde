"""Every audit action key recorded anywhere in the code has a label, and the log shows the
labels in the reader's language with the raw key kept as a small technical line."""
from __future__ import annotations

import re
from pathlib import Path

from app.agenda.models import ItemStatus
from app.audit.actions import ACTIONS
from app.registration.models import RegistrationStatus
from app.resolutions.models import AmendmentState, ResolutionState
from tests.audit.test_log import _sign_in_admin
from tests.test_i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(r"(?<![\w.])record\(\s*([^,)]+)")
LITERAL = re.compile(r'"([a-z_]+\.[a-z_]+)"')
#: The calls whose key is built at run time, with every key they can build. A new call of
#: this kind fails the test until it is listed here (and its keys labelled).
DYNAMIC = {
    ("app/registration/services.py", 'f"registration.{status.value}"'):
        {f"registration.{s.value}" for s in RegistrationStatus if s != RegistrationStatus.PENDING},
    ("app/agenda/services.py", 'f"agenda.item_{status.value}"'):
        {f"agenda.item_{s.value}" for s in ItemStatus},
    ("app/agenda/services.py", "action"): {"agenda.item_created", "agenda.item_changed"},
    ("app/web/auth/views.py", 'f"auth.sign_in_{method}"'):
        {"auth.sign_in_link", "auth.sign_in_password", "auth.sign_in_password_totp"},
    ("app/resolutions/services.py", 'f"resolutions.{state.value}"'):
        {f"resolutions.{s.value}" for s in ResolutionState},
    ("app/resolutions/services.py", '"resolutions.amendment_" + amendment.state.value'):
        {f"resolutions.amendment_{s.value}" for s in AmendmentState},
    ("app/invitations/services.py", "action"): {"invitations.added", "invitations.changed"},
    ("app/audit/services.py", "action: str"): set(),  # the definition itself
    ("app/documents/text_layer.py", "*args"): set(),  # records drawing calls, not actions
}


def recorded_keys() -> set[str]:
    keys, unknown = set(), []
    for path in sorted((ROOT / "app").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        for call in CALL.finditer(path.read_text(encoding="utf-8")):
            argument = call.group(1).strip()
            literals = LITERAL.findall(argument)
            if (name, argument) in DYNAMIC:
                keys |= DYNAMIC[(name, argument)]
            elif literals and re.fullmatch(r'("[a-z_.]+"|\s|if|else|\w)+', argument):
                keys.update(literals)  # "a" or `"a" if x else "b"`
            else:
                unknown.append((name, argument))
    assert not unknown, f"record() calls with a key this test cannot read: {unknown}"
    return keys


def test_every_recorded_action_has_a_label():
    keys = recorded_keys()
    assert len(keys) > 60
    assert "minutes.saved" in keys and "registration.sensitive_access" in keys
    assert sorted(keys - set(ACTIONS)) == []


def test_every_label_is_translated_in_every_language():
    from app.i18n import LOCALES

    for locale in LOCALES:
        if locale == "en":
            continue
        translations = catalogue(locale)
        missing = [key for key, text in ACTIONS.items()
                   if translations.gettext(text._args[0]) == text._args[0]]
        assert missing == [], locale


def test_the_log_shows_translated_labels_with_the_raw_key_aside(app, client, db, demo):
    from app.audit.services import record

    record("registration.sensitive_access", None)
    record("minutes.saved", None)
    db.session.commit()
    _sign_in_admin(app, client)
    html = client.get("/audit/?lang=fr").get_data(as_text=True)
    fr = catalogue("fr")
    for key, english in (("registration.sensitive_access", "Passport data viewed"),
                         ("minutes.saved", "Minutes saved")):
        assert f'<span class="audit-action">{fr.gettext(english)}</span>' in html
        assert f"<code>{key}</code>" in html
    assert fr.gettext("Passport data viewed") != "Passport data viewed"
    assert ">Passport data viewed<" not in html

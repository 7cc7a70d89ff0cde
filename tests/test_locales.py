"""Every locale, end to end: no English catalogue string left on the pages, e-mails in the
reader's language, and resolution 1 printed in each locale's script with an embedded font."""
from __future__ import annotations

import html
import re

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from app.i18n import LOCALES
from tests.conftest import base_letters, pdf_text, sign_in, sign_in_staff
from tests.test_i18n import catalogue

OTHER = [code for code in LOCALES if code != "en"]
TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def _english_strings(locale: str) -> set[str]:
    """Catalogue strings that this locale translates differently: seeing one on a page in that
    locale means something escaped translation. Short words (PDF, OK) are left out."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "translations"
    with (root / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        translated = read_po(handle, locale=locale)
    found = set()
    for message in translated:
        if not message.id or isinstance(message.id, tuple):
            continue
        if PLACEHOLDER.search(message.id) or len(message.id) < 14 or " " not in message.id:
            continue
        if message.string and message.string != message.id:
            found.add(message.id)
    return found


def _visible_text(page: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", page)).split())


PAGES = ("/meetings/{slug}/", "/meetings/{slug}/agenda", "/meetings/{slug}/registration/",
         "/meetings/{slug}/resolutions/", "/meetings/{slug}/resolutions/1",
         "/meetings/{slug}/minutes/", "/meetings/{slug}/invitations/",
         "/meetings/{slug}/registration/check-in", "/series/breaking-chains/",
         "/meetings/{slug}/agenda/edit")


@pytest.mark.one_database  # the templates' and catalogues' words, not the data
@pytest.mark.parametrize("locale", OTHER)
def test_pages_show_no_untranslated_catalogue_string(app, demo, locale):
    client = app.test_client()
    sign_in_staff(app, client)
    english = _english_strings(locale)
    left = []
    for template in PAGES:
        url = template.format(slug=demo) + f"?lang={locale}"
        response = client.get(url)
        assert response.status_code == 200, url
        text = _visible_text(response.get_data(as_text=True))
        left += [f"{url}: {s!r}" for s in english if s in text]
    assert left == []


@pytest.mark.parametrize("locale", LOCALES)
def test_sign_in_e_mail_comes_in_the_readers_language(app, client, db, demo, locale):
    from app.auth.models import User
    from app.mail.models import OutboxMessage
    from tests.conftest import csrf_token

    user = db.session.scalar(select(User).where(User.email == "delegate.kh@cnp.example.com"))
    user.locale = locale
    db.session.commit()
    page = client.get(f"/auth/sign-in?lang={locale}")
    client.post(f"/auth/sign-in?lang={locale}", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)),
        "email": "delegate.kh@cnp.example.com"})
    message = db.session.scalar(select(OutboxMessage).where(
        OutboxMessage.recipient == "delegate.kh@cnp.example.com")
        .order_by(OutboxMessage.id.desc()))
    assert message is not None and message.language == locale
    closing = catalogue(locale).gettext("Breaking Chains Secretariat")
    assert closing in message.body_text and closing in message.body_html
    if locale != "en":
        assert closing != "Breaking Chains Secretariat" or locale in ("fil", "ms", "id")


@pytest.mark.one_database
@pytest.mark.parametrize("locale", LOCALES)
def test_resolution_one_prints_in_each_locales_script_with_its_font(app, demo, locale,
                                                                     tmp_path):
    from app.demo import resolution as demo_resolution
    from tests.agenda.test_pdf import _covers, _fonts

    client = app.test_client()
    sign_in(app, client, "delegate.th@rtp.example.com")
    response = client.get(f"/meetings/{demo}/resolutions/1.pdf?lang={locale}")
    assert response.status_code == 200
    text = pdf_text(response.data)
    title = demo_resolution.TITLE[locale]
    assert base_letters(title)[:4] in base_letters(text)
    sample = next(c for c in title if c.isalpha())
    assert _covers(_fonts(response.data, tmp_path), ord(sample)), (locale, sample)

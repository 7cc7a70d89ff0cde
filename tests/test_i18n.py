"""Languages: locale choice, lang/dir, CLDR names and formats, visible fallback of content."""
from __future__ import annotations

import pytest
from babel.support import Translations

from app.config import ROOT
from app.i18n import LOCALES, TranslatedText, normalise_locale
from tests.conftest import sign_in


def catalogue(locale: str) -> Translations:
    return Translations.load(str(ROOT / "translations"), [locale])


@pytest.mark.parametrize("locale", LOCALES)
def test_agenda_renders_in_every_locale_with_lang_and_dir(app, client, demo, locale):
    sign_in(app, client, "head.th@rtp.example.com")
    response = client.get(f"/meetings/{demo}/agenda?lang={locale}")
    html = response.get_data(as_text=True)
    tag = locale.replace("_", "-")
    direction = "rtl" if locale == "ar" else "ltr"
    assert response.status_code == 200
    assert f'<html lang="{tag}" dir="{direction}">' in html
    assert catalogue(locale).gettext("Agenda") in html
    assert catalogue(locale).gettext("Skip to main content") in html


def test_unknown_or_hostile_locale_falls_back_without_error(client, demo):
    for value in ("xx", "../../etc/passwd", "<script>", "a" * 500, "zh_Hant_TW_x"):
        response = client.get(f"/meetings/{demo}/", query_string={"lang": value})
        assert response.status_code == 200
        assert "<script>" not in response.get_data(as_text=True).split("<body>")[0]


def test_chosen_language_is_remembered_on_the_next_page(client, demo):
    client.get(f"/meetings/{demo}/?lang=th")
    assert '<html lang="th"' in client.get("/").get_data(as_text=True)


def test_accept_language_picks_a_supported_locale(client, demo):
    cases = {"zh-CN,zh;q=0.9": "zh-Hans", "pt-BR": "pt", "tl-PH": "fil", "de-DE,ko;q=0.5": "ko",
             "es-419": "es", "de-DE": "en"}
    for header, expected in cases.items():
        fresh = client.application.test_client()
        html = fresh.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
        assert f'<html lang="{expected}"' in html, header


def test_the_persons_preference_comes_before_accept_language(app, client, demo):
    sign_in(app, client, "delegate.kh@cnp.example.com")  # preference: Khmer
    with client.session_transaction() as session:
        session.pop("lang", None)
    html = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="km"' in html


def test_switching_language_while_signed_in_updates_the_preference(app, client, db, demo):
    from sqlalchemy import select

    from app.auth.models import User
    from tests.conftest import csrf_token

    sign_in(app, client, "delegate.kh@cnp.example.com")
    client.get("/?lang=vi")  # a page in Vietnamese is not a choice
    db.session.expire_all()
    user = db.session.scalar(select(User).where(User.email == "delegate.kh@cnp.example.com"))
    assert user.locale == "km"
    page = client.get("/").get_data(as_text=True)
    client.post("/language", data={"csrf_token": csrf_token(page), "lang": "vi", "next": "/"})
    db.session.expire_all()
    assert db.session.get(User, user.id).locale == "vi"


def test_meeting_language_applies_when_the_browser_states_none(client, db, demo):
    from sqlalchemy import select

    from app.meetings.models import Meeting

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    meeting.working_language = "ko"
    db.session.commit()
    assert '<html lang="ko"' in client.get(f"/meetings/{demo}/").get_data(as_text=True)
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_missing_translation_of_content_is_shown_with_a_visible_note(app, client, db, demo):
    from app.agenda.models import AgendaItem, VersionKind
    from app.agenda.publication import publish
    from app.meetings.models import Meeting

    # the demo has every text in Lao: take one away and publish, as a meeting still being
    # translated would
    [item] = [i for i in db.session.query(AgendaItem).all() if i.title.get("en") ==
              "Launch of Operation Breaking Chains: objectives and framework"]
    item.title = {code: text for code, text in item.title.items() if code != "lo"}
    with app.test_request_context():
        publish(db.session.get(Meeting, item.meeting_id), VersionKind.PROVISIONAL, actor=None)
    db.session.commit()
    sign_in(app, client, "delegate.kh@cnp.example.com")
    html = client.get(f"/meetings/{demo}/agenda?lang=lo").get_data(as_text=True)
    assert '<span lang="en" dir="ltr">Launch of Operation Breaking Chains' in html
    assert "fallback-note" in html
    assert "ການຮັບຮອງວາລະກອງປະຊຸມ" in html  # an item that has a Lao title shows it


def test_country_names_come_from_cldr_in_the_readers_language(client, demo):
    assert "캄보디아" in client.get(f"/meetings/{demo}/?lang=ko").get_data(as_text=True)
    assert "كمبوديا" in client.get(f"/meetings/{demo}/?lang=ar").get_data(as_text=True)
    assert "ກຳປູເຈຍ" in client.get(f"/meetings/{demo}/?lang=lo").get_data(as_text=True)


def test_language_switcher_names_each_language_in_itself(client, demo):
    html = client.get("/?lang=ar").get_data(as_text=True)
    for own_name in ("한국어", "ไทย", "ខ្មែរ", "ລາວ", "العربية", "Tiếng Việt", "日本語"):
        assert own_name in html


def test_translated_text_falls_back_to_the_working_language_then_any():
    text = TranslatedText({"ko": "개회", "fr": "Ouverture"})
    assert text.resolve("ko", "en").text == "개회"
    fallback = text.resolve("th", "fr")
    assert (fallback.text, fallback.lang, fallback.is_fallback) == ("Ouverture", "fr", True)
    assert text.resolve("th", "en").lang == "ko"
    assert TranslatedText({"en": "A"}).missing(["en", "ko"]) == ["ko"]


def test_locale_tags_are_normalised():
    assert normalise_locale("zh-Hans-CN") == "zh_Hans"
    assert normalise_locale("KO-kr") == "ko"
    assert normalise_locale("in") == "id"
    assert normalise_locale("de") is None
    assert normalise_locale("") is None

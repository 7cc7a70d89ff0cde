"""Every accreditation page in every locale, in Chromium at a phone's width, with the checks
of the administration pages (tests/browser/test_administration_pages.py): no sideways
scrolling, <html lang dir> of the locale, no catalogue message left in English, and no serious
axe-core violation in English. These are the only walk of the accreditation blueprint's pages
(the administration walk leaves them to this one), so it checks that it walks all of them."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.i18n import LOCALES
from tests.browser.test_administration_pages import ADMIN, AXE, PHONE, _check, _data, _sign_in

pytestmark = pytest.mark.browser
#: The pages go in three runs, every page in every locale (English first: the others are
#: compared with it, and axe-core runs on it once per page).
RUNS = 3
NOT_PAGES = ("accreditation.badges", "accreditation.photo")  # a PDF, an image


def _addresses(db, demo) -> list[str]:
    from app.accreditation.models import Accreditation, AccreditationArea

    han = db.session.scalar(select(Accreditation).where(Accreditation.family_name == "Han"))
    plenary = db.session.scalar(select(AccreditationArea.id).where(
        AccreditationArea.code == "PL"))
    base = f"/meetings/{demo}/accreditation"
    return [f"{base}{path}" for path in (
        "/", "/?category=liaison&status=approved", "/settings", "/categories/press",
        "/categories/delegation", "/new", "/areas/new", f"/areas/{plenary}", f"/{han.id}",
        f"/{han.id}/edit",
        f"/verify/{han.badge_code}", "/press/apply")]


def _accreditation_data(db) -> set[str]:
    """What people typed (outlets, functions) and the areas' names: data, not messages."""
    from app.accreditation.models import Accreditation, AccreditationArea

    found = set()
    for row in db.session.scalars(select(Accreditation)):
        found.update(text for text in (row.organisation_name, row.function) if text)
    for area in db.session.scalars(select(AccreditationArea)):
        found.update(text for text in area.name.values() if text)
    return found


def test_every_page_of_the_blueprint_is_walked(app, db, demo):
    """A new page of the accreditation blueprint fails this test until it is in _addresses."""
    adapter = app.url_map.bind("localhost")
    walked = {adapter.match(path.split("?")[0], return_rule=True)[0].rule
              for path in _addresses(db, demo)}
    pages = {rule.rule for rule in app.url_map.iter_rules()
             if rule.endpoint.startswith("accreditation.") and "GET" in rule.methods
             and rule.endpoint not in NOT_PAGES}
    assert pages, "no page of the accreditation blueprint found"
    assert pages - walked == set(), "give these pages an address in _addresses"


@pytest.mark.parametrize("run", range(RUNS), ids=[f"pages-{i + 1}-of-{RUNS}"
                                                  for i in range(RUNS)])
def test_accreditation_pages_in_every_locale(app, db, demo, live_server, browser, run):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run 'make test-tools'")
    assert LOCALES[0] == "en"
    addresses = _addresses(db, demo)[run::RUNS]
    assert addresses
    data = _data(db) | _accreditation_data(db)
    english: dict[str, set[str]] = {}
    problems: list[str] = []
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(10000)
    page = context.new_page()
    _sign_in(page, live_server, app, ADMIN)
    for path in addresses:
        for lang in LOCALES:
            separator = "&" if "?" in path else "?"
            response = page.goto(f"{live_server}{path}{separator}lang={lang}")
            assert response.status == 200, f"{path}: {response.status}"
            _check(page, path, lang, english, data, problems)
    context.close()
    assert not problems, "\n".join(problems)

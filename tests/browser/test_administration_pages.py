"""Every page of the administration (issue 19) in every locale, in Chromium at a phone's width.

The pages: every GET route of the administration, staff, outbox (previews, circulars) and
password blueprints, the profile and sessions pages, the TOTP enrolment page, the page after
"Forgot your password?", and the forms of series, organisations, meetings, staff invitations
and circulars sent with bad input (their error messages). The routes are read from the app,
so a new page is checked (or the test says which value its address needs). For each page and
locale:

- the page is no wider than the phone (390 px): no horizontal scrolling;
- <html lang dir> name the locale (Arabic right to left);
- no English is left: a text of the page (or an alt, aria-label, placeholder, title) that is
  the same in the English rendering and is a message of the catalogue whose translation in
  this locale differs from the English (or is missing) is English left untranslated; names
  and other data are not messages, so they are not counted;
- axe-core (tests/tools) finds no serious or critical violation, in English (its rules are
  about markup, the same in every locale; contrast does not change with the language).

The pages go in three runs; each signs in once and walks its third of the pages in every
locale with one Chromium page, so the file splits over the suite's workers.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import select

from app.i18n import LOCALES
from tests.conftest import staff_credentials

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
ADMIN = "admin@knpa.example.com"
#: The blueprints of issue 19's pages, and the pages of other blueprints it added. Issue 19's
#: accreditation pages are walked, with the same checks, by test_accreditation_pages.py, which
#: checks that it walks every page of its blueprint: walked here too, ten of them were checked
#: twice (seven at the very same address), a quarter of this walk.
BLUEPRINTS = ("admin", "staff", "outbox", "passwords")
ENDPOINTS = ("auth.profile_page", "auth.sessions_page")
AXE_LOCALES = ("en",)
#: Forms checked once sent with bad input (instead of empty): route, query, form, values typed.
WITH_ERRORS = {
    "/admin/series/new": ("", "form.editor-form", {}),
    "/admin/organisations/new": ("", "form.editor-form", {}),
    "/admin/meetings/new": ("", "form.editor-form", {"#end_date": "2020-01-01"}),
    "/meetings/<slug>/staff/": ("", "form[aria-labelledby=invite]",
                                {"#email": "not an address"}),
    "/outbox/circulars/new": ("?meeting={slug}", "form.editor-form", {}),
}
#: Messages that are the same in a locale on purpose though its catalogue says otherwise:
#: none yet.
ALLOWED: set[tuple[str, str]] = set()

PAGE_FACTS = """() => {
  const skip = 'script, style, code, .language-switcher, [translate=no]';
  const root = document.documentElement;
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    const marked = parent.closest('[lang]');  // text marked as another language's is data
    if (marked && marked !== root && marked.lang !== root.lang) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) texts.push(text);
  }
  for (const el of document.body.querySelectorAll('[alt], [aria-label], [placeholder], [title]')) {
    if (el.closest(skip)) continue;
    for (const name of ['alt', 'aria-label', 'placeholder', 'title']) {
      const value = el.getAttribute(name);
      if (value && value.trim()) texts.push(value.replace(/\\s+/g, ' ').trim());
    }
  }
  texts.push(document.title.replace(/\\s+/g, ' ').trim());
  const width = root.clientWidth;
  const wide = [];
  if (root.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      const out = root.dir === 'rtl' ? box.left < -1 : box.right > width + 1;
      if (box.width && out && !el.closest('details:not([open]), .skip-link')) {
        let scroller = el.parentElement, inside = getComputedStyle(el).position === 'fixed';
        for (; scroller && scroller !== document.body; scroller = scroller.parentElement) {
          const style = getComputedStyle(scroller).overflowX;
          if (['auto', 'scroll', 'hidden'].includes(style) &&
              getComputedStyle(el).position !== 'absolute') { inside = true; break; }
        }
        const classes = typeof el.className === 'string' ? el.className.trim() : '';
        if (!inside) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
          (classes ? '.' + classes.replace(/\\s+/g, '.') : '') +
          ' [' + Math.round(box.left) + '..' + Math.round(box.right) + ']');
      }
    }
  }
  return {lang: root.lang, dir: root.dir, scroll: root.scrollWidth, width, texts,
          wide: wide.slice(0, 5)};
}"""


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


@cache
def _messages(locale: str) -> list[str]:
    """Every message (its English text) whose translation in `locale` is not the English text
    itself."""
    from babel.messages.pofile import read_po

    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    found = []
    for message in catalogue:
        if not message.id or all(path.startswith("app/demo/")
                                 for path, _line in message.locations):
            continue  # the demo's data (names of agencies, titles) is not the interface
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            literal = PLACEHOLDER.sub("", english)
            if not re.search(r"[A-Za-z]{2}", literal) or english in strings:
                continue  # a message of placeholders only, or English in this locale too
            found.append(english)
    return found


@cache
def _pattern(english: str) -> re.Pattern:
    """The English message with its placeholders as wildcards (made once for every locale)."""
    return re.compile("".join(
        r".+?" if PLACEHOLDER.fullmatch(piece) else re.escape(piece)
        for piece in re.split(r"(%\(\w+\)[sd]|%[sd])", " ".join(english.split()))))


@cache
def _plain_messages(locale: str) -> tuple[dict[str, str], list[tuple[re.Pattern, str, int]]]:
    """_messages split for speed: those without placeholders by their text, and the others
    as patterns, with the count of their own letters."""
    plain, patterned = {}, []
    for english in _messages(locale):
        literal = PLACEHOLDER.sub("", english)
        if literal != english:
            patterned.append((_pattern(english), english, _letters(literal)))
        else:
            plain[" ".join(english.split())] = english
    return plain, patterned


@cache
def _axe_source() -> str:
    return AXE.read_text()


def _data(db) -> set[str]:
    """The names and titles the pages show as data (in <option>s they cannot be marked with
    their language): every language's text of the organisations, series, meetings, rooms,
    and what was typed about accredited people (a function "Driver" is no message)."""
    from app.accreditation.models import Accreditation
    from app.meetings.models import Meeting, Organisation, Room, Series

    found = {" ".join(str(getattr(person, column) or "").split())
             for person in db.session.scalars(select(Accreditation))
             for column in ("family_name", "given_names", "native_name", "organisation_name",
                            "function")}
    for model, columns in ((Organisation, ("name", "short_name")), (Series, ("name",)),
                           (Meeting, ("title", "city", "venue")), (Room, ("name",))):
        for row in db.session.scalars(select(model)):
            for column in columns:
                found.update(" ".join(text.split()) for text in (getattr(row, column) or {})
                             .values() if text)
    return found


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _english_left(locale: str, texts: list[str], english_texts: set[str],
                  data: set[str]) -> list[str]:
    """The texts of the page that are messages of the catalogue left in English: the message's
    own words (not what fills its placeholders) make at least half the text's letters, so
    that "Isle of Man" is no "%(x)s of %(y)s"."""
    left = []
    plain = _plain_messages(locale)[0]
    for text in set(texts) & english_texts - data:
        bare = text.strip(" :·,;()[]—–-.…")
        english = plain.get(text) or plain.get(bare)
        if english is not None:
            if (locale, english) not in ALLOWED:
                left.append(text)
            continue
        if _matches_a_message(locale, text):
            left.append(text)
    return sorted(left)


@cache
def _matches_a_message(locale: str, text: str) -> bool:
    """Whether `text` is a message with placeholders left in English (see _english_left); kept
    per text, as the menus and headings come back on every page (some 500 patterns each)."""
    bare = text.strip(" :·,;()[]—–-.…")
    return any((pattern.fullmatch(text) or pattern.fullmatch(bare)) and
               2 * words >= _letters(bare) and (locale, english) not in ALLOWED
               for pattern, english, words in _plain_messages(locale)[1])


def _value_for(name: str, values: dict) -> str:
    if name not in values:
        pytest.fail(f"tests/browser/test_administration_pages.py: give a value for <{name}> "
                    "in _addresses, so that its page is checked")
    return values[name]


def _addresses(app, db, demo) -> list[tuple[str, str]]:
    """(a name, the address) of every page to check, with the data each one needs made
    first; the name is the same in every run (a token in the address is not)."""
    from app.auth import staff
    from app.auth.models import User
    from app.circulars import services as circulars
    from app.mail.models import OutboxMessage
    from app.meetings.models import Meeting, Organisation

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
    admin = db.session.scalar(select(User).where(User.email == ADMIN))
    admin.site_admin = True  # the demo's administrator runs one meeting; these pages need more
    staffer = db.session.scalar(select(User).where(User.email == "staff@knpa.example.com"))
    with app.test_request_context():
        invited, _created = staff.invite(meeting, name="Nadia Rahman",
                                         email="nadia.rahman@knpa.example.com", role="staff",
                                         locale="en", actor=admin)
        draft = circulars.write(meeting, subject={"en": "Shuttle times"},
                                body={"en": "The shuttle leaves at 8:00."}, audience="heads",
                                working_language_fallback=True, actor=admin)
        sent = circulars.write(meeting, subject={"en": "Dress code"},
                               body={"en": "Uniform at the opening."}, audience="heads",
                               working_language_fallback=True, actor=admin)
        circulars.send(sent, expected=len(circulars.planned(sent)), actor=admin)
        db.session.commit()
    link = next(re.search(r"/auth/password/invitation/[^\s?]+", m.body_text).group(0)
                for m in db.session.scalars(select(OutboxMessage))
                if m.recipient == invited.email)
    purpose, token = link.split("/")[-2:]
    values = {
        "slug": demo, "meeting_id": meeting.id, "series_id": meeting.series_id,
        "organisation_id": db.session.scalar(select(Organisation.id).order_by(Organisation.id)),
        "room_id": meeting.rooms[0].id if meeting.rooms else None,
        "user_id": staffer.id, "purpose": purpose, "token": token,
    }
    addresses = []
    for rule in app.url_map.iter_rules():
        endpoint = rule.endpoint
        if "GET" not in rule.methods or not (
                endpoint.split(".")[0] in BLUEPRINTS or endpoint in ENDPOINTS):
            continue
        if "circular_id" in rule.arguments:
            ids = [draft.id, sent.id]  # a draft's preview, a sent circular's log
        else:
            ids = [None]
        for circular_id in ids:
            path = rule.rule
            for name in rule.arguments:
                value = circular_id if name == "circular_id" else _value_for(name, values)
                path = re.sub(rf"<(?:[^:<>]+:)?{name}>|<any\([^)]*\):{name}>", str(value), path)
            addresses.append((rule.rule if circular_id is None else path, path))
    return sorted(addresses)


def _share(pages: list, run: int, cost) -> list:
    """The pages of run `run` of RUNS: the costliest first (`cost` of a page's name: its page
    loads per locale), each to the run with the least so far, so that the runs take about as
    long; the same shares in every run, as `pages` is."""
    shares: list[list] = [[] for _ in range(RUNS)]
    totals = [0] * RUNS
    for item in sorted(pages, key=lambda item: -cost(item[0])):  # stable: in their order
        least = totals.index(min(totals))
        shares[least].append(item)
        totals[least] += cost(item[0])
    return shares[run]


def _sign_in(page, base: str, app, email: str) -> None:
    credentials = staff_credentials(app)[email]
    page.goto(f"{base}/auth/staff?lang=en")
    page.locator("#email").fill(email)
    page.locator("#password").fill(credentials["password"])
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    page.locator("#code").fill(pyotp.TOTP(credentials["totp_secret"]).now())
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert "/auth/" not in page.url


def _pending_enrolment(page, base: str, db) -> str:
    """A new site administrator between the password step and TOTP enrolment."""
    from app.auth.models import User
    from app.auth.services import hash_password

    email, password = "new.admin@knpa.example.com", "a long enough password"
    db.session.add(User(email=email, name="New Administrator", site_admin=True,
                        password_hash=hash_password(password)))
    db.session.commit()
    page.goto(f"{base}/auth/staff?lang=en")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    return "/auth/totp"


def _check(page, url: str, locale: str, english: dict, data: set[str],
           problems: list[str]) -> None:
    facts = page.evaluate(PAGE_FACTS)
    where = f"{locale} {url}"
    direction = "rtl" if locale == "ar" else "ltr"
    if facts["lang"].replace("-", "_").split("_")[0] != locale.split("_")[0] or \
            facts["dir"] != direction:
        problems.append(f"{where}: <html lang={facts['lang']} dir={facts['dir']}>")
    if facts["scroll"] > facts["width"]:
        problems.append(f"{where}: {facts['scroll']} px wide on a {facts['width']} px phone: "
                        f"{facts['wide']}")
    if locale == "en":
        english[url] = set(facts["texts"])
    else:
        left = _english_left(locale, facts["texts"], english[url], data)
        if left:
            problems.append(f"{where}: English left: {left}")
    if locale in AXE_LOCALES:
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.evaluate(_axe_source())  # not a script tag: the site's CSP forbids inline
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                nodes = [node["target"] for node in violation["nodes"][:3]]
                problems.append(f"{where}: axe {violation['id']} ({violation['impact']}): "
                                f"{violation['help']} {nodes}")


#: The pages go in three runs (a third of them each, every page in every locale); a run signs
#: in once. English comes first for each page: the other locales are compared with it, and
#: axe-core runs on it, once per page in the whole suite (runs split by locale each needed the
#: English rendering and its axe run of every page again).
RUNS = 3


@pytest.mark.parametrize("run", range(RUNS), ids=[f"pages-{i + 1}-of-{RUNS}"
                                                  for i in range(RUNS)])
def test_administration_pages_in_every_locale(app, db, demo, live_server, browser, run):
    from app.extensions import limiter

    if not AXE.exists():
        pytest.fail("axe-core is missing: run 'make test-tools'")
    assert LOCALES[0] == "en"
    addresses = _addresses(app, db, demo)
    data = _data(db)
    english: dict[str, set[str]] = {}
    problems: list[str] = []

    def visit(page, key: str, goto) -> None:
        for lang in LOCALES:  # English first, for the comparison
            goto(lang)
            _check(page, key, lang, english, data, problems)

    def address(page, path: str):
        def goto(lang: str) -> None:
            separator = "&" if "?" in path else "?"
            response = page.goto(f"{live_server}{path}{separator}lang={lang}")
            assert response.status in (200, 400), f"{path}: {response.status}"
        return goto

    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(10000)
    page = context.new_page()

    def with_errors(path: str, form: str, fill: dict):
        """The form sent with bad input: the page with its errors (all to be translated)."""
        def goto(lang: str) -> None:
            page.goto(f"{live_server}{path}{'&' if '?' in path else '?'}lang={lang}")
            for selector, value in fill.items():
                page.locator(selector).fill(value)
            with page.expect_navigation():
                page.locator(f"{form} button[type=submit]").click()
            assert page.locator("main .error").count(), f"{path}: no error shown"
        return goto

    def reset_sent(lang: str) -> None:  # the same answer for any address
        page.goto(f"{live_server}/auth/password/forgot?lang={lang}")
        page.locator("#email").fill(f"nobody.{lang}@example.com")
        limiter.reset()  # 15 requests in a few seconds: more than a person may make a minute
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()

    pages = []  # (the page's name, how to open it in a locale), the same in every run
    for key, path in addresses:
        if key in WITH_ERRORS:  # the form with its errors holds all the plain page holds
            query, form, fill = WITH_ERRORS[key]
            pages.append((f"{key} (errors)", lambda path=path, query=query, form=form,
                          fill=fill: with_errors(path + query.format(slug=demo), form, fill)))
        else:
            pages.append((key, lambda path=path: address(page, path)))
    assert {f"{key} (errors)" for key in WITH_ERRORS} <= {key for key, _goto in pages}
    pages.append(("(after Forgot your password?)", lambda: reset_sent))
    pages.append(("/auth/totp", None))  # TOTP enrolment, in a browser of its own (below)
    mine = _share(pages, run, lambda key: 1 if key in {key for key, _path in addresses} else 2)
    assert mine

    _sign_in(page, live_server, app, ADMIN)
    for key, goto in mine:
        if goto is not None:
            visit(page, key, goto())
    context.close()
    if ("/auth/totp", None) in mine:  # a new site administrator between password and TOTP
        other = browser.new_context(viewport=PHONE)
        enrolment = other.new_page()
        visit(enrolment, "/auth/totp", address(enrolment, _pending_enrolment(
            enrolment, live_server, db)))
        other.close()
    assert not problems, "\n".join(problems)


def test_the_english_check_finds_messages_left_in_english():
    """The check above, on texts of known kinds: a message, a message with a value in it, a
    name that only looks like one, and the same message translated."""
    texts = ["Outbox", "Send to 12 recipients", "Isle of Man", "Boîte d’envoi"]
    assert _english_left("fr", texts, set(texts), set()) == ["Outbox", "Send to 12 recipients"]
    assert _english_left("fr", texts, set(texts), {"Outbox"}) == ["Send to 12 recipients"]

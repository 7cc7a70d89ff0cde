"""From an empty database to a sent invitation, in a real Chromium, with nothing but the
bootstrap command before it (issue 19).

The app here is a new one on a new SQLite file, migrated as in production (`flask db upgrade`),
served over real HTTP on its own thread, its e-mail delivered over SMTP to a local aiosmtpd
server by the outbox's "Send now". After `users create-secretariat --admin`, everything is done
in the browser: the site administrator enrols TOTP, makes a series, two organisations and a
meeting with rooms, invites a staff member (who follows the e-mailed link in a browser of
their own, chooses a password, enrols TOTP and signs in, in French), who writes the letter,
adds the two invitees and sends the invitations; the invitation e-mail arrives, in the
addressee's language, and its link opens the answer page.
"""
from __future__ import annotations

import re
import threading
from datetime import date, timedelta

import flask_migrate
import pyotp
import pytest
from werkzeug.serving import make_server

from app import create_app
from app.config import TestConfig
from app.extensions import db as _db

pytestmark = pytest.mark.browser
ADMIN = ("site.admin@secretariat.example.org", "Ada Administrator", "correct horse battery 1")
STAFFER = ("claire.martin@secretariat.example.org", "Claire Martin", "une phrase de passe sûre 7")
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def fresh_site(request, tmp_path, app, smtp_server):
    """A new app on an empty SQLite file, upgraded and bootstrapped, served on 127.0.0.1."""
    if request.node.callspec.params.get("app", "sqlite") != "sqlite":
        pytest.skip("the empty database is a new SQLite file: one run is enough")
    config = type("FreshSiteConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "INSTANCE_DIR": str(tmp_path)})
    site = create_app(config)
    server = make_server("127.0.0.1", 0, site, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    site.config.update(PUBLIC_URL=base, MAIL_URL=app.config["MAIL_URL"])
    with site.app_context():
        flask_migrate.upgrade()  # `flask --app app db upgrade`
    result = site.test_cli_runner().invoke(args=[
        "users", "create-secretariat", ADMIN[0], "--name", ADMIN[1], "--admin",
        "--password", ADMIN[2]])
    assert result.exit_code == 0, result.output
    assert "site administrator" in result.output
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    with site.app_context():
        _db.session.remove()
        _db.engine.dispose()


def _sign_in(page, base: str, email: str, password: str, secret_seen: list[str]) -> None:
    """The password step, then the TOTP step (enrolling on the first visit: the key is read
    from the page, as a person would type it into an authenticator app)."""
    page.goto(f"{base}/auth/staff")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/auth/totp")
    key = page.locator("figure.qr code")
    if key.count():
        assert page.locator("figure.qr img").get_attribute("src").startswith("data:image/svg")
        secret_seen.append(key.inner_text().strip())
    page.locator("#code").fill(pyotp.TOTP(secret_seen[-1]).now())
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert "/auth/totp" not in page.url, page.locator("main").inner_text()


def _fill(page, selector: str, value: str) -> None:
    """Fill an input, opening the language section (details) it is folded in, as a reader
    would."""
    field = page.locator(selector)
    if not field.is_visible():
        page.locator(f"details:has({selector}) > summary").click()
    field.fill(value)


def _submit(page, name: str | None = None) -> None:
    button = page.locator("main form.editor-form button[type=submit], main form button.button") \
        if name is None else page.get_by_role("button", name=name, exact=True)
    with page.expect_navigation():
        button.first.click()
    assert not page.locator("main .error, main [role=alert]").count(), \
        page.locator("main").inner_text()


def _send_now(page, base: str, smtp_server, expected: int) -> None:
    page.goto(f"{base}/outbox/")
    with page.expect_navigation():
        page.locator("form[action$='/outbox/send-now'] button").click()
    assert len(smtp_server.messages) == expected, page.locator("main").inner_text()


def _link_in(message, pattern: str) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(pattern, text).group(0)


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)  # a new SQLite file anyway
def test_from_empty_database_to_sent_invitation(browser, fresh_site, smtp_server):
    base = fresh_site
    admin_context = browser.new_context(viewport=PHONE)
    admin_context.set_default_timeout(5000)
    page = admin_context.new_page()
    admin_secret: list[str] = []
    _sign_in(page, base, ADMIN[0], ADMIN[2], admin_secret)
    assert len(admin_secret) == 1  # enrolled at this first sign-in

    # The administration, from the header.
    page.get_by_role("link", name="Administration").click()
    page.wait_for_url(f"{base}/admin/")

    # A series.
    page.get_by_role("link", name="New series").click()
    page.locator("#slug").fill("bc")
    page.locator("#symbol_root").fill("BC")
    page.locator("#name_en").fill("Breaking Chains")
    page.locator("#name_ko").fill("브레이킹 체인")
    _submit(page)
    assert page.url == f"{base}/admin/"

    # Two organisations: the host and an invited agency (the code is made, never typed).
    codes = []
    for kind, country, language, name, short in (
            ("national_agency", "KR", "ko", "경찰청", "KNPA"),
            ("national_agency", "TH", "th", "สำนักงานตำรวจแห่งชาติ", "RTP")):
        page.goto(f"{base}/admin/organisations/")
        page.get_by_role("link", name="New organisation").click()
        page.locator("#kind").select_option(kind)
        page.locator("#country").select_option(country)
        page.locator("#language").select_option(language)
        _fill(page, f"#name_{language}", name)
        _fill(page, f"#short_name_{language}", short)
        _fill(page, "#name_en", {"KR": "Korean National Police Agency",
                                 "TH": "Royal Thai Police"}[country])
        _fill(page, "#short_name_en", short)
        _submit(page)
        codes.append(page.locator("#organisation-code").inner_text())
    assert len(set(codes)) == 2 and all(codes)

    # The meeting, with its rooms.
    start = date.today() + timedelta(days=60)
    page.goto(f"{base}/admin/")
    page.get_by_role("link", name="New meeting").click()
    page.locator("#start_date").fill(start.isoformat())
    page.locator("#end_date").fill((start + timedelta(days=2)).isoformat())
    page.locator("#timezone").fill("Asia/Seoul")
    page.locator("#working_language").select_option("en")
    for code in ("en", "th"):
        page.locator(f"input[name=official_languages][value={code}]").check()
    page.locator("#host_id").select_option(label="Korean National Police Agency")
    page.locator("#symbol_prefix").fill("BC/2027")
    page.locator("#title_en").fill("Breaking Chains Seoul Meeting")
    page.locator("#city_en").fill("Seoul")
    page.locator("#venue_en").fill("Lotte Hotel Seoul")
    page.locator("#room_name_1").fill("Grand Ballroom")
    page.locator("#room_capacity_1").fill("200")
    page.locator("#room_name_2").fill("Room 301")
    page.locator("#room_capacity_2").fill("20")
    _submit(page)
    assert re.fullmatch(rf"{base}/admin/meetings/\d+", page.url)
    main = page.locator("main").inner_text()
    assert "Grand Ballroom" in main and "Room 301" in main
    assert "Korean National Police Agency" in main  # the host takes part in its own meeting

    # The invited agency takes part.
    page.locator("#participant-organisation_id").select_option(label="Royal Thai Police")
    _submit(page, "Add")
    assert "Royal Thai Police" in page.locator("main").inner_text()

    # A staff member, invited as the meeting's administrator, in French.
    page.get_by_role("link", name="Meeting page").click()
    page.get_by_role("navigation", name="Meeting").get_by_role("link", name="Staff").click()
    page.locator("#name").fill(STAFFER[1])
    page.locator("#email").fill(STAFFER[0])
    page.locator("#role").select_option("admin")
    page.locator("#locale").select_option("fr")
    _submit(page, "Invite")
    assert STAFFER[1] in page.locator("main table").inner_text()
    meeting_url = page.url.removesuffix("staff/")

    _send_now(page, base, smtp_server, 1)
    recipients, invitation_mail = smtp_server.messages[0]
    assert recipients == [STAFFER[0]]
    assert invitation_mail["Content-Language"] == "fr"  # the language chosen for them
    set_password = _link_in(invitation_mail, rf"{re.escape(base)}/auth/password/invitation/\S+")

    # The staff member, in a browser of their own.
    staff_context = browser.new_context(viewport=PHONE)
    staff_context.set_default_timeout(5000)
    mine = staff_context.new_page()
    mine.goto(set_password)
    assert mine.locator("html").get_attribute("lang") == "fr"
    mine.locator("#password").fill(STAFFER[2])
    mine.locator("#confirm").fill(STAFFER[2])
    with mine.expect_navigation():
        mine.locator("main button[type=submit]").click()
    assert mine.url == f"{base}/auth/staff"
    staff_secret: list[str] = []
    _sign_in(mine, base, STAFFER[0], STAFFER[2], staff_secret)
    assert len(staff_secret) == 1 and staff_secret != admin_secret
    assert mine.locator("html").get_attribute("lang") == "fr"

    # The letter, in English and Thai, by the staff member.
    mine.goto(meeting_url)
    mine.get_by_role("navigation", name="Réunion").get_by_role(
        "link", name="Invitations").click()
    mine.locator("main a[href$='/invitations/letter']").first.click()
    mine.locator("#reply_by").fill((start - timedelta(days=20)).isoformat())
    assert mine.locator("#subject_en").is_visible()  # the working language's, open at first
    _fill(mine, "#subject_en", "Invitation: {meeting}")
    _fill(mine, "#body_en", "Dear {title} {addressee},\n\n{host} invites {agency} to "
                            "{meeting} in {city}, {dates}. Please reply by {reply_by}.")
    _fill(mine, "#subject_th", "หนังสือเชิญ: {meeting}")
    _fill(mine, "#body_th", "เรียน {title} {addressee}\n\n{host} ขอเชิญ {agency} "
                            "เข้าร่วม {meeting} ณ {city} {dates} กรุณาตอบภายใน {reply_by}")
    _submit(mine)

    # The invitees: the Thai agency (in Thai) and the host's own delegation (in English).
    for organisation, addressee, email, language in (
            ("Royal Thai Police", "Pol. Gen. Somchai", "intl@rtp.example.com", "th"),
            ("Korean National Police Agency", "Kim Min-jun", "intl@knpa.example.com", "en")):
        mine.goto(meeting_url + "invitations/")
        mine.locator("main a[href$='/invitations/new']").click()
        mine.locator("#organisation_id").select_option(label=organisation)
        mine.locator("#addressee_name").fill(addressee)
        mine.locator("#email").fill(email)
        mine.locator("#language").select_option(language)
        mine.locator("#quota").fill("3")
        _submit(mine)
    with mine.expect_navigation():
        mine.locator("form[action$='/invitations/send-all'] button").click()
    assert "2" in mine.locator("main [role=status]").first.inner_text()
    _send_now(mine, base, smtp_server, 3)

    sent = {tuple(to): message for to, message in smtp_server.messages[1:]}
    thai = sent[("intl@rtp.example.com",)]
    assert thai["Subject"] == "หนังสือเชิญ: Breaking Chains Seoul Meeting"
    assert thai["Content-Language"] == "th"
    assert 'lang="th"' in thai.get_body(preferencelist=("html",)).get_content()
    text = thai.get_body(preferencelist=("plain",)).get_content()
    assert "เรียน  Pol. Gen. Somchai" in text or "เรียน Pol. Gen. Somchai" in text
    assert "Royal Thai Police" in text or "สำนักงานตำรวจแห่งชาติ" in text
    english = sent[("intl@knpa.example.com",)]
    assert english["Subject"] == "Invitation: Breaking Chains Seoul Meeting"
    assert english["Content-Language"] == "en"

    # The link in the letter opens the answer page, in the addressee's language.
    answer = _link_in(thai, rf"{re.escape(base)}/invitation/\S+")
    reader = browser.new_context(viewport=PHONE).new_page()
    reader.goto(answer)
    assert reader.locator("html").get_attribute("lang") == "th"
    assert reader.locator("input[value=accept]").count() == 1
    for context in (admin_context, staff_context, reader.context):
        context.close()

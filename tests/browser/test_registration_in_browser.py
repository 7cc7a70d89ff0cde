"""A head of delegation registers three members in Vietnamese in a real headless Chromium;
the secretariat approves them; the badges PDF carries all three names."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.conftest import issue_link, staff_credentials
from tests.registration.conftest import VN_HEAD, picture, vn_head  # noqa: F401 - fixture

pytestmark = pytest.mark.browser
MEMBERS = [("Nguyen", "Van An", "Nguyễn Văn An", "an@mps.example.com", "delegate"),
           ("Tran", "Thi Mai", "Trần Thị Mai", "mai@mps.example.com", "adviser"),
           ("Le", "Quang Minh", "Lê Quang Minh", "minh@mps.example.com", "interpreter")]


def test_head_registers_three_members_in_vietnamese_and_badges_follow(
        app, db, live_server, browser, demo, vn_head):  # noqa: F811 - the fixture
    from tests.test_i18n import catalogue

    vi = catalogue("vi")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(issue_link(app, VN_HEAD).replace(app.config["PUBLIC_URL"], live_server))
    page.get_by_role("button").last.click()
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/meetings/{demo}/registration/?lang=vi")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.url.endswith("/registration/delegations/mps-vn")
    for family, given, native, email, role in MEMBERS:
        page.get_by_role("link", name=vi.gettext("Register a member of the delegation")).click()
        page.locator("#family_name").fill(family)
        page.locator("#given_names").fill(given)
        page.locator("#native_name").fill(native)
        page.locator("#email").fill(email)
        page.locator("#nationality").select_option("VN")
        page.locator("#role").select_option(role)
        page.locator("#diet").select_option("none")
        page.locator("#arrival_date").fill("2025-11-10")
        page.locator("#departure_date").fill("2025-11-13")
        page.locator("#photo").set_input_files(files=[{
            "name": "ảnh chân dung.jpg", "mimeType": "image/jpeg", "buffer": picture()}])
        page.get_by_role("button", name=vi.gettext("Register"), exact=True).click()
        page.wait_for_url("**/registration/delegations/mps-vn")
        assert native in page.locator("main").inner_text()
    assert page.locator("#places-taken").inner_text() == vi.ngettext(
        "%(taken)d of %(quota)d place taken (pending and approved registrations).",
        "%(taken)d of %(quota)d places taken (pending and approved registrations).", 4) % {
        "taken": 3, "quota": 4}
    page.close()

    staff = browser.new_page()
    staff.goto(f"{live_server}/auth/staff?lang=en")
    staff.get_by_label("E-mail address").fill("staff@knpa.example.com")
    staff.get_by_label("Password").fill(
        staff_credentials(app)["staff@knpa.example.com"]["password"])
    staff.get_by_label("Password").press("Enter")
    staff.wait_for_url(f"{live_server}/")
    staff.goto(f"{live_server}/meetings/{demo}/registration/?organisation=mps-vn"
               "&status=pending&lang=en")
    boxes = staff.locator("input[name=ids]")
    assert boxes.count() == 3
    for n in range(3):
        boxes.nth(n).check()
    staff.get_by_role("button", name="Approve the selected registrations").click()
    staff.wait_for_load_state()
    assert "3 registrations approved." in staff.locator("body").inner_text()
    badges = staff.request.get(
        f"{live_server}/meetings/{demo}/registration/badges.pdf?organisation=mps-vn&lang=vi")
    assert badges.ok
    reader = PdfReader(io.BytesIO(badges.body()))
    assert len(reader.pages) == 3
    text = "\n".join(p.extract_text() for p in reader.pages)
    for family, _given, native, _email, _role in MEMBERS:
        assert family.upper() in text and native in text
    staff.close()


def test_the_delegations_page_fits_a_phone_in_both_directions(app, db, live_server, browser,
                                                               demo):
    """The per-delegation counts (a page of their own since the list at 2,000) at a phone's
    width in English, Arabic and Khmer: lang and dir, no sideways scrolling, no message left
    in English, and axe-core (in English) without serious findings."""
    from tests.browser.test_administration_pages import ADMIN, PHONE, _check, _data, _sign_in

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _sign_in(page, live_server, app, ADMIN)
    url = f"/meetings/{demo}/registration/delegations/"
    english, problems, data = {}, [], _data(db)
    for lang in ("en", "ar", "km"):
        response = page.goto(f"{live_server}{url}?lang={lang}")
        assert response.status == 200
        assert page.locator("main table tbody tr").count() >= 5
        _check(page, url, lang, english, data, problems)
    context.close()
    assert not problems, "\n".join(problems)

"""The venue desk without JavaScript: after every scan the code field is rendered empty and
autofocused for the next one; each result says what it is by class, word and symbol; a badge
not approved shows who it is and why; the pages are valid HTML in Thai and Arabic."""
from __future__ import annotations

import re
from html import unescape

from sqlalchemy import select

from app.registration.models import Registration
from tests.checkers import vnu_errors
from tests.conftest import csrf_token, staff_client
from tests.registration.conftest import picture, register
from tests.registration.test_documents_and_check_in import _approve_all
from tests.test_i18n import catalogue


def _code_input(page: str) -> str:
    return re.search(r'<input[^>]*name="code"[^>]*>', page).group(0)


def _verdict(page: str) -> str:
    found = re.search(r'<p class="checkin-verdict">(.*?)</p>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", "", unescape(found.group(1))).split())


def test_every_scan_leaves_an_empty_focused_field_and_a_distinct_result(app, db, demo,
                                                                         vn_head, tmp_path):
    register(vn_head, demo, photo=picture())
    _approve_all(app, db)
    register(vn_head, demo, email="pending@mps.example.com", family_name="Pham",
             given_names="Thi Lan", photo=picture())
    approved = db.session.scalar(select(Registration).where(
        Registration.email == "an.nguyen@mps.example.com"))
    pending = db.session.scalar(select(Registration).where(
        Registration.email == "pending@mps.example.com"))
    with app.test_request_context():
        from app.registration.services import reject

        reject(pending, "The passport copy cannot be read.")
        db.session.commit()
    staff = staff_client(app)
    pages = {}
    for lang in ("th", "ar"):
        url = f"/meetings/{demo}/registration/check-in?lang={lang}"
        token = csrf_token(staff.get(url).get_data(as_text=True))
        for name, code in (("first", approved.badge_code), ("again", approved.badge_code),
                           ("unknown", "ZZZZ-ZZZZ"), ("refused", pending.badge_code)):
            page = staff.post(url, data={"csrf_token": token, "code": code,
                                         "day": "2025-11-11"}).get_data(as_text=True)
            pages[f"{name} {lang}"] = page
            field = _code_input(page)
            assert 'value=""' in field and "autofocus" in field, (name, field)
            assert code not in field
    th = catalogue("th")
    first, again, unknown, refused = (pages[f"{n} th"] for n in
                                      ("first", "again", "unknown", "refused"))
    assert 'class="card checkin-result checked-in"' in first
    assert _verdict(first) == "✓ " + th.gettext("Checked in")
    assert 'class="card checkin-result already"' in again
    assert _verdict(again).startswith("⚠ " + th.gettext(
        "Already checked in today at %(time)s").split("%(time)s")[0].strip())
    assert 'class="card checkin-result unknown"' in unknown
    assert _verdict(unknown) == "✕ " + th.gettext("Unknown code: do not admit")
    assert "ZZZZ-ZZZZ" in unknown.split('id="check-in-result"')[1]
    assert 'class="card checkin-result refused"' in refused
    assert _verdict(refused) == "✕ " + th.gettext("Do not admit")
    panel = refused.split('id="check-in-result"')[1].split("</section>")[0]
    assert "PHAM, Thi Lan" in panel and f"/registration/{pending.id}/photo" in panel
    assert th.gettext("Status of the registration: %(status)s") % {
        "status": th.pgettext("status of a registration", "Rejected")} in unescape(panel)
    assert th.gettext("Reason given: %(reason)s") % {  # a typed value, set apart (FSI…PDI)
        "reason": "\u2068The passport copy cannot be read.\u2069"} in unescape(panel)
    # the field comes first in the page's content, before the title and the menus
    main = first.split("<main", 1)[1]
    assert main.index('name="code"') < main.index("<h1")
    assert vnu_errors(pages, tmp_path) == []

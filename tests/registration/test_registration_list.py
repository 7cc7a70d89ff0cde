"""The secretariat's registrations list at a large meeting: pages, filters kept in the query
string, the name search, bad page numbers, and who may see it."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, insert, select

from app.auth.models import User
from app.invitations.models import Invitation
from app.meetings.models import Meeting
from app.registration.listing import page_number
from app.registration.models import DelegationRole, Registration, RegistrationStatus
from app.registration.services import _new_badge_code
from tests.conftest import sign_in, staff_client
from tests.registration.conftest import organisation

EXTRA = 120  # Viet Nam's people added here, besides the demo's registrations


def _people(db, count: int = EXTRA) -> int:
    """`count` registrations of Viet Nam's delegation (Nguyen 000 … Nguyen 119, every third
    one approved, every tenth a head); returns how many registrations the meeting has."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    org = organisation(db, "mps-vn")
    invitation = db.session.scalar(select(Invitation).where(
        Invitation.meeting_id == meeting.id, Invitation.organisation_id == org.id))
    users = db.session.scalars(insert(User).returning(User.id, sort_by_parameter_order=True), [
        {"email": f"list{n}@mps.example.com", "name": f"Nguyen {n:03d}", "locale": "vi",
         "organisation_id": org.id} for n in range(count)]).all()
    db.session.execute(insert(Registration), [
        {"meeting_id": meeting.id, "organisation_id": org.id, "invitation_id": invitation.id,
         "user_id": user, "email": f"list{n}@mps.example.com", "language": "vi",
         "family_name": "Nguyen", "given_names": f"Van {n:03d}",
         "native_name": f"Nguyễn Văn {n:03d}", "nationality": "VN",
         "role": DelegationRole.HEAD if n % 10 == 0 else DelegationRole.DELEGATE,
         "status": RegistrationStatus.APPROVED if n % 3 == 0 else RegistrationStatus.PENDING,
         "badge_code": _new_badge_code()} for n, user in enumerate(users)])
    db.session.commit()
    return db.session.scalar(select(func.count(Registration.id)).where(
        Registration.meeting_id == meeting.id))


def _names(html: str) -> list[str]:
    return re.findall(r'<td class="name"><a href="[^"]+" dir="ltr">([^<]+)</a>', html)


def _list(client, demo, query: str = "") -> tuple[int, str]:
    response = client.get(f"/meetings/{demo}/registration/?{query}")
    return response.status_code, response.get_data(as_text=True)


def test_the_list_is_paged_with_counts_and_links_that_keep_the_filters(app, db, demo):
    total = _people(db)
    staff = staff_client(app)
    status, first = _list(staff, demo, "lang=en")
    assert status == 200
    assert len(_names(first)) == 50
    assert f"1–50 of {total} people" in first
    pages = -(-total // 50)
    assert f"Page 1 of {pages}" in first
    assert 'aria-current="page">1</a>' in first and 'rel="next"' in first
    assert 'rel="prev"' not in first
    status, last = _list(staff, demo, f"page={pages}&lang=en")
    assert status == 200 and len(_names(last)) == total - 50 * (pages - 1)
    assert f"{50 * (pages - 1) + 1}–{total} of {total} people" in last
    assert 'rel="next"' not in last and 'rel="prev"' in last
    # every registration once over all the pages, in the list's order
    seen = []
    for number in range(1, pages + 1):
        seen += _names(_list(staff, demo, f"page={number}")[1])
    assert len(seen) == len(set(seen)) == total
    # a hundred per page: fewer pages; the size is kept in the links
    status, wide = _list(staff, demo, "per=100&organisation=mps-vn&lang=en")
    assert len(_names(wide)) == 100
    link = re.search(r'href="([^"]*page=2[^"]*)"', wide).group(1).replace("&amp;", "&")
    assert "per=100" in link and "organisation=mps-vn" in link


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1e3", "99999999999999999999", "", "2.5",
                                  "%00", "９"])
def test_a_bad_page_number_is_the_first_page_never_an_error(app, db, demo, page):
    _people(db)
    staff = staff_client(app)
    status, html = _list(staff, demo, f"page={page}&lang=en")
    assert status == 200
    assert "Page 1 of" in html and len(_names(html)) == 50


def test_a_page_beyond_the_last_is_the_last(app, db, demo):
    total = _people(db)
    staff = staff_client(app)
    status, html = _list(staff, demo, "page=999&lang=en")
    pages = -(-total // 50)
    assert status == 200 and f"Page {pages} of {pages}" in html
    assert len(_names(html)) == total - 50 * (pages - 1)


def test_filters_combine_with_the_name_search(app, db, demo):
    _people(db)
    staff = staff_client(app)
    # the heads of Viet Nam's delegation whose names hold "Van 01": 010 only (heads: n % 10 == 0)
    status, html = _list(staff, demo, "organisation=mps-vn&role=head&q=van+01&lang=en")
    assert status == 200 and _names(html) == ["NGUYEN, Van 010"]
    assert "1 person" in html and "Page 1 of" not in html
    # the search reads the native name too, whatever the case
    assert _names(_list(staff, demo, "q=NGUYỄN+VĂN+117")[1]) == ["NGUYEN, Van 117"]
    # approved only: 0, 3, 6, … of the 120, plus the demo's approved people
    html = _list(staff, demo, "status=approved&organisation=mps-vn&per=100")[1]
    assert all(int(name[-3:]) % 3 == 0 for name in _names(html) if "Van" in name)
    # characters special to LIKE are searched for as themselves
    assert _names(_list(staff, demo, "q=%25")[1]) == []
    assert _names(_list(staff, demo, "q=_")[1]) == []
    status, html = _list(staff, demo, "q=nobody+like+this&lang=en")
    assert status == 200 and "No registration matches." in html
    # the form shows the filters it was sent
    html = _list(staff, demo, "q=van+01&role=head&per=100")[1]
    assert 'name="q" type="search" value="van 01"' in html
    assert '<option value="100" selected>' in html
    assert '<option value="head" selected>' in html


def test_unknown_filter_values_are_ignored(app, db, demo):
    total = _people(db)
    staff = staff_client(app)
    status, html = _list(staff, demo, "status=lost&role=king&organisation=nowhere&per=7&lang=en")
    assert status == 200 and f"1–50 of {total} people" in html


def test_the_page_loads_only_its_own_rows(app, db, demo):
    """The page's queries do not grow with the number of registrations shown (no N+1)."""
    from tests.conftest import statements_of

    _people(db)
    staff = staff_client(app)
    fifty, response = statements_of(app, staff, f"/meetings/{demo}/registration/?per=50")
    assert response.status_code == 200
    hundred, response = statements_of(app, staff, f"/meetings/{demo}/registration/?per=100")
    assert response.status_code == 200
    assert len(hundred) == len(fifty)
    # the page's registrations are loaded without their encrypted columns
    whole = [s for s in fifty if "registration.passport_number" in s]
    assert whole == []


def test_only_the_secretariat_sees_the_list(app, db, demo, vn_head):
    _people(db, 5)
    # a head of delegation is taken to their delegation's page, whatever the query
    response = vn_head.get(f"/meetings/{demo}/registration/?page=2&q=nguyen")
    assert response.status_code == 302 and "/delegations/mps-vn" in response.headers["Location"]
    # a person with no registration and no delegation: refused
    outsider = app.test_client()
    user = User(email="outsider.list@example.com", name="Outsider", locale="en")
    db.session.add(user)
    db.session.commit()
    sign_in(app, outsider, "outsider.list@example.com")
    assert outsider.get(f"/meetings/{demo}/registration/?page=2").status_code == 403
    assert app.test_client().get(f"/meetings/{demo}/registration/?page=2").status_code in (
        302, 401)


def test_page_number_reads_only_positive_whole_numbers():
    assert [page_number(v) for v in ("3", " 4 ", "0", "-2", "x", None, "1234567", "٣")] == [
        3, 4, 1, 1, 1, 1, 1, 1]


def test_the_delegations_counts_are_a_page_of_their_own(app, db, demo, vn_head):
    """The list of people, paged, does not rebuild the table of every delegation on each of
    its pages: that table is the Delegations page; the list keeps the delegation filter."""
    _people(db)
    org = organisation(db, "mps-vn")
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
    by_status = dict(db.session.execute(
        select(Registration.status, func.count()).where(
            Registration.meeting_id == meeting.id, Registration.organisation_id == org.id)
        .group_by(Registration.status)).all())
    quota, taken = db.session.execute(select(Invitation.quota, Invitation.seats_taken).where(
        Invitation.meeting_id == meeting.id, Invitation.organisation_id == org.id)).one()
    staff = staff_client(app)
    response = staff.get(f"/meetings/{demo}/registration/delegations/?lang=en")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    row = re.search(r'<tr><th scope="row"><a href="[^"]*/delegations/mps-vn">.*?</tr>', html,
                    re.S).group(0)
    cells = re.findall(r"<td>([^<]*)</td>", row)
    assert cells == [str(by_status.get(RegistrationStatus.PENDING, 0)),
                     str(by_status.get(RegistrationStatus.APPROVED, 0)),
                     str(by_status.get(RegistrationStatus.REJECTED, 0)),
                     str(by_status.get(RegistrationStatus.CANCELLED, 0)),
                     f"{taken} of {quota}"]
    assert 'aria-current="page">Delegations</a>' in html
    listed = _list(staff, demo, "lang=en")[1]
    assert 'id="per-delegation"' not in listed and "/registration/delegations/\"" in listed
    assert re.search(r'<option value="mps-vn" >[^<]*Viet', listed)
    selected = _list(staff, demo, "organisation=mps-vn&lang=en")[1]
    assert re.search(r'<option value="mps-vn" selected>', selected)
    # a head of delegation sees their own delegation's page, not everyone's counts
    assert vn_head.get(f"/meetings/{demo}/registration/delegations/").status_code == 403

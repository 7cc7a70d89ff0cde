"""Badges, the confirmation and the list of participants read as PDF geometry (pdfplumber):
nothing printed over the QR code or its code, long names kept inside their box, and badges
printed for everyone, a delegation, a role or a chosen set."""
from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from sqlalchemy import select

from app.registration.models import Registration
from tests.conftest import csrf_token, pdf_text, staff_client
from tests.registration.conftest import register, vietnam, vn_head  # noqa: F401 - fixture
from tests.registration.test_documents_and_check_in import _approve_all

MM = 72 / 25.4
QUIET_ZONE = 4  # modules of light around the symbol, ISO/IEC 18004
LONG_LATIN = "Abcdefghij" * 10  # 100 letters, no space
LONG_ARABIC = "عبدالرحمنبنعبداللهبنمحمدبنسلطانالقاسمي"  # one unbroken word of 39 letters
ARABIC = re.compile("[\u0600-\u06ff]")


def _pages(data: bytes):
    return pdfplumber.open(io.BytesIO(data)).pages


def _overlap(a: dict, b: dict, pad: float = 0.0) -> bool:
    return (a["x0"] - pad < b["x1"] and b["x0"] < a["x1"] + pad
            and a["top"] - pad < b["bottom"] and b["top"] < a["bottom"] + pad)


def _qr(page) -> tuple[dict, float, list]:
    """The QR symbol's dark modules (black strokes one module wide) as a box, the module size,
    and the strokes themselves."""
    black = [line for line in page.lines if line["stroking_color"] in ((0, 0, 0), (0,))]
    width = max({round(line["linewidth"], 3) for line in black},
                key=lambda w: sum(round(line["linewidth"], 3) == w for line in black))
    strokes = [line for line in black if round(line["linewidth"], 3) == width]
    box = {"x0": min(s["x0"] for s in strokes), "x1": max(s["x1"] for s in strokes),
           "top": min(s["top"] for s in strokes) - width / 2,
           "bottom": max(s["bottom"] for s in strokes) + width / 2}
    modules = (box["x1"] - box["x0"]) / width
    assert abs(modules - round(modules)) < .05 and round(modules) % 4 == 1  # 21, 25 … 177
    assert abs(box["bottom"] - box["top"] - box["x1"] + box["x0"]) < width / 2  # square
    return box, width, strokes


def _quiet_zone(page) -> tuple[dict, list]:
    box, module, strokes = _qr(page)
    zone = {"x0": box["x0"] - QUIET_ZONE * module, "x1": box["x1"] + QUIET_ZONE * module,
            "top": box["top"] - QUIET_ZONE * module,
            "bottom": box["bottom"] + QUIET_ZONE * module}
    return zone, strokes


def _intruders(page, zone: dict, strokes: list) -> list:
    ours = {id(s) for s in strokes}
    drawn = [*page.chars, *page.rects, *page.curves, *page.images,
             *(line for line in page.lines if id(line) not in ours)]
    return [obj.get("text") or obj["object_type"] for obj in drawn if _overlap(obj, zone)]


def _words_in(page, text: str) -> list[dict]:
    return [w for w in page.extract_words() if w["text"] == text]


def _approved_vietnamese(app, db, vn_head, demo, **names):  # noqa: F811 - the fixture
    assert register(vn_head, demo, **names).status_code == 302
    _approve_all(app, db)
    return db.session.scalar(vietnam())


@pytest.mark.one_database
@pytest.mark.parametrize("lang", ["en", "ar"])  # the QR code on the right, then on the left
def test_badge_code_and_qr_code_are_clear_of_the_role_band_and_of_everything_else(
        app, db, demo, vn_head, lang):  # noqa: F811 - the fixture
    from app.registration.documents import check_in_url, qr_data_uri

    _approved_vietnamese(app, db, vn_head, demo)
    response = staff_client(app).get(f"/meetings/{demo}/registration/badges.pdf?lang={lang}")
    assert response.status_code == 200
    codes = {f"{r.badge_code[:5]}-{r.badge_code[5:]}"
             for r in db.session.scalars(select(Registration).where(
                 Registration.status == "approved"))}
    pages = _pages(response.data)
    assert len(pages) == len(codes) > 3  # every role of the demo is there
    for page in pages:
        band = [r for r in page.rects if r["fill"]]
        (code,) = [w for w in page.extract_words() if w["text"] in codes]
        others = [c for c in page.chars if not _overlap(c, code)]
        assert band and not any(_overlap(code, rect) for rect in band), code["text"]
        assert not any(_overlap(code, char, pad=-.2) for char in others)
        assert 0 <= code["x0"] and code["x1"] <= page.width and code["bottom"] <= page.height
        zone, strokes = _quiet_zone(page)
        assert (0 <= zone["x0"] and zone["x1"] <= page.width and 0 <= zone["top"]
                and zone["bottom"] <= page.height)
        assert _intruders(page, zone, strokes) == [], code["text"]
    with app.test_request_context():
        symbol = qr_data_uri(check_in_url(db.session.scalar(vietnam())))
    # the file itself carries the light margin: its first dark module starts 4 modules in
    assert "M4%204.5h" in symbol or "M4 4.5h" in symbol


@pytest.mark.one_database
def test_venue_on_the_confirmation_does_not_run_into_the_qr_code(app, db, demo, vn_head):  # noqa: F811
    from app.i18n import localized

    registration = _approved_vietnamese(app, db, vn_head, demo, family_name=LONG_LATIN,
                                        given_names=LONG_LATIN, native_name=LONG_ARABIC)
    with app.test_request_context("/?lang=vi"):
        venue = localized(registration.meeting.venue).text
    response = staff_client(app).get(
        f"/meetings/{demo}/registration/{registration.id}/confirmation.pdf")
    assert response.status_code == 200
    (page,) = _pages(response.data)
    zone, strokes = _quiet_zone(page)
    first_word = venue.split()[0]
    (start,) = _words_in(page, first_word)
    venue_chars = [c for c in page.chars if abs(c["top"] - start["top"]) < 1
                   and c["x0"] >= start["x0"] - .5]
    assert venue_chars and not any(_overlap(c, zone) for c in venue_chars)
    assert _intruders(page, zone, strokes) == []
    margin = 18 * MM - .5
    assert all(margin <= c["x0"] and c["x1"] <= page.width - margin for c in page.chars)
    assert LONG_LATIN.upper() in re.sub(r"\s", "", pdf_text(response.data))


@pytest.mark.one_database
def test_a_hundred_letter_name_and_a_long_arabic_name_stay_on_the_badge(app, db, demo,
                                                                          vn_head):  # noqa: F811
    _approved_vietnamese(app, db, vn_head, demo, family_name=LONG_LATIN,
                         given_names=LONG_LATIN, native_name=LONG_ARABIC)
    response = staff_client(app).get(
        f"/meetings/{demo}/registration/badges.pdf?lang=en&organisation=mps-vn")
    (page,) = _pages(response.data)
    inside = 8 * MM - .5  # the badge's padding
    names = [line for line in page.extract_text_lines()
             if line["text"] in LONG_LATIN or line["text"] in LONG_LATIN.upper()
             or ARABIC.match(line["text"])]
    assert len(names) >= 3
    for line in names:
        assert inside <= line["x0"] and line["x1"] <= page.width - inside, line["text"]
    assert all(0 <= c["x0"] and c["x1"] <= page.width for c in page.chars)
    latin = "".join(line["text"] for line in names if not ARABIC.match(line["text"]))
    assert latin == LONG_LATIN + LONG_LATIN.upper()  # no letter cut off
    arabic = "".join(c["text"] for c in page.chars if ARABIC.match(c["text"]))
    assert sorted(arabic) == sorted(LONG_ARABIC)  # every letter printed (visual order)
    zone, strokes = _quiet_zone(page)
    assert _intruders(page, zone, strokes) == []


@pytest.mark.one_database
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_hundred_letter_name_stays_inside_the_list_of_participants(app, db, demo, vn_head,  # noqa: F811
                                                                      lang):
    _approved_vietnamese(app, db, vn_head, demo, family_name=LONG_LATIN,
                         given_names=LONG_LATIN, native_name=LONG_ARABIC,
                         position="Deputy" * 12)
    response = staff_client(app).get(
        f"/meetings/{demo}/registration/participants.pdf?lang={lang}")
    assert response.status_code == 200
    margin = 18 * MM - .5
    for page in _pages(response.data):
        outside = [c["text"] for c in page.chars
                   if c["x0"] < margin or c["x1"] > page.width - margin]
        assert outside == []
    text = re.sub(r"\s", "", pdf_text(response.data))
    assert LONG_LATIN.upper() in text and LONG_LATIN in text


# --- which badges are printed ----------------------------------------------------------------

def _names(data: bytes) -> str:
    return pdf_text(data)


def _three_vietnamese(app, db, vn_head, demo):  # noqa: F811 - the fixture
    for family, email, role in (("Nguyen", "an@mps.example.com", "delegate"),
                                ("Pham", "lan@mps.example.com", "interpreter"),
                                ("Tran", "mai@mps.example.com", "adviser")):
        assert register(vn_head, demo, family_name=family, email=email,
                        role=role).status_code == 302
    _approve_all(app, db)
    assert register(vn_head, demo, family_name="Waiting", email="w@mps.example.com",
                    role="interpreter").status_code == 302  # still pending
    return {r.family_name: r.id for r in db.session.scalars(vietnam())}


def test_badges_for_everyone_a_delegation_or_a_role(app, db, demo, vn_head):  # noqa: F811
    _three_vietnamese(app, db, vn_head, demo)
    staff = staff_client(app)
    url = f"/meetings/{demo}/registration/badges.pdf?lang=en"
    everyone = _names(staff.get(url).data)
    assert all(name in everyone for name in ("NGUYEN", "PHAM", "TRAN", "WONGSAKUL"))
    delegation = _names(staff.get(url + "&organisation=mps-vn").data)
    assert all(name in delegation for name in ("NGUYEN", "PHAM", "TRAN"))
    assert "WONGSAKUL" not in delegation
    interpreters = _names(staff.get(url + "&role=interpreter").data)
    assert "PHAM" in interpreters
    assert not any(n in interpreters for n in ("NGUYEN", "TRAN", "WAITING", "WONGSAKUL"))
    both = _names(staff.get(url + "&role=interpreter&organisation=mps-vn").data)
    assert "PHAM" in both and "NGUYEN" not in both
    unknown = staff.get(url + "&role=chauffeur")
    assert unknown.status_code == 302  # nothing to print: back to the list, with a message
    assert "No approved registration to print a badge for." in staff.get(
        unknown.headers["Location"]).get_data(as_text=True)


def test_badges_of_the_people_ticked_in_the_list(app, db, demo, vn_head):  # noqa: F811
    ids = _three_vietnamese(app, db, vn_head, demo)
    staff = staff_client(app)
    page = staff.get(f"/meetings/{demo}/registration/?organisation=mps-vn&lang=en")
    html = page.get_data(as_text=True)
    assert "Print badges of the selected registrations" in html
    for name in ("Nguyen", "Pham", "Waiting"):  # approved and pending rows can be ticked
        assert f'name="ids" value="{ids[name]}"' in html
    chosen = staff.post(f"/meetings/{demo}/registration/badges.pdf?lang=en", data={
        "csrf_token": csrf_token(html), "ids": [ids["Nguyen"], ids["Tran"], ids["Waiting"]]})
    assert chosen.status_code == 200 and chosen.mimetype == "application/pdf"
    text = _names(chosen.data)
    assert "NGUYEN" in text and "TRAN" in text
    assert "PHAM" not in text and "WAITING" not in text  # not ticked; not approved
    assert len(_pages(chosen.data)) == 2
    by_link = _names(staff.get(f"/meetings/{demo}/registration/badges.pdf?lang=en"
                               f"&id={ids['Pham']}&id={ids['Tran']}").data)
    assert "PHAM" in by_link and "TRAN" in by_link and "NGUYEN" not in by_link
    nothing = staff.post(f"/meetings/{demo}/registration/badges.pdf", data={
        "csrf_token": csrf_token(html), "ids": [ids["Waiting"]]})
    assert nothing.status_code == 302
    no_token = staff.post(f"/meetings/{demo}/registration/badges.pdf",
                          data={"ids": [ids["Nguyen"]]})
    assert no_token.status_code == 400


def test_only_the_secretariat_prints_a_chosen_set_of_badges(app, db, demo, vn_head):  # noqa: F811
    ids = _three_vietnamese(app, db, vn_head, demo)
    page = vn_head.get(f"/meetings/{demo}/registration/delegations/mps-vn")
    refused = vn_head.post(f"/meetings/{demo}/registration/badges.pdf", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "ids": [ids["Nguyen"]]})
    assert refused.status_code == 403
    assert vn_head.get(f"/meetings/{demo}/registration/badges.pdf?id={ids['Nguyen']}"
                       ).status_code == 403

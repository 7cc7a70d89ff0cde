"""Protocol: the order of precedence (host first, collation per language, the lot kept and
reproducible), the seating plan and name plates as PDFs, bad input, and the pages' HTML."""
from __future__ import annotations

import io
import subprocess

import pdfplumber
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.meetings.models import Meeting, Organisation
from app.protocol import services
from app.protocol.models import PrecedenceLot, PrecedenceRule
from tests.agenda.test_pdf import _covers, _fonts
from tests.checkers import vnu_errors
from tests.conftest import csrf_token, sign_in, staff_client

BASE = "/meetings/{slug}/protocol"


def _meeting(db, demo) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.slug == demo))


def _names(app, db, demo, rule, lang):
    with app.test_request_context():
        return [d.name for d in services.precedence(_meeting(db, demo), lang, rule)]


def test_host_first_then_states_by_collation_then_international_bodies(app, db, demo):
    english = _names(app, db, demo, PrecedenceRule.ENGLISH, "en")
    assert english[0] == "South Korea"  # the host, whatever its letter
    assert english[1:4] == ["Cambodia", "China", "Indonesia"]
    assert english[-4:] == ["AFRIPOL", "AMERIPOL", "ASEANAPOL", "INTERPOL"]  # after the states
    french = _names(app, db, demo, PrecedenceRule.FRENCH, "fr")
    # ICU collation: the accented É sorts among the E's, before I (a code-point sort puts it last)
    assert french.index("Émirats arabes unis") < french.index("États-Unis") \
        < french.index("Indonésie")
    assert french[0] == "Corée du Sud"
    korean = _names(app, db, demo, PrecedenceRule.HOST_LANGUAGE, "ko")
    assert korean[0] == "대한민국"
    states = korean[1:-4]
    assert states == sorted(states)  # Hangul syllables in the order of the Korean alphabet
    assert states[0] == "라오스" and states[-1] == "필리핀"


def test_the_demo_lot_is_kept_with_who_drew_it_and_gives_the_same_order_again(app, db, demo):
    meeting = _meeting(db, demo)
    lot = db.session.scalar(select(PrecedenceLot).where(PrecedenceLot.meeting_id == meeting.id))
    assert lot.letter == "M" and lot.number == 1 and lot.drawn_by.email == "staff@knpa.example.com"
    with app.test_request_context():
        assert services.lot_order(meeting, lot) == lot.order  # reproducible from the letter
        order = [d.name for d in services.precedence(meeting, "en")]
    # South Korea (host), then from M: Malaysia … Vietnam, then from A: Cambodia … Laos
    assert order[:3] == ["South Korea", "Malaysia", "Philippines"]
    assert order.index("Vietnam") + 1 == order.index("Cambodia")
    assert order[order.index("Laos") + 1] == "AFRIPOL"
    page = staff_client(app).get(BASE.format(slug=demo) + "/").get_data(as_text=True)
    assert "Lee Seo-yeon" in page and ">M<" in page


def test_drawing_again_needs_the_box_ticked_and_keeps_the_earlier_lot(app, db, demo):
    client = staff_client(app)
    url = BASE.format(slug=demo)
    token = csrf_token(client.get(url + "/").get_data(as_text=True))
    refused = client.post(url + "/lot", data={"csrf_token": token})
    assert refused.status_code == 400
    assert "already been drawn (letter M)" in refused.get_data(as_text=True)
    meeting = _meeting(db, demo)
    assert db.session.query(PrecedenceLot).filter_by(meeting_id=meeting.id).count() == 1
    drawn = client.post(url + "/lot", data={"csrf_token": token, "redraw": "y"})
    assert drawn.status_code == 302
    db.session.expire_all()
    lots = db.session.scalars(select(PrecedenceLot).where(
        PrecedenceLot.meeting_id == meeting.id).order_by(PrecedenceLot.number)).all()
    assert [lot.number for lot in lots] == [1, 2] and lots[0].letter == "M"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "protocol.lot_drawn")
                              .order_by(AuditEntry.id.desc()))
    assert entry.details["letter"] == lots[1].letter and entry.details["previous"] == "M"
    with app.test_request_context():
        assert services.lot_order(meeting, lots[1]) == lots[1].order


def test_the_rule_chosen_orders_the_list_and_a_bad_rule_is_refused(app, db, demo):
    client = staff_client(app)
    url = BASE.format(slug=demo)
    token = csrf_token(client.get(url + "/").get_data(as_text=True))
    assert client.post(url + "/rule", data={"csrf_token": token, "rule": "french"}
                       ).status_code == 302
    page = client.get(url + "/?lang=fr").get_data(as_text=True)
    assert page.index("Cambodge") < page.index("Émirats arabes unis") < page.index("Japon")
    bad = client.post(url + "/rule", data={"csrf_token": token, "rule": "by-size"})
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.get_data(as_text=True)
    assert services.settings_of(_meeting(db, demo)).rule == PrecedenceRule.FRENCH


def _words(pdf: bytes, tmp_path) -> list[tuple[float, float, float, float, str]]:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    import re

    return [(float(a), float(b), float(c), float(d), word) for a, b, c, d, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html)]


def _plan_stays_in_its_boxes(app, db, demo, tmp_path, lang, layout, paper, size):
    from app.protocol import documents
    from app.protocol.models import Paper, SeatingLayout
    from app.protocol.seating import HEADER, MARGIN

    client = staff_client(app)
    response = client.get(BASE.format(slug=demo) + f"/seating.pdf?lang={lang}&layout={layout}"
                                                    f"&paper={paper}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    page = PdfReader(io.BytesIO(response.data)).pages[0]
    width, height = (round(float(v) * 25.4 / 72) for v in page.mediabox[2:])
    assert (width, height) == size  # landscape
    with app.test_request_context():
        plan = documents.seating_plan(_meeting(db, demo), lang, SeatingLayout(layout),
                                      Paper(paper))
    mm = 72 / 25.4
    boxes = [((MARGIN + b.x) * mm, (MARGIN + HEADER + b.y) * mm, (MARGIN + b.x + b.w) * mm,
              (MARGIN + HEADER + b.y + b.h) * mm, b) for b in plan.boxes]
    words = [w for w in _words(response.data, tmp_path) if w[1] > (MARGIN + HEADER) * mm]
    assert words
    inside = {id(b): "" for *_, b in boxes}
    for x0, y0, x1, y1, word in words:
        home = [b for bx0, by0, bx1, by1, b in boxes
                if bx0 - 0.5 <= x0 and x1 <= bx1 + 0.5 and by0 - 0.5 <= y0 and y1 <= by1 + 0.5]
        assert home, f"{word!r} at {x0:.0f},{y0:.0f}-{x1:.0f},{y1:.0f} is in no box"
        inside[id(home[0])] += word
    return plan, inside


def test_seating_plan_a3_landscape_each_name_inside_its_table(app, db, demo, tmp_path):
    organisation = db.session.scalar(select(Organisation).where(Organisation.code == "afripol"))
    organisation.short_name = {"en": "African Union Mechanism for Police Cooperation "
                                     "(AFRIPOL), Addis Ababa Liaison"}
    db.session.commit()
    plan, inside = _plan_stays_in_its_boxes(app, db, demo, tmp_path, "en", "hollow_square",
                                            "a3", (420, 297))
    for box in plan.boxes:
        expected = (f"{box.number}" if box.number else "") + box.label.replace(" ", "")
        assert inside[id(box)] == expected, box
    kinds = {box.kind for box in plan.boxes}
    assert kinds == {"chair", "secretariat", "delegation", "booth"}
    host = next(box for box in plan.boxes if box.number == 1)
    chair = next(box for box in plan.boxes if box.kind == "chair")
    assert host.label == "South Korea" and host.x + host.w == chair.x  # at the chair's right


def test_seating_plan_a4_in_thai_arabic_korean_and_khmer(app, db, demo, tmp_path):
    for lang, layout in (("th", "u_shape"), ("ar", "classroom"), ("ko", "hollow_square"),
                         ("km", "u_shape")):
        plan, inside = _plan_stays_in_its_boxes(app, db, demo, tmp_path, lang, layout, "a4",
                                                (297, 210))
        assert sum(1 for box in plan.boxes if box.kind == "delegation") == 18
        assert all(inside[id(box)] for box in plan.boxes if box.kind == "delegation")


def _lower_face_text(pdf: bytes, tmp_path) -> str:
    """What poppler reads on the upright (lower) faces: the upper ones are upside down."""
    path = tmp_path / "face.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-x", "0", "-y", "298", "-W", "842", "-H", "297",
                           str(path), "-"], capture_output=True, text=True, check=True).stdout


def _chars_upside_down(pdf: bytes, text_top_half: bool) -> list[bool]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        half = page.height / 2
        return [char["matrix"][0] < 0 for char in page.chars
                if (char["top"] < half) == text_top_half and char["text"].strip()]


@pytest.mark.one_database
def test_name_plates_fold_in_two_faces_in_each_script_with_its_font(app, db, demo, tmp_path):

    runner = app.test_cli_runner()
    samples = {"km": ("កម្ពុជា", 0x1780), "ar": ("الإمارات العربية المتحدة", 0x0627),
               "th": ("ไทย", 0x0E44), "ko": ("대한민국", 0xB300)}
    for lang, (name, codepoint) in samples.items():
        out = tmp_path / f"plates-{lang}.pdf"
        result = runner.invoke(args=["export", "name-plates", demo, "--lang", lang,
                                     "-o", str(out)])
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 18
        assert [round(float(v) * 25.4 / 72) for v in reader.pages[0].mediabox[2:]] == [297, 210]
        assert _covers(_fonts(data, tmp_path), codepoint), lang
        assert name in _lower_face_text(data, tmp_path), (lang, name)
        # the upper face upside down, the lower one upright: both read from their side
        upper, lower = _chars_upside_down(data, True), _chars_upside_down(data, False)
        assert upper and all(upper) and lower and not any(lower)
    english = tmp_path / "plates-en.pdf"
    runner.invoke(args=["export", "name-plates", demo, "--lang", "en", "-o", str(english)])
    fonts = _fonts(english.read_bytes(), tmp_path)
    for _name, codepoint in samples.values():  # each delegation's own script beside English
        assert _covers(fonts, codepoint)
    text = _lower_face_text(english.read_bytes(), tmp_path)
    for expected in ("Cambodia", "កម្ពុជា", "Thailand", "ไทย", "South Korea", "대한민국",
                     "United Arab Emirates"):
        assert expected in text


def test_flag_order_and_the_seating_plan_from_the_command_line(app, db, demo, tmp_path):
    from tests.pdf_text import pdftotext_text

    runner = app.test_cli_runner()
    out = tmp_path / "plan.pdf"
    result = runner.invoke(args=["export", "seating-plan", demo, "--lang", "ko", "--layout",
                                 "classroom", "--paper", "a4", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "대한민국" in pdftotext_text(out.read_bytes())
    bad = runner.invoke(args=["export", "seating-plan", demo, "--layout", "round", "-o",
                              str(out)])
    assert bad.exit_code != 0 and "round" in bad.output
    wrong = runner.invoke(args=["export", "name-plates", demo, "--paper", "a4", "-o", str(out)])
    assert wrong.exit_code != 0 and "seating plan" in wrong.output
    flags = staff_client(app).get(BASE.format(slug=demo) + "/flags.pdf?lang=en")
    text = pdftotext_text(flags.data)
    assert text.index("South Korea") < text.index("Malaysia") < text.index("INTERPOL")


def test_bad_choices_answer_400_and_save_nothing(app, db, demo):
    client = staff_client(app)
    url = BASE.format(slug=demo)
    assert client.get(url + "/seating.pdf?paper=a5").status_code == 400
    assert client.get(url + "/seating.pdf?layout=round").status_code == 400
    token = csrf_token(client.get(url + "/seating").get_data(as_text=True))
    bad = client.post(url + "/seating", data={"csrf_token": token, "layout": "round",
                                              "paper": "a5"})
    assert bad.status_code == 400
    assert bad.get_data(as_text=True).count('class="error"') == 2  # both fields at once
    assert services.settings_of(_meeting(db, demo)).paper.value == "a3"
    good = client.post(url + "/seating", data={"csrf_token": token, "layout": "u_shape",
                                               "paper": "a4"})
    assert good.status_code == 302
    assert services.settings_of(_meeting(db, demo)).layout.value == "u_shape"


def test_a_head_sees_the_seating_plan_with_their_place_marked_but_not_the_rest(app, db, demo):
    client = app.test_client()
    sign_in(app, client, "head.ae@moi.example.com")
    url = BASE.format(slug=demo)
    page = client.get(url + "/seating")
    assert page.status_code == 200
    assert 'class="seat delegation own"' in page.get_data(as_text=True)
    assert 'action="' + url + '/seating"' not in page.get_data(as_text=True)  # no layout form
    assert client.get(url + "/").status_code == 403
    assert client.get(url + "/name-plates.pdf").status_code == 403
    hub = client.get(f"/meetings/{demo}/logistics/").get_data(as_text=True)
    assert url + "/seating" in hub and f'href="{url}/"' not in hub


def test_the_logistics_hub_links_the_protocol_pages(app, db, demo):
    hub = staff_client(app).get(f"/meetings/{demo}/logistics/").get_data(as_text=True)
    url = BASE.format(slug=demo)
    for path in ("/", "/seating", "/name-plates.pdf?lang=en", "/flags.pdf"):
        assert f'href="{url}{path}' in hub


@pytest.mark.one_database
def test_protocol_pages_are_valid_html(app, db, demo, tmp_path):
    client = staff_client(app)
    url = BASE.format(slug=demo)
    pages = {f"{name}-{lang}": client.get(url + path + f"?lang={lang}").get_data(as_text=True)
             for name, path in (("precedence", "/"), ("seating", "/seating"))
             for lang in ("en", "ar", "km")}
    assert vnu_errors(pages, tmp_path) == []


def test_lots_drawn_at_the_same_moment_each_keep_their_own_number(app, db, demo):
    from tests.registration.test_concurrency import _parallel

    client = staff_client(app)
    url = BASE.format(slug=demo)
    token = csrf_token(client.get(url + "/").get_data(as_text=True))
    statuses = _parallel(app, client, url + "/lot",
                         [{"csrf_token": token, "redraw": "y"} for _ in range(4)])
    assert set(statuses) <= {302, 400} and 302 in statuses  # a refusal, never an error page
    db.session.expire_all()
    meeting = _meeting(db, demo)
    numbers = db.session.scalars(select(PrecedenceLot.number).where(
        PrecedenceLot.meeting_id == meeting.id).order_by(PrecedenceLot.number)).all()
    assert numbers == list(range(1, statuses.count(302) + 2))  # one per draw that succeeded


def test_protocol_pages_speak_every_locale(app, db, demo):
    from app.i18n import LOCALES

    client = staff_client(app)
    url = BASE.format(slug=demo)
    for lang in LOCALES:
        for path, english in (("/", "Order of precedence"), ("/seating", "Seating plan")):
            page = client.get(f"{url}{path}?lang={lang}")
            assert page.status_code == 200, (lang, path)
            heading = page.get_data(as_text=True).split("<h1>")[1].split("</h1>")[0]
            assert (heading == english) == (lang == "en"), (lang, heading)

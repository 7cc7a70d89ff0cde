"""Meals and receptions (logistics) on the agenda page, among the items of their days: the
agenda never imports catering; the web layer registers the meals as a source of day events, and
the agenda page's kept copies are keyed on the meals as they stand."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.logistics.catering.models import Meal
from tests.checkers import vnu_errors
from tests.conftest import sign_in

AGENDA = "/meetings/bc-2025-seoul/agenda"


def _reader(app, email: str = "delegate.th@rtp.example.com"):
    reader = app.test_client()
    sign_in(app, reader, email)
    with reader.session_transaction() as session:
        session.pop("_flashes", None)
    return reader


def _days(html: str) -> list[str]:
    return re.findall(r'<section class="agenda-day".*?(?=<section class="agenda-day"|</main>)',
                      html, re.S)


def _meal(db, title: str) -> Meal:
    return next(m for m in db.session.scalars(select(Meal)) if m.title["en"] == title)


def test_meals_and_receptions_stand_among_the_items_of_their_days(app, db, demo):
    html = _reader(app).get(f"{AGENDA}?lang=en").get_data(as_text=True)
    first, second = _days(html)[:2]
    for title in ("Morning coffee", "Working lunch",
                  "Welcome dinner hosted by the Commissioner General"):
        assert title in first and title not in second
    for title in ("Closing reception",):
        assert title in second and title not in first
    lunch = _meal(db, "Working lunch")
    block = re.search(rf'id="meal-{lunch.id}".*?</(?:section|li)>', html, re.S).group(0)
    assert "Lunch" in block and "12:30" in block and "2:00" in block
    assert "KNPA headquarters, staff restaurant (2nd floor)" in block
    assert 'class="number"' not in block or '<span class="number" aria-hidden="true"></span>' \
        in block  # never numbered
    # In time order among the items: every time on the day runs forwards.
    times = re.findall(r'<time datetime="(\d{4}-\d\d-\d\dT\d\d:\d\d)Z?"', first)
    starts = times[0::2]
    assert starts == sorted(starts)
    # The morning coffee falls between two sessions: it stands between them.
    coffee = _meal(db, "Morning coffee")
    assert re.search(rf'<section class="agenda-event coffee_break" id="meal-{coffee.id}"',
                     first)
    assert first.index("Opening session") < first.index("Morning coffee") \
        < first.index(f'id="meal-{lunch.id}"')


def test_a_break_held_during_a_session_stands_among_its_items(app, db, demo):
    from app.demo.meeting import _seoul
    from app.logistics.catering.models import MealKind
    from app.meetings.models import Meeting

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    db.session.add(Meal(meeting_id=meeting.id, kind=MealKind.COFFEE_BREAK,
                        title={"en": "Afternoon tea"}, place={},
                        starts_at=_seoul(11, "15:30"), ends_at=_seoul(11, "16:00")))
    db.session.commit()
    html = _reader(app).get(f"{AGENDA}?lang=en").get_data(as_text=True)
    tea = _meal(db, "Afternoon tea")
    session = re.search(r'<section class="agenda-session">(?:(?!</section>).)*Afternoon tea'
                        r'.*?</section>', html, re.S).group(0)
    entries = re.findall(r'<li class="agenda-item[^"]*" id="([^"]+)"', session)
    assert entries.index(f"meal-{tea.id}") == len(entries) - 2  # before the 16:00 item
    # No place of its own: the meeting's venue.
    tea_html = re.search(rf'id="meal-{tea.id}".*?</li>', session, re.S).group(0)
    assert "Place: " in tea_html


def test_meals_are_shown_in_arabic_and_thai(app, db, demo):
    reader = _reader(app)
    arabic = reader.get(f"{AGENDA}?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in arabic
    assert "غداء عمل" in arabic and "حفل الاستقبال الختامي" in arabic
    thai = reader.get(f"{AGENDA}?lang=th").get_data(as_text=True)
    assert "อาหารกลางวันระหว่างการประชุม" in thai and "งานเลี้ยงรับรองปิดการประชุม" in thai
    days = _days(thai)
    assert "อาหารกลางวันระหว่างการประชุม" in days[0] and "งานเลี้ยงรับรองปิดการประชุม" in days[1]


def test_a_changed_meal_shows_at_once_though_the_page_was_kept(app, db, demo):
    reader = _reader(app)
    assert "Working lunch" in reader.get(f"{AGENDA}?lang=en").get_data(as_text=True)
    assert "Working lunch" in reader.get(f"{AGENDA}?lang=en").get_data(as_text=True)  # kept
    lunch = _meal(db, "Working lunch")
    lunch.title = {**lunch.title, "en": "Working lunch, moved to the terrace"}
    db.session.commit()  # as another worker would: the kept page must not be served
    html = reader.get(f"{AGENDA}?lang=en").get_data(as_text=True)
    assert "Working lunch, moved to the terrace" in html
    db.session.delete(_meal(db, "Closing reception"))
    db.session.commit()
    assert "Closing reception" not in reader.get(f"{AGENDA}?lang=en").get_data(as_text=True)


@pytest.mark.one_database
def test_the_agenda_page_with_its_meals_is_valid_html(app, demo, tmp_path):
    reader = _reader(app)
    pages = {lang: reader.get(f"{AGENDA}?lang={lang}").get_data(as_text=True)
             for lang in ("en", "ar", "th")}
    assert all("agenda-event" in html for html in pages.values())
    assert vnu_errors(pages, tmp_path) == []

"""The votes' pages: the secretariat opens a roll-call vote, enters each member delegation's
vote on the console from the keyboard order, closes it; participants then read the result and
its PDF; bad input answers with translated messages and saves nothing; parallel requests record
a delegation once; every page is valid HTML and speaks each of the 15 languages."""
from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import func, select

from app.floor.votes import services
from app.floor.votes.models import Ballot, Vote
from app.i18n import LOCALES
from tests.checkers import vnu_errors
from tests.conftest import csrf_token, pdf_text, sign_in, staff_client
from tests.test_i18n import catalogue
from tests.votes.helpers import first_item, meeting_of, members, observer, tabled_resolution

DELEGATE = "delegate.th@rtp.example.com"


def _base(demo: str) -> str:
    return f"/meetings/{demo}/votes"


def _tabled(app, db, demo):
    with app.test_request_context():
        meeting = meeting_of(demo)
        resolution = tabled_resolution(meeting)
        db.session.commit()
        return resolution.id, first_item(meeting).id


def _open(client, demo, **fields):
    page = client.get(f"{_base(demo)}/")
    data = {"csrf_token": csrf_token(page.get_data(as_text=True)), "method": "recorded",
            "majority": "simple", "quorum": "majority", "language": "en", **fields}
    return client.post(f"{_base(demo)}/", data=data)


def _cast(client, demo, number, org_id, choice):
    page = client.get(f"{_base(demo)}/{number}/console")
    return client.post(f"{_base(demo)}/{number}/cast", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "organisation_id": org_id,
        "choice": choice}, follow_redirects=True)


def test_roll_call_from_the_console_to_the_result(app, db, demo):
    resolution_id, item_id = _tabled(app, db, demo)
    staff = staff_client(app)
    opened = _open(staff, demo, item_id=item_id, subject="resolution",
                   resolution_id=resolution_id, method="roll_call")
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/2/console")
    console = staff.get(f"{_base(demo)}/2/console").get_data(as_text=True)
    orgs = members(meeting_of(demo))
    # The first delegation called has the focus on its first button.
    first_row = re.search(r'<tr id="delegation-(\d+)" aria-current="step">', console)
    assert first_row and console.count("autofocus") == 1
    delegate = app.test_client()
    sign_in(app, delegate, DELEGATE)
    assert delegate.get(f"{_base(demo)}/2").status_code == 404  # not before it closes
    for org, choice in zip(orgs, ["yes", "yes", "yes", "yes", "no", "abstain"], strict=False):
        assert _cast(staff, demo, 2, org.id, choice).status_code == 200
    again = _cast(staff, demo, 2, orgs[0].id, "no").get_data(as_text=True)
    assert "has already voted in this vote." in again
    watcher = observer(meeting_of(demo))
    refused = _cast(staff, demo, 2, watcher.id, "yes").get_data(as_text=True)
    assert "observes and does not vote" in refused
    page = staff.get(f"{_base(demo)}/2/console")
    closed = staff.post(f"{_base(demo)}/2/close", data={
        "csrf_token": csrf_token(page.get_data(as_text=True))}, follow_redirects=True)
    html = closed.get_data(as_text=True)
    assert "4 votes in favour, 1 vote against, 1 abstention" in html
    result = delegate.get(f"{_base(demo)}/2?lang=en").get_data(as_text=True)
    for org in orgs:
        assert services.delegation_name(org, "en") in result
    assert "Adopted (Roll-call vote; 4 votes in favour" in result
    pdf = delegate.get(f"{_base(demo)}/2.pdf?lang=en")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = " ".join(pdf_text(pdf.data).split())
    assert "4 votes in favour" in text and services.delegation_name(orgs[0], "en") in text
    resolution = staff.get(f"/meetings/{demo}/resolutions/2").get_data(as_text=True)
    assert "Adopted" in resolution


def test_bad_opening_shows_every_message_in_the_readers_language(app, db, demo):
    staff = staff_client(app)
    staff.get(f"{_base(demo)}/?lang=fr")
    response = _open(staff, demo, item_id="nope", subject="motion", motion="",
                     majority="three_quarters", quorum="everyone")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    french = catalogue("fr")
    for message in ("Choose the majority from the list.", "Choose the quorum from the list.",
                    "Choose an item of the agenda.", "This field is required."):
        assert french.gettext(message) in html.replace("&#39;", "'")
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 1  # the demo's only


def test_parallel_votes_of_one_delegation_are_recorded_once(app, db, demo):
    from app.extensions import db as _db

    resolution_id, item_id = _tabled(app, db, demo)
    with app.test_request_context():
        meeting = meeting_of(demo)
        vote = services.open_vote(meeting, item_id=item_id, subject="resolution",
                                  resolution_id=resolution_id, method="recorded",
                                  majority="simple", quorum="majority")
        org_id = members(meeting)[0].id
        vote_id = vote.id
        _db.session.commit()
    _db.session.remove()
    barrier = threading.Barrier(6)
    made, refused, failed = [], [], []

    def cast(choice: str) -> None:
        with app.test_request_context():
            try:
                found = _db.session.get(Vote, vote_id)
                barrier.wait(timeout=10)
                services.cast(found, org_id, choice)
                _db.session.commit()
                made.append(choice)
            except services.VoteError:
                refused.append(choice)
            except Exception as exc:  # noqa: BLE001 - reported below
                failed.append(repr(exc))
            finally:
                _db.session.rollback()
                _db.session.remove()

    threads = [threading.Thread(target=cast, args=(c,))
               for c in ("yes", "no", "abstain", "yes", "no", "abstain")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if db.engine.dialect.name == "sqlite":
        failed = [f for f in failed if "locked" not in f]  # one writer at a time
    assert failed == []
    assert len(made) == 1
    assert db.session.scalar(select(func.count()).select_from(Ballot).where(
        Ballot.vote_id == vote_id)) == 1


@pytest.mark.one_database
def test_pages_are_valid_html(app, db, demo, tmp_path):
    staff = staff_client(app)
    delegate = app.test_client()
    sign_in(app, delegate, DELEGATE)
    pages = {}
    for lang in ("en", "ar"):
        pages[f"index-{lang}"] = staff.get(f"{_base(demo)}/?lang={lang}").get_data(as_text=True)
        pages[f"console-{lang}"] = staff.get(
            f"{_base(demo)}/1/console?lang={lang}").get_data(as_text=True)
        pages[f"result-{lang}"] = delegate.get(
            f"{_base(demo)}/1?lang={lang}").get_data(as_text=True)
    resolution_id, item_id = _tabled(app, db, demo)
    _open(staff, demo, item_id=item_id, subject="resolution", resolution_id=resolution_id)
    pages["open-console"] = staff.get(f"{_base(demo)}/2/console").get_data(as_text=True)
    assert vnu_errors(pages, tmp_path) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_result_in_every_locale(app, db, demo, locale):
    delegate = app.test_client()
    sign_in(app, delegate, DELEGATE)
    response = delegate.get(f"{_base(demo)}/1?lang={locale}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    translated = catalogue(locale)
    for message in ("Votes by delegation", "Explanations of vote and reservations"):
        assert translated.gettext(message) in html
    assert translated.ngettext("%(num)d vote in favour", "%(num)d votes in favour", 6) \
        % {"num": 6} in html
    if locale != "en":
        assert translated.gettext("Votes by delegation") != "Votes by delegation"


@pytest.mark.one_database
@pytest.mark.parametrize(("lang", "codepoint"), [("th", 0x0E40), ("ar", 0x0627),
                                                 ("ko", 0xD45C), ("km", 0x1780)])
def test_result_pdf_in_each_script_with_its_font(app, db, demo, tmp_path, lang, codepoint):
    from tests.agenda.test_pdf import _covers, _fonts

    delegate = app.test_client()
    sign_in(app, delegate, DELEGATE)
    response = delegate.get(f"{_base(demo)}/1.pdf?lang={lang}")
    assert response.status_code == 200
    translated = catalogue(lang)
    text = pdf_text(response.data)
    title = translated.gettext("Vote %(number)d") % {"number": 1}
    flat = "".join(text.replace("\u2060", "").split())  # Khmer's word joiners, line breaks
    assert "".join(title.split()) in flat
    assert "امتنع وفد دولة الإمارات" in text or lang != "ar"
    assert _covers(_fonts(response.data, tmp_path), codepoint), lang


def test_explanation_of_vote_from_the_console(app, db, demo):
    staff = staff_client(app)
    orgs = members(meeting_of(demo))
    page = staff.get(f"{_base(demo)}/1/console?lang=en").get_data(as_text=True)
    response = staff.post(f"{_base(demo)}/1/statements", data={
        "csrf_token": csrf_token(page), "organisation_id": orgs[0].id,
        "kind": "reservation", "language": "fr",
        "text": "Réserve sur l'expression « à tout moment »."}, follow_redirects=True)
    assert response.status_code == 200
    assert "Réserve sur l&#39;expression « à tout moment »." in response.get_data(as_text=True)
    watcher = observer(meeting_of(demo))
    refused = staff.post(f"{_base(demo)}/1/statements", data={
        "csrf_token": csrf_token(page), "organisation_id": watcher.id, "kind": "opinion",
        "language": "xx", "text": ""})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    for message in ("observes and does not vote", "Choose an explanation of vote or a "
                    "reservation.", "Choose one of the languages of the application.",
                    "This field is required."):
        assert message in html


def test_the_items_decision_shows_the_question_as_put(app, db, demo, tmp_path):
    staff = staff_client(app)
    with app.test_request_context():
        item_id = first_item(meeting_of(demo)).id
    opened = _open(staff, demo, item_id=item_id, subject="item", quorum="none",
                   motion="Shall the agenda be adopted as amended?")
    assert opened.status_code == 302
    html = staff.get(f"{_base(demo)}/2/console?lang=en").get_data(as_text=True)
    assert "Shall the agenda be adopted as amended?" in html
    assert "Decision on item 1, " in html
    assert vnu_errors({"console": html}, tmp_path) == []

"""Several application servers: two gunicorn instances (production settings, each with its own
instance folder and port) on one PostgreSQL database and one Redis. A change made through one
is what the other serves at once; the sign-in limits count across both; two outbox workers,
one with each instance's environment, send every message once.

PostgreSQL only (TEST_DATABASE_URL): the module makes a database of its own on that server.
One pair of servers serves every test of the module.
"""
from __future__ import annotations

import json
import os
import uuid
from contextlib import ExitStack

import pytest

from bench import instances as cluster
from tests.conftest import pdf_text
from tests.servers import redis_reachable

pytestmark = pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                                reason="two instances need PostgreSQL (TEST_DATABASE_URL)")


@pytest.fixture(autouse=True)
def _database():
    """This module has its own database and servers: the suite's per-test copies of the
    session database (conftest's `_database`) are not made."""
    yield


@pytest.fixture(scope="module")
def pair():
    """Instances A and B, the setup app on their database, and the SMTP server's inbox."""
    if not redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379 (CI runs it; start redis-server)")
    from sqlalchemy.engine import make_url

    given = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"{given.database}_two_instances{os.environ.get('PYTEST_XDIST_WORKER', '')}"
    url = cluster.own_database(os.environ["TEST_DATABASE_URL"], name)
    shared = cluster.Shared(url)
    made: dict = {}
    try:
        with ExitStack() as stack:
            inbox, mail_url = stack.enter_context(cluster.smtp_server())

            def meanwhile(started) -> None:  # while the servers import the application
                made["app"] = cluster.prepare(shared)
                made["workers"] = stack.enter_context(cluster.outbox_workers(started))

            a, b = stack.enter_context(cluster.instances(shared, mail_url, meanwhile=meanwhile))
            app = made["app"]
            data = cluster.fixture(app)
            yield {"app": app, "data": data, "a": a, "b": b, "inbox": inbox, "shared": shared,
                   "workers": made["workers"],
                   "staff": cluster.staff_browser(a.base, data.staff_password),
                   "reader": cluster.reader_browser(app, b.base)}
    finally:
        shared.forget_limits()
        if "app" in made:
            from app.extensions import db

            with made["app"].app_context():
                db.engine.dispose()
        cluster.drop_database(url)


def test_both_instances_run_in_production_with_folders_of_their_own(pair):
    a, b = pair["a"], pair["b"]
    assert a.env["APP_ENV"] == b.env["APP_ENV"] == "production"
    assert a.env["DATABASE_URL"] == b.env["DATABASE_URL"]
    assert a.folder != b.folder and a.base != b.base
    # Secure cookies (production) came back through the proxy's https.
    assert any(cookie.secure for cookie in pair["reader"].jar)


def test_an_edit_through_one_instance_is_read_at_once_through_the_other(pair):
    a, b, data, staff, reader = pair["a"], pair["b"], pair["data"], pair["staff"], pair["reader"]
    meeting = f"{b.base}/meetings/{cluster.SLUG}"
    before = cluster.reads(reader, b.base, data.feed_token)  # B keeps copies of these
    for kind, response in before.items():
        assert response.status == 200, kind
    old_pdf = reader.open(f"{meeting}/agenda.pdf?lang=en")
    assert old_pdf.status == 200
    old_title = data.title
    assert " ".join(old_title.split()) in " ".join(pdf_text(old_pdf.body).split())

    title = f"Cross-border fraud proceeds {uuid.uuid4().hex[:8]}"
    cluster.rename_item(staff, a.base, data.item_id, title)
    cluster.publish(staff, a.base)

    after = cluster.reads(reader, b.base, data.feed_token)
    for kind, response in after.items():
        assert cluster.shows(response, title), f"B serves a stale {kind}"
        assert not cluster.shows(response, old_title), f"B's {kind} still has the old title"
    # A calendar app that asks with the ETag it has gets the new calendar, not 304.
    etag = before["agenda.ics"].headers["ETag"]
    again = reader.open(f"{meeting}/agenda.ics?lang=en", headers={"If-None-Match": etag})
    assert again.status == 200 and cluster.shows(again, title)
    new_pdf = reader.open(f"{meeting}/agenda.pdf?lang=en")
    text = " ".join(pdf_text(new_pdf.body).split())
    assert title in text and old_title not in text
    data.title = title


def test_the_floor_state_follows_an_agenda_edit_made_through_the_other_instance(pair):
    """The room display's state.json (ETag and the worker's copy) shows the item's title as
    the editor has it now, though the change came through the other instance."""
    a, b, data, staff, reader = pair["a"], pair["b"], pair["data"], pair["staff"], pair["reader"]
    url = f"{b.base}/meetings/{cluster.SLUG}/floor/state.json?item={data.item_id}&lang=en"
    first = reader.open(url)
    assert first.status == 200
    assert json.loads(first.body)["item"]["title"]["en"] == data.title

    title = f"Asset recovery {uuid.uuid4().hex[:8]}"
    cluster.rename_item(staff, a.base, data.item_id, title)
    second = reader.open(url, headers={"If-None-Match": first.headers["ETag"]})
    assert second.status == 200, "B answered 304: the display keeps the old title"
    assert json.loads(second.body)["item"]["title"]["en"] == title
    cluster.publish(staff, a.base)
    data.title = title


def test_a_document_attached_through_one_instance_is_served_by_the_other(pair):
    """Each instance has an instance folder of its own: the file is kept in the database."""
    a, b, data, staff, reader = pair["a"], pair["b"], pair["data"], pair["staff"], pair["reader"]
    body = b"%PDF-1.7\n% statement of Thailand\n%%EOF\n"
    cluster.attach_document(staff, a.base, data.item_id, "statement.pdf", body,
                            "Statement of Thailand")
    document = cluster.document_ids(pair["app"], data.item_id)[-1]
    cluster.publish(staff, a.base)
    got = reader.open(f"{b.base}/meetings/{cluster.SLUG}/agenda/documents/{document}")
    assert got.status == 200 and got.body == body
    assert not (b.folder / "documents").exists() and not (a.folder / "documents").exists()


def test_sign_in_failures_through_one_instance_count_at_the_other(pair):
    statuses = cluster.failed_sign_ins(pair["a"].base, pair["b"].base, 14)
    # Each instance alone would have let 10 through (20 in all): together they let 10.
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429] * 4


def test_two_outbox_workers_send_every_message_once(pair):
    """The workers run beside the servers, one with each instance's environment; both take
    messages from the same outbox."""
    wanted = cluster.queue_messages(pair["app"], 200, "test")
    outcome = cluster.await_delivery(pair["app"], pair["workers"], pair["inbox"], wanted)
    assert outcome["worker_errors"] == [] and outcome["running"] == [True, True]
    assert (outcome["lost"], outcome["duplicated"], outcome["duplicated_any"]) == (0, 0, 0)

"""Structured logs: one JSON object per line, one line per request, no personal data."""
from __future__ import annotations

import io
import json
import logging
from contextlib import contextmanager

from sqlalchemy import select

from tests.conftest import sign_in, statements_of


@contextmanager
def _request_log(app):
    """Request logging switched on, as in production; yields the parsed request lines."""
    from app import _log_request, _start_timer, configure_logging

    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    handler = configure_logging("json", stream)
    app.config["LOG_REQUESTS"] = True
    app.before_request_funcs.setdefault(None, []).append(_start_timer)
    app.after_request_funcs.setdefault(None, []).append(_log_request)
    requests: list[dict] = []
    try:
        yield requests
    finally:
        app.before_request_funcs[None].remove(_start_timer)
        app.after_request_funcs[None].remove(_log_request)
        app.config["LOG_REQUESTS"] = False
        root.handlers[:], _level = saved
        root.setLevel(saved[1])
        handler.close()
        lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
        requests.extend(line for line in lines if line.get("logger") == "app.request")


def test_json_logs_carry_one_object_per_request(app, client, demo):
    with _request_log(app) as requests:
        client.get("/healthz")
        client.get("/meetings/bc-2025-seoul/agenda?lang=th")
    assert [(r["method"], r["path"], r["status"]) for r in requests] == [
        ("GET", "/healthz", 200), ("GET", "/meetings/bc-2025-seoul/agenda", 302)]
    assert all({"time", "level", "ms"} <= set(r) for r in requests)
    assert all("@" not in json.dumps(r) for r in requests)  # no e-mail addresses


def test_request_lines_name_the_person_by_id_without_loading_them(app, db, client, demo):
    from app.auth.models import User

    sign_in(app, client, "delegate.th@rtp.example.com")
    user_id = db.session.scalar(select(User.id).where(User.email == "delegate.th@rtp.example.com"))
    client.get("/meetings/bc-2025-seoul/agenda?lang=th")
    client.get("/meetings/bc-2025-seoul/agenda?lang=th")  # now a kept page
    with _request_log(app) as requests:
        statements, response = statements_of(app, client, "/meetings/bc-2025-seoul/agenda?lang=th")
    assert response.status_code == 200
    assert len(statements) == 1  # the log line did not load the person
    assert [r["user"] for r in requests] == [str(user_id)]

"""Structured logs: one JSON object per line, one line per request, no personal data."""
from __future__ import annotations

import io
import json
import logging


def test_json_logs_carry_one_object_per_request(app, client, demo):
    from app import configure_logging

    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    handler = configure_logging("json", stream)
    app.config["LOG_REQUESTS"] = True
    from app import _log_request, _start_timer

    app.before_request_funcs.setdefault(None, []).append(_start_timer)
    app.after_request_funcs.setdefault(None, []).append(_log_request)
    try:
        client.get("/healthz")
        client.get("/meetings/bc-2025-seoul/agenda?lang=th")
    finally:
        app.before_request_funcs[None].remove(_start_timer)
        app.after_request_funcs[None].remove(_log_request)
        app.config["LOG_REQUESTS"] = False
        root.handlers[:], _level = saved
        root.setLevel(saved[1])
        handler.close()
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    requests = [line for line in lines if line.get("logger") == "app.request"]
    assert [(r["method"], r["path"], r["status"]) for r in requests] == [
        ("GET", "/healthz", 200), ("GET", "/meetings/bc-2025-seoul/agenda", 302)]
    assert all({"time", "level", "ms"} <= set(r) for r in requests)
    assert all("@" not in json.dumps(r) for r in requests)  # no e-mail addresses

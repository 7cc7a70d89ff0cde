"""Structured logs: one JSON object per line, one line per request, no personal data."""
from __future__ import annotations

import io
import json
import logging
import re
from contextlib import contextmanager

from sqlalchemy import select

from tests.conftest import sign_in, statements_of


@contextmanager
def _request_log(app, kind: str = "json", every_logger: bool = False):
    """Request logging switched on, as in production; yields the parsed request lines (or
    those of every logger; the raw lines of every logger for kind="text")."""
    from app import configure_logging
    from app.web import _log_request, _start_timer

    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    handler = configure_logging(kind, stream)
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
        if kind == "text":
            requests.extend(stream.getvalue().splitlines())
        else:
            lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
            requests.extend(line for line in lines if line.get("logger") == "app.request"
                            or every_logger)


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


SECRET = "SeCrEt-To.KeN_0123456789"


def _token_urls(app) -> list[str]:
    """A request to every route with a token in its path (found in the URL map, so a new one
    is covered too), and tokens in query strings."""
    urls = []
    for rule in app.url_map.iter_rules():
        if any("token" in name for name in rule.arguments):
            path = rule.rule.replace("<token>", SECRET)
            choice = re.search(r"<any\(([^)]*)\):\w+>", path)  # one request per choice
            options = [o.strip() for o in choice.group(1).split(",")] if choice else [None]
            urls += [(path.replace(choice.group(0), option) if choice else path) + "?lang=ko"
                     for option in options]
    assert {url.split(SECRET)[0] for url in urls} >= {
        "/auth/link/", "/calendar/", "/register/", "/invitation/"}
    return [*urls, f"/healthz?token={SECRET}&lang=th", f"/auth/sign-in?next=/auth/link/{SECRET}"]


def _issued_sign_in_link(app) -> tuple[str, str]:
    from tests.conftest import issue_link, link_path

    path = link_path(app, issue_link(app, "delegate.th@rtp.example.com"))
    return path, path.split("/auth/link/")[1].split("?")[0]


def test_json_request_lines_never_show_a_token(app, client, demo):
    link, token = _issued_sign_in_link(app)
    with _request_log(app) as requests:
        for url in [link, *_token_urls(app)]:
            client.get(url)
    written = json.dumps(requests)
    assert SECRET not in written and token not in written
    paths = [r["path"] for r in requests]
    assert "/auth/link/[redacted]" in paths and "/calendar/[redacted].ics" in paths
    assert "/register/[redacted]" in paths and "/invitation/[redacted]" in paths
    assert "/healthz" in paths  # other paths are written as they are


def test_json_tracebacks_never_show_a_token(app):
    with _request_log(app, every_logger=True) as lines:
        try:
            raise ValueError(f"no such link: /register/{SECRET}")
        except ValueError:
            logging.getLogger("app").exception("Unhandled error on GET %s",
                                               f"/register/{SECRET}")
    assert [line["message"] for line in lines] == ["Unhandled error on GET /register/[redacted]"]
    assert "ValueError: no such link: /register/[redacted]" in lines[0]["exc_info"]
    assert SECRET not in json.dumps(lines)


def test_text_logs_never_show_a_token(app, client, demo):
    link, token = _issued_sign_in_link(app)
    with _request_log(app, "text") as lines:
        for url in [link, *_token_urls(app)]:
            client.get(url)
        try:
            raise ValueError(f"no such link: /register/{SECRET}")
        except ValueError:
            logging.getLogger("app").exception("Unhandled error on GET %s",
                                               f"/register/{SECRET}")
    written = "\n".join(lines)
    assert SECRET not in written and token not in written
    assert "/register/[redacted]" in written


def test_development_server_request_lines_never_show_a_token(app, live_server, demo, caplog):
    """Werkzeug's own line ('"GET /path HTTP/1.1" 200 -'), as `flask run` writes it."""
    import time

    from tests.servers import get

    link, token = _issued_sign_in_link(app)
    caplog.set_level(logging.INFO, logger="werkzeug")
    werkzeug = logging.getLogger("werkzeug")
    disabled, werkzeug.disabled = werkzeug.disabled, False  # by the migrations' fileConfig
    urls = [link, *_token_urls(app)]
    try:
        for url in urls:
            get(live_server + url)
        for _ in range(50):  # the server writes its line as it answers, from its own thread
            lines = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
            if len(lines) >= len(urls):
                break
            time.sleep(0.05)
    finally:
        werkzeug.disabled = disabled
    assert len(lines) >= len(urls)
    written = "\n".join(lines)
    assert SECRET not in written and token not in written
    assert '"GET /auth/link/[redacted]?lang=' in written
    assert '"GET /healthz?token=[redacted]&lang=th HTTP/1.1" 200' in written


def test_gunicorn_access_lines_never_show_a_token(app):
    """gunicorn's access log with its default format, which also writes the Referer (a page
    opened from a registration link sends that link as Referer with its style sheet), and
    the query string on its own."""
    from tests.servers import get, gunicorn

    default = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'
    with gunicorn(app, "--access-logfile", "-",
                  "--access-logformat", default + " query=%(q)s") as (server,):
        for url in _token_urls(app):
            get(server.base + url)
        assert get(server.base + "/static/css/app.css",
                   Referer=f"{server.base}/register/{SECRET}?lang=ko") == 200
    assert "/calendar/[redacted].ics" in server.output
    assert f"{server.base}/register/[redacted]?lang=ko" in server.output
    assert "query=token=[redacted]&lang=th" in server.output
    assert SECRET not in server.output

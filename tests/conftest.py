"""Fixtures: the app on SQLite (and PostgreSQL with TEST_DATABASE_URL), clients, demo data."""
from __future__ import annotations

import os
import re
import threading

import flask_migrate
import pytest
from flask.globals import _cv_app
from flask.testing import FlaskClient
from sqlalchemy import select, text
from werkzeug.serving import make_server

from app import create_app
from app.config import TestConfig, database_url
from app.extensions import db as _db
from app.extensions import limiter


class IsolatedClient(FlaskClient):
    """Each request gets its own application context, as under a real server.

    Without this, a request made while a test holds an app context (the db fixture) would
    reuse that context's `g`, and with it the signed-in user and locale of the last request.
    """

    def open(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)


BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                  r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'test.sqlite3'}"
    else:
        url = database_url(os.environ["TEST_DATABASE_URL"])
    config = type("SessionConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": url, "INSTANCE_DIR": str(folder)})
    application = create_app(config)
    application.test_client_class = IsolatedClient
    with application.app_context():
        if request.param == "postgresql":
            with _db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        flask_migrate.upgrade()  # the schema comes from the migrations, as in production
    yield application
    with application.app_context():
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(app):
    yield
    with app.app_context():
        _db.session.remove()
        with _db.engine.begin() as conn:
            for table in reversed(_db.metadata.sorted_tables):
                conn.execute(table.delete())
    limiter.reset()


@pytest.fixture
def db(app):
    with app.app_context():
        yield _db
        _db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def demo(app):
    """The demo meeting (bc-2025-seoul) with its agencies, agenda and users."""
    from app.demo import load_demo_data

    with app.app_context():
        meeting = load_demo_data()
        return meeting.slug


def statements_of(app, client, url: str, **kwargs) -> tuple[list[str], object]:
    """The SQL statements one GET runs, and its response."""
    from sqlalchemy import event

    with app.app_context():
        engine = _db.engine
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        response = client.get(url, **kwargs)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return statements, response


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1) or match.group(2)


def issue_link(app, email: str) -> str:
    from app.auth.models import User
    from app.auth.services import issue_login_link

    with app.test_request_context():
        user = _db.session.scalar(select(User).where(User.email == email))
        link = issue_login_link(user)
        _db.session.commit()
        return link


def link_path(app, link: str, lang: str | None = None) -> str:
    """The path of a sign-in link, optionally opened in another language."""
    path = link.removeprefix(app.config["PUBLIC_URL"])
    return re.sub(r"lang=[\w]+", f"lang={lang}", path) if lang else path


def sign_in(app, client, email: str):
    """Sign a delegate in through a one-time link, as the browser would."""
    link = link_path(app, issue_link(app, email))
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def staff_credentials(app) -> dict:
    import json
    from pathlib import Path

    return json.loads((Path(app.instance_path) / "demo-credentials.json").read_text())


def sign_in_staff(app, client, email: str = "staff@knpa.example.com"):
    page = client.get("/auth/staff")
    password = staff_credentials(app)[email]["password"]
    response = client.post("/auth/staff", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "email": email,
        "password": password})
    assert response.status_code == 302
    return response


def staff_client(app):
    """A new client signed in as the secretariat."""
    client = app.test_client()
    sign_in_staff(app, client)
    return client


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, as pypdf extracts it."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def base_letters(text: str) -> str:
    """Base letters only: text extraction may split or reorder combining marks (Khmer, Thai)."""
    import unicodedata

    return "".join(c for c in text if not c.isspace() and unicodedata.category(c)[0] != "M")


@pytest.fixture(scope="session")
def live_server(app):
    """The app served over real HTTP on 127.0.0.1, for the browser."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    if not os.path.exists("/usr/bin/chromium"):
        pytest.fail("Chromium is missing: run 'make test', which installs it")
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


class _Inbox:
    """What a real SMTP server on 127.0.0.1 received; `refuse` makes it answer 550."""

    def __init__(self):
        self.messages: list = []
        self.raw: list[tuple[list[str], bytes]] = []  # the bytes as they came over SMTP
        self.refuse = False
        self.delay = 0.0

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        if self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        from email import message_from_bytes
        from email.policy import default

        self.raw.append((envelope.rcpt_tos, envelope.content))
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content,
                                                                    policy=default)))
        return "250 OK"


@pytest.fixture
def smtp_server(app):
    """An aiosmtpd server on a free local port; the app's MAIL_URL points at it."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    previous = app.config.get("MAIL_URL")
    app.config["MAIL_URL"] = f"smtp://127.0.0.1:{port}"
    yield inbox
    app.config["MAIL_URL"] = previous
    controller.stop()

"""Fixtures: the app on SQLite (and PostgreSQL with TEST_DATABASE_URL), clients, demo data."""
from __future__ import annotations

import functools
import os
import re
import sqlite3
import threading
from contextlib import closing

import flask_migrate
import pytest
from _pytest.mark.structures import ParameterSet
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


# Argon2 at its lowest cost in the tests (1 pass over 1 MiB instead of 3 over 64 MiB): hashes
# are still real argon2id ("$argon2id$..."), and every sign-in check still verifies one, but
# the several hundred sign-ins of the suite no longer cost a third of a CPU second each.
# Production's parameters (argon2-cffi's defaults, app/auth/services.py) are unchanged.
def _cheap_password_hashing() -> None:
    from argon2 import PasswordHasher

    from app.auth import services

    services._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    services._DUMMY_HASH = services._hasher.hash("not a password of anyone")


_cheap_password_hashing()
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
#: The database of the tests marked `one_database`: PostgreSQL (production's) when given.
ONE_BACKEND = "postgresql" if "postgresql" in BACKENDS else "sqlite"


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc):
    """A test marked `one_database` runs on ONE_BACKEND only, unless it parametrises `app`
    itself. The mark is for checks that do not depend on the database: the FORMAT of a
    document or page (the PDF's tags, fonts, text layer and geometry; the Nu HTML Checker's
    verdict), whose pages and documents the tests of their own feature render on both
    databases; and a part that lives elsewhere (the sign-in limit shared in Redis, the
    deployment image's tree). tests/browser/conftest.py does the same for the browser tests.
    Running them twice cost a fifth of the suite for no added assertion."""
    if metafunc.definition.get_closest_marker("one_database"):
        on_one_database(metafunc)


def on_one_database(metafunc) -> None:
    """Give a test that uses the app the `app` parameter ONE_BACKEND (unless it gives its
    own), before pytest parametrises it by every backend."""
    if "app" in metafunc.fixturenames and not any(
            "app" in ParameterSet._parse_parametrize_args(*mark.args, **mark.kwargs)[0]
            for mark in metafunc.definition.iter_markers("parametrize")):
        metafunc.definition.add_marker(
            pytest.mark.parametrize("app", [ONE_BACKEND], indirect=True))


CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                  r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'test.sqlite3'}"
    else:
        url = database_url(_own_database(os.environ["TEST_DATABASE_URL"]))
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
        copies = (SqliteCopies if request.param == "sqlite" else PostgresCopies)(_db.engine)
        with _db.engine.begin() as conn:  # what the migrations may have added goes, as before
            for table in reversed(_db.metadata.sorted_tables):
                conn.execute(table.delete())
        copies.save("empty")
    application.extensions["test_copies"] = copies
    application.extensions["test_page_caches"] = _page_caches()
    yield application
    with application.app_context():
        copies.close()
        _db.engine.dispose()


def _page_caches() -> list:
    """The app's in-process caches of rendered pages (BoundedCache, wherever it lives). Each
    test starts with them empty, as a new worker would: their keys hold values (a version's
    time, a name), and every copy of the demo holds the same values, so a page kept by one
    test would be served to the next (a reload of the demo used to change the times)."""
    import sys

    caches = []
    for name, module in list(sys.modules.items()):
        if name == "app" or name.startswith("app."):
            caches += [value for value in vars(module).values()
                       if type(value).__name__ == "BoundedCache"]
    return caches


def _empty_page_caches(app, warm_store=None) -> None:
    """The in-process page caches, and the PDF cache in the instance folder, as a reload left
    them. A test marked `warm_pdf_cache` gets instead the PDF cache of the marked tests before
    it, on either database and (under pytest-xdist) on any worker of the run, `warm_store`: the
    cache's names hold the whole HTML (and the renderer's versions), and it writes a file whole
    or not at all, so a hit is the same document byte for byte; only tests that watch the
    renderer itself (a failure injected, the pages counted, the files listed) need it cold,
    and they are not marked."""
    import shutil
    from pathlib import Path

    for cache in app.extensions["test_page_caches"]:
        with cache._lock:
            cache._entries.clear()
    pdfs = Path(app.instance_path) / "pdf-cache"
    if pdfs.is_symlink():
        pdfs.unlink()
    else:
        shutil.rmtree(pdfs, ignore_errors=True)
    if warm_store is not None:
        pdfs.symlink_to(warm_store, target_is_directory=True)


def _warm_pdf_store(request):
    """The PDF cache of the tests marked `warm_pdf_cache`: one folder for the run (both
    databases, every xdist worker: a worker's temporary folder is in the run's)."""
    base = request.getfixturevalue("tmp_path_factory").getbasetemp()
    store = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "warm-pdf-cache"
    store.mkdir(exist_ok=True)
    return store


def _own_database(url: str) -> str:
    """TEST_DATABASE_URL as given, or under pytest-xdist one database per worker beside it
    (test_gw0, test_gw1, ...), created on the same server when missing."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    given = make_url(database_url(url))
    name = f"{given.database}_{worker}"
    server = create_engine(given, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as conn:
            if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                               {"name": name}):
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()
    return given.set(database=name).render_as_string(hide_password=False)


class SqliteCopies:
    """Whole-database copies of the SQLite file, kept in memory and written back with SQLite's
    backup API (a consistent copy, under SQLite's own locks, into the file every connection
    of the app, its live server and its subprocesses opens)."""

    def __init__(self, engine):
        self.path = engine.url.database
        self.saved: dict[str, sqlite3.Connection] = {}

    def save(self, name: str) -> None:
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        with closing(sqlite3.connect(self.path)) as source:
            source.backup(copy)
        self.saved[name] = copy

    def restore(self, name: str) -> None:
        with closing(sqlite3.connect(self.path, timeout=30)) as target:
            target.execute("PRAGMA synchronous=OFF")  # a test database: no fsync needed
            self.saved[name].backup(target)

    def close(self) -> None:
        for copy in self.saved.values():
            copy.close()


class PostgresCopies:
    """Copies of every table's rows (COPY, binary), written back in one transaction after
    deleting what the last test left. Sequences go on from where they are, as before. As a
    superuser (CI's postgres) the foreign-key triggers are skipped while a copy that was
    consistent when saved is written back: twice as fast.

    Only the tables written since the copy was last written back are written back again (as a
    superuser, when the same copy is asked for): a statement-level trigger on every table,
    made here in the test database (never by the migrations, in a schema of its own that the
    schema comparison does not look at), notes the table's name whenever a statement inserts,
    updates, deletes or truncates, from whichever connection or process. A statement rolled
    back takes its note with it, as it takes its rows. The notes have no unique index, so two
    transactions writing the same table at once never wait for each other because of them. If
    the triggers are no longer the ones made here (pg_restore recreates the tables), every
    table is written back and the triggers are made again."""

    SCHEMA = "bcm_test_copies"
    TRIGGER = "bcm_test_written"

    def __init__(self, engine):
        self.engine = engine
        self.saved: dict[str, list[tuple[str, bytes]]] = {}
        self.current: str | None = None  # the copy the tables hold, but for those written
        with engine.connect() as conn:
            self.superuser = conn.scalar(text(
                "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
        self.triggers = self._track() if self.superuser else None

    def _track(self) -> str:
        """Make the notes' table and the triggers; returns what identifies these triggers."""
        from psycopg.sql import SQL, Identifier

        schema, trigger = Identifier(self.SCHEMA), Identifier(self.TRIGGER)
        connection = self.engine.raw_connection()
        try:
            with connection.cursor() as cursor:
                cursor.execute(SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(schema))
                cursor.execute(SQL("CREATE SCHEMA {}").format(schema))
                cursor.execute(SQL("CREATE UNLOGGED TABLE {}.written (name text NOT NULL)")
                               .format(schema))
                cursor.execute(SQL(
                    "CREATE FUNCTION {}.note_written() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN INSERT INTO {}.written VALUES (TG_TABLE_NAME); RETURN NULL; END $$"
                ).format(schema, schema))
                for table in _db.metadata.sorted_tables:
                    cursor.execute(SQL(
                        "CREATE TRIGGER {} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {} "
                        "FOR EACH STATEMENT EXECUTE FUNCTION {}.note_written()").format(
                        trigger, Identifier(table.name), schema))
                cursor.execute(self._TRIGGERS, {"name": self.TRIGGER})
                triggers = cursor.fetchone()[0]
            connection.commit()
        finally:
            connection.close()
        return triggers

    #: The triggers as they are: a table made again, or a trigger dropped, changes the answer.
    _TRIGGERS = ("SELECT string_agg(oid::text, ',' ORDER BY oid) FROM pg_trigger "
                 "WHERE tgname = %(name)s")

    def save(self, name: str) -> None:
        from psycopg.sql import SQL, Identifier

        rows = []
        connection = self.engine.raw_connection()
        try:
            with connection.cursor() as cursor:
                for table in _db.metadata.sorted_tables:
                    cursor.execute(SQL("SELECT EXISTS (SELECT 1 FROM {})").format(
                        Identifier(table.name)))
                    if not cursor.fetchone()[0]:
                        continue
                    data = bytearray()
                    with cursor.copy(SQL("COPY {} TO STDOUT (FORMAT BINARY)").format(
                            Identifier(table.name))) as copy:
                        for block in copy:
                            data += block
                    rows.append((table.name, bytes(data)))
                if self.triggers is not None:  # the tables hold this copy, as of now
                    cursor.execute(SQL("DELETE FROM {}.written").format(
                        Identifier(self.SCHEMA)))
            connection.commit()
        finally:
            connection.close()
        self.saved[name] = rows
        self.current = name

    def restore(self, name: str) -> None:
        from psycopg.sql import SQL, Identifier

        tables = [table.name for table in _db.metadata.sorted_tables]
        connection = self.engine.raw_connection()
        try:
            with connection.cursor() as cursor:
                if self.superuser:
                    cursor.execute("SET LOCAL session_replication_role = replica")
                if self.triggers is not None and self.current == name:
                    cursor.execute(SQL(
                        "SELECT ({}), array(SELECT DISTINCT name FROM {}.written)").format(
                        SQL(self._TRIGGERS), Identifier(self.SCHEMA)), {"name": self.TRIGGER})
                    triggers, written = cursor.fetchone()
                    if triggers == self.triggers:
                        tables = [table for table in tables if table in written]
                    else:
                        self.triggers = None  # made again below, once the copy is back
                if tables:
                    cursor.execute(SQL("; ").join(  # one round trip
                        SQL("DELETE FROM {}").format(Identifier(table))
                        for table in reversed(tables)))
                    if not self.superuser:  # the owner's way: the rows' own triggers off
                        cursor.execute(self._user_triggers(tables, "DISABLE"))
                for table, data in self.saved[name]:
                    if table in tables:
                        with cursor.copy(SQL("COPY {} FROM STDIN (FORMAT BINARY)").format(
                                Identifier(table))) as copy:
                            copy.write(data)
                if tables and not self.superuser:
                    cursor.execute(self._user_triggers(tables, "ENABLE"))
                if self.triggers is not None:
                    cursor.execute(SQL("DELETE FROM {}.written").format(
                        Identifier(self.SCHEMA)))
            connection.commit()
        finally:
            connection.close()
        self.current = name
        if self.superuser and self.triggers is None:
            self.triggers = self._track()

    @staticmethod
    def _user_triggers(tables: list[str], action: str):
        """The application's own triggers (a closed vote refuses a ballot, say) would refuse
        rows of a consistent copy written back; only a superuser may skip every trigger, the
        tables' owner may turn its own off, in the restoring transaction only."""
        from psycopg.sql import SQL, Identifier

        return SQL("; ").join(SQL("ALTER TABLE {} {} TRIGGER USER").format(
            Identifier(table), SQL(action)) for table in tables)

    def close(self) -> None:
        self.saved.clear()


@pytest.fixture(autouse=True)
def _database(request):
    """Each test that uses the app starts on a fresh copy: the demo meeting for tests that use
    `demo`, an empty (migrated) database for the others. The demo is built once per session
    and copied. A test that uses no `app` (directly or through a fixture) needs no database:
    it is not parametrised by backend and runs once."""
    if "app" not in request.fixturenames:
        if getattr(limiter, "_storage", None) is not None:  # no app made in this process yet
            limiter.reset()
        yield
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        _db.session.remove()
        if "demo" in request.fixturenames:
            _restore_demo(app)
        else:
            app.extensions["test_copies"].restore("empty")
    _empty_page_caches(app, _warm_pdf_store(request)
                       if request.node.get_closest_marker("warm_pdf_cache") else None)
    limiter.reset()
    yield
    with app.app_context():
        _db.session.remove()
    limiter.reset()


def _restore_demo(app) -> str:
    """Write the demo copy back (building it on first use) with the credentials file it made;
    returns the meeting's slug."""
    from app.demo import credentials_file

    copies = app.extensions["test_copies"]
    if "demo" not in copies.saved:
        from app.demo import load_demo_data

        copies.restore("empty")
        app.extensions["test_demo"] = load_demo_data().slug
        _db.session.remove()
        copies.save("demo")
        app.extensions["test_demo_credentials"] = credentials_file().read_text()
    else:
        copies.restore("demo")
        credentials = app.extensions["test_demo_credentials"]
        path = credentials_file()
        if not path.exists() or path.read_text() != credentials:
            path.write_text(credentials)
            path.chmod(0o600)
    return app.extensions["test_demo"]


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
    """The demo meeting (bc-2025-seoul) with its agencies, agenda and users: a fresh copy of
    the one built for the session, written back by the autouse `_database` fixture."""
    return app.extensions["test_demo"]


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


def post_form(client, url: str, data: dict, page: str | None = None, **kwargs):
    """Get the form (from `page`, else from `url`), take its CSRF token, post `data` to `url`."""
    form = client.get(page or url)
    return client.post(url, data={"csrf_token": csrf_token(form.get_data(as_text=True)),
                                  **data}, **kwargs)


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
    password = staff_credentials(app)[email]["password"]
    response = post_form(client, "/auth/staff", {"email": email, "password": password})
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


#: Chromium's own switches for the tests: no sandbox (a container), no GPU, no traffic of its own.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Features turned off on top of Playwright's list. RenderDocument gives every navigation a new
#: frame in the renderer, however alike the pages: without it, Chromium spends a quarter less
#: CPU on a walk of the administration pages (41 s -> 31 s), and the pages are the same.
DISABLED_FEATURES = ["RenderDocument"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser download).

    Chromium takes the last --disable-features switch it is given, not all of them, and
    Playwright passes its own list (features that make automation flaky). So the list is read
    from a first, short launch, and the browser of the tests is launched with that switch
    replaced by one holding the same list and DISABLED_FEATURES."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    if not os.path.exists("/usr/bin/chromium"):
        pytest.fail("Chromium is missing: run 'make test', which installs it")
    with playwright_sync.sync_playwright() as playwright:
        launch = functools.partial(playwright.chromium.launch,
                                   executable_path="/usr/bin/chromium", headless=True)
        probe = launch(args=[*CHROMIUM_ARGS, "--enable-automation"])
        try:  # --enable-automation: Chromium tells its command line only then
            switches = probe.new_browser_cdp_session().send(
                "Browser.getBrowserCommandLine")["arguments"]
        finally:
            probe.close()
        playwrights = [switch for switch in switches if switch.startswith("--disable-features=")]
        assert len(playwrights) == 1, switches
        chromium = launch(ignore_default_args=playwrights, args=[
            *CHROMIUM_ARGS, ",".join([playwrights[0], *DISABLED_FEATURES])])
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

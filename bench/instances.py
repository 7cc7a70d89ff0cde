"""Several application servers: two gunicorn instances on one PostgreSQL and one Redis.

Used by `bench_instances` (the figures) and by tests/test_two_instances.py (the checks). Each
instance runs as in production (APP_ENV=production behind one trusted proxy, a PUBLIC_URL in
https, the sign-in limits in Redis) with an instance folder of its own; they share the
database, SECRET_KEY and DATA_KEYS. What one instance writes must be what the other serves at
once, the sign-in limits must count across both, and two outbox workers must send each
message once.
"""
from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

REDIS = "redis://127.0.0.1:6379"
PUBLIC_URL = "https://meetings.example.org"
SLUG = "bc-2025-seoul"
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) two-instances"
READER = "head.th@rtp.example.com"
STAFF = "staff@knpa.example.com"
BIN = Path(sys.executable).parent


# --- the shared database ---------------------------------------------------------------------

def own_database(server_url: str, name: str) -> str:
    """A new, empty database `name` on the PostgreSQL server of `server_url` (dropped first
    if it exists); its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    given = make_url(server_url.replace("postgresql+psycopg://", "postgresql://"))
    maintenance = given.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return given.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    given = make_url(url)
    maintenance = given.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{given.database}" WITH (FORCE)')


@dataclass
class Shared:
    """What every instance shares: the database, the keys, the Redis prefix."""

    database_url: str
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    data_keys: str = field(default_factory=lambda: _fernet_key())
    limit_prefix: str = field(default_factory=lambda: f"bcm-instances-{uuid.uuid4().hex}")
    setup_folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(
        prefix="bcm-instances-setup-")))

    def config(self):
        """The configuration of the in-process app that prepares the data (not a server)."""
        from app.config import Config, database_url

        return type("InstancesSetup", (Config,), {
            "SQLALCHEMY_DATABASE_URI": database_url(self.database_url),
            "INSTANCE_DIR": str(self.setup_folder), "SECRET_KEY": self.secret_key,
            "DATA_KEYS": self.data_keys, "PUBLIC_URL": PUBLIC_URL})

    def env(self, folder: Path, mail_url: str) -> dict[str, str]:
        """One instance's environment: production, behind one proxy, its own folder."""
        environment = {key: value for key, value in os.environ.items()
                       if key not in ("APP_ENV", "INSTANCE_DIR")}
        environment.update(
            APP_ENV="production", DATABASE_URL=self.database_url, SECRET_KEY=self.secret_key,
            DATA_KEYS=self.data_keys, PUBLIC_URL=PUBLIC_URL, TRUSTED_PROXIES="1",
            MAIL_URL=mail_url, RATELIMIT_STORAGE_URI=REDIS,
            RATELIMIT_KEY_PREFIX=self.limit_prefix, INSTANCE_DIR=str(folder),
            LOG_REQUESTS="0")
        return environment

    def forget_limits(self) -> None:
        import redis

        store = redis.Redis.from_url(REDIS)
        for key in store.scan_iter(f"*{self.limit_prefix}*"):
            store.delete(key)


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def prepare(shared: Shared):
    """Migrate the shared database and load the demo meeting; the setup app."""
    import flask_migrate

    from app import create_app

    app = create_app(shared.config())
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        from app.demo import load_demo_data
        from app.extensions import db

        load_demo_data()
        db.session.commit()
    return app


@dataclass
class Fixture:
    """Ids and secrets the checks need, read from the prepared database."""

    item_id: int
    title: str
    feed_token: str
    staff_password: str


def fixture(app) -> Fixture:
    """A timed agenda item every participant sees, a personal calendar feed of the reader,
    and the staff member's password."""
    import json

    from sqlalchemy import select

    from app.agenda.models import AgendaItem, Visibility
    from app.auth.models import User
    from app.calendar.services import create_feed
    from app.extensions import db
    from app.meetings.models import Meeting

    with app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == SLUG))
        item = db.session.scalar(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id,
                                     AgendaItem.parent_id.is_(None),
                                     AgendaItem.starts_at.is_not(None),
                                     AgendaItem.visibility != Visibility.HEADS)
            .order_by(AgendaItem.starts_at))
        reader = db.session.scalar(select(User).where(User.email == READER))
        token = create_feed(reader, meeting)
        db.session.commit()
        title = item.title["en"]
        item_id = item.id
    credentials = json.loads((shared_folder(app) / "demo-credentials.json").read_text())
    return Fixture(item_id, title, token, credentials[STAFF]["password"])


def shared_folder(app) -> Path:
    return Path(app.instance_path)


# --- the servers -------------------------------------------------------------------------------

@dataclass
class Instance:
    base: str
    folder: Path
    env: dict
    process: subprocess.Popen


@contextmanager
def instances(shared: Shared, mail_url: str, count: int = 2, workers: int = 1,
              meanwhile=None):
    """`count` gunicorn instances (each `workers` workers), each with its own instance
    folder and port; yields them once each answers. `meanwhile(instances)` is called while
    they start (they take seconds to import the application): the database's preparation."""
    from bench.run import _free_port

    started: list[Instance] = []
    with ExitStack() as stack:
        for number in range(count):
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(
                prefix=f"bcm-instance-{'ab'[number] if number < 2 else number}-")))
            env = shared.env(folder, mail_url)
            port = _free_port()
            log = stack.enter_context(open(folder / "gunicorn.log", "w+b"))
            process = subprocess.Popen(
                [str(BIN / "gunicorn"), "-k", "gthread", "-w", str(workers), "--threads", "4",
                 "-b", f"127.0.0.1:{port}", "--no-control-socket", "--graceful-timeout", "2",
                 "--log-level", "warning", "app:create_app()"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            started.append(Instance(f"http://127.0.0.1:{port}", folder, env, process))
        try:
            if meanwhile is not None:
                meanwhile(started)
            for instance in started:
                _wait_until_up(instance)
            yield started
        finally:
            for instance in started:
                instance.process.terminate()
            for instance in started:
                instance.process.wait(timeout=15)


def _wait_until_up(instance: Instance) -> None:
    for _ in range(600):
        try:
            urllib.request.urlopen(instance.base + "/healthz", timeout=1).close()
            return
        except OSError:
            if instance.process.poll() is not None:
                log = (instance.folder / "gunicorn.log").read_text(errors="replace")
                raise RuntimeError(f"the instance did not start:\n{log[-3000:]}") from None
            time.sleep(0.05)
    raise RuntimeError("the instance did not answer within 30 s")


# --- browsers, as behind the TLS proxy ----------------------------------------------------------

class _BehindTls(DefaultCookiePolicy):
    """The proxy speaks https to the browser: Secure cookies go back to the instances."""

    def return_ok_secure(self, cookie, request):
        return True


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict
    url: str

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is the answer: where it leads is checked, not fetched."""

    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser; every request arrives through the proxy (X-Forwarded-For its
    address, X-Forwarded-Proto https), to whichever instance is named."""

    def __init__(self, address: str):
        self.address = address
        self.jar = CookieJar(policy=_BehindTls())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def open(self, url: str, data: dict | None = None, headers: dict | None = None) -> Response:
        request = urllib.request.Request(  # noqa: S310 - http:// on 127.0.0.1 only
            url, data=urllib.parse.urlencode(data, doseq=True).encode()
            if data is not None else None, headers={
                "User-Agent": USER_AGENT, "X-Forwarded-For": self.address,
                "X-Forwarded-Proto": "https",
                # what the browser sends with a form over https (Flask-WTF's strict check)
                **({"Referer": "https://" + url.split("://", 1)[1]} if data is not None
                   else {}), **(headers or {})})
        try:
            with self.opener.open(request, timeout=30) as answer:
                return Response(answer.status, answer.read(), dict(answer.headers), url)
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            return Response(error.code, error.read(), dict(error.headers), url)

    @staticmethod
    def moved_to(response: Response, part: str) -> bool:
        """Whether the response redirects to a URL that contains `part`."""
        return response.status in (302, 303) and part in response.headers.get("Location", "")


CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                  r'name="csrf_token" value="([^"]+)"')


def csrf(page: str) -> str:
    found = CSRF.search(page)
    if found is None:
        raise AssertionError("no CSRF token on the page")
    return found.group(1) or found.group(2)


class _Forms(HTMLParser):
    """The fields of each form on a page, as a browser would send them unchanged."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._select: str | None = None
        self._selected: str | None = None
        self._first: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file", "image"):
                self.forms[-1].append((a["name"], a.get("value") or ("y" if kind == "checkbox"
                                                                      else "")))
        elif tag == "select" and a.get("name"):
            self._select, self._selected, self._first = a["name"], None, None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value", "")
            if "selected" in a:
                self._selected = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], ""

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            value = self._selected if self._selected is not None else self._first
            if value is not None:
                self.forms[-1].append((self._select, value))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.forms[-1].append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def form_with(page: str, name: str) -> dict[str, str | list[str]]:
    """The fields of the page's form that has a field `name`."""
    parser = _Forms()
    parser.feed(page)
    for fields in parser.forms:
        if any(key == name for key, _value in fields):
            values: dict[str, str | list[str]] = {}
            for key, value in fields:
                if key in values:
                    values[key] = [*([values[key]] if isinstance(values[key], str)
                                     else values[key]), value]
                else:
                    values[key] = value
            return values
    raise AssertionError(f"no form with a field {name!r}")


def staff_browser(base: str, password: str, address: str = "198.51.100.10") -> Browser:
    browser = Browser(address)
    page = browser.open(f"{base}/auth/staff").text
    done = browser.open(f"{base}/auth/staff", {"csrf_token": csrf(page), "email": STAFF,
                                               "password": password})
    if done.status not in (302, 303) or "/auth/" in done.headers.get("Location", ""):
        raise AssertionError(f"staff sign-in failed ({done.status}: {done.text[:300]})")
    return browser


def reader_browser(app, base: str, address: str = "198.51.100.20") -> Browser:
    """The head of the Thai delegation, signed in by one-time link through `base`."""
    from sqlalchemy import select

    from app.auth.models import User
    from app.auth.services import issue_login_link
    from app.extensions import db

    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.email == READER))
        link = issue_login_link(user).replace(PUBLIC_URL, base)
        db.session.commit()
    browser = Browser(address)
    page = browser.open(link).text
    done = browser.open(link, {"csrf_token": csrf(page)})
    if done.status not in (302, 303) or "/auth/" in done.headers.get("Location", ""):
        raise AssertionError(f"link sign-in failed ({done.status}: {done.text[:300]})")
    return browser


def rename_item(staff: Browser, base: str, item_id: int, title: str) -> None:
    """Through `base`, as the secretariat: give the item a new English title."""
    url = f"{base}/meetings/{SLUG}/agenda/items/{item_id}/edit?lang=en"
    fields = form_with(staff.open(url).text, "title_en")
    fields["title_en"] = title
    done = staff.open(url, fields)
    if not Browser.moved_to(done, "/agenda/edit"):
        raise AssertionError(f"the item was not saved ({done.status}: {done.text[:300]})")


def attach_document(staff: Browser, base: str, item_id: int, name: str, data: bytes,
                    title: str) -> None:
    """Through `base`, as the secretariat: attach a file to the item (multipart, as the
    editor's form sends it)."""
    edit = f"{base}/meetings/{SLUG}/agenda/items/{item_id}/edit?lang=en"
    token = csrf(staff.open(edit).text)
    boundary = uuid.uuid4().hex
    parts = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
        .encode() for key, value in (("csrf_token", token), ("title", title)))
    parts += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
              f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
              ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    url = f"{base}/meetings/{SLUG}/agenda/items/{item_id}/documents?lang=en"
    request = urllib.request.Request(url, data=parts, headers={  # noqa: S310 - 127.0.0.1
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "User-Agent": USER_AGENT, "X-Forwarded-For": staff.address,
        "X-Forwarded-Proto": "https", "Referer": "https://" + url.split("://", 1)[1]})
    try:
        with staff.opener.open(request, timeout=30) as answer:
            status, location = answer.status, answer.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        status, location = error.code, error.headers.get("Location", "")
    if status not in (302, 303) or "/edit" not in location:
        raise AssertionError(f"the document was not attached ({status} to {location})")


def document_ids(app, item_id: int) -> list[int]:
    from sqlalchemy import select

    from app.agenda.models import AgendaDocument
    from app.extensions import db

    with app.app_context():
        try:
            return list(db.session.scalars(select(AgendaDocument.id).where(
                AgendaDocument.item_id == item_id).order_by(AgendaDocument.id)))
        finally:
            db.session.remove()


def publish(staff: Browser, base: str) -> None:
    url = f"{base}/meetings/{SLUG}/agenda/publish?lang=en"
    done = staff.open(url, {"csrf_token": csrf(staff.open(url).text), "kind": "provisional"})
    if not Browser.moved_to(done, "/agenda/versions"):
        raise AssertionError(f"the agenda was not published ({done.status}: {done.text[:300]})")


def reads(reader: Browser, base: str, feed_token: str) -> dict[str, Response]:
    """What the reader gets through `base`: the agenda page, the meeting's .ics and the
    personal feed, in English."""
    meeting = f"{base}/meetings/{SLUG}"
    return {"agenda page": reader.open(f"{meeting}/agenda?lang=en"),
            "agenda.ics": reader.open(f"{meeting}/agenda.ics?lang=en"),
            "personal feed": Browser(reader.address).open(
                f"{base}/calendar/{feed_token}.ics?lang=en")}


def ics_text(body: bytes) -> str:
    """An .ics body unfolded (RFC 5545 §3.1), its text escapes undone."""
    text = re.sub(r"\r?\n[ \t]", "", body.decode())
    return text.replace("\\,", ",").replace("\\;", ";")


def shows(response: Response, title: str) -> bool:
    import html

    if response.status != 200:
        return False
    if response.headers.get("Content-Type", "").startswith("text/calendar"):
        return title in ics_text(response.body)
    return title in html.unescape(response.text)


# --- the outbox --------------------------------------------------------------------------------

class Inbox:
    """What an SMTP server (aiosmtpd) on 127.0.0.1 received: the Message-IDs."""

    def __init__(self):
        self.message_ids: list[str] = []
        self.times: list[float] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        from email import message_from_bytes

        self.message_ids.append(message_from_bytes(envelope.content)["Message-ID"])
        self.times.append(time.perf_counter())
        return "250 OK"


@contextmanager
def smtp_server():
    """An aiosmtpd server on a free port; yields (inbox, MAIL_URL)."""
    from aiosmtpd.controller import Controller

    from bench.run import _free_port

    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, f"smtp://127.0.0.1:{port}"
    finally:
        controller.stop()


def queue_messages(app, count: int, tag: str) -> set[str]:
    """Queue `count` e-mails, alone in the outbox (what the demo and the publications queued
    before is marked sent: this database is the checks' own); their Message-IDs."""
    from sqlalchemy import update

    from app.extensions import db
    from app.mail.models import OutboxMessage, OutboxStatus
    from app.mail.services import queue

    with app.app_context():
        db.session.execute(update(OutboxMessage).where(
            OutboxMessage.status == OutboxStatus.QUEUED).values(status=OutboxStatus.SENT))
        messages = [queue(f"delegate{number}@instances.example.org", "en",
                          f"Two instances {tag} {number}", f"Message {number} of {count}.",
                          kind="test")
                    for number in range(count)]
        db.session.commit()
        return {message.message_id for message in messages}


def pending(app) -> int:
    from app.extensions import db
    from app.mail.services import pending_count

    with app.app_context():
        try:
            return pending_count()
        finally:
            db.session.remove()


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def errors(self) -> str:
        """What the worker wrote of a traceback so far."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return text[text.find("Traceback"):][-3000:] if "Traceback" in text else ""


@contextmanager
def outbox_workers(instances_: list[Instance]):
    """One outbox worker (`flask outbox deliver --loop`) with each instance's environment,
    running beside the servers as in a deployment; stopped (SIGTERM, between two messages)
    on leaving."""
    workers = []
    for instance in instances_:
        log = instance.folder / "outbox-worker.log"
        with open(log, "wb") as out:
            workers.append(Worker(subprocess.Popen(
                [str(BIN / "flask"), "--app", "app", "outbox", "deliver", "--loop",
                 "--interval", "0.2"], cwd=ROOT, env=instance.env, stdout=out,
                stderr=subprocess.STDOUT), log))
    try:
        yield workers
    finally:
        for worker in workers:
            if worker.process.poll() is None:
                worker.process.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()


def await_delivery(app, workers: list[Worker], inbox: Inbox, wanted: set[str],
                   timeout: float = 60.0) -> dict:
    """Wait until every wanted message has arrived and nothing is due (or a worker died);
    what arrived of them: lost, sent twice, and the rate from the first to the last."""
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        if wanted <= set(inbox.message_ids) and pending(app) == 0:
            break
        if any(worker.process.poll() is not None for worker in workers):
            break
        time.sleep(0.1)
    waited = time.perf_counter() - began
    time.sleep(0.5)  # a message sent twice would arrive now
    counts = Counter(message_id for message_id in inbox.message_ids if message_id in wanted)
    arrivals = [moment for message_id, moment in zip(inbox.message_ids, inbox.times,
                                                     strict=True) if message_id in wanted]
    seconds = (arrivals[-1] - arrivals[0]) if len(arrivals) > 1 else waited
    return {"lost": len(wanted - set(counts)),
            "duplicated": sum(number - 1 for number in counts.values()),
            "duplicated_any": sum(number - 1 for number in Counter(inbox.message_ids).values()
                                  if number > 1),
            "seconds": seconds, "waited": waited,
            "running": [worker.process.poll() is None for worker in workers],
            "worker_errors": [error for error in (w.errors() for w in workers) if error]}


# --- the sign-in limits --------------------------------------------------------------------

def failed_sign_ins(first: str, second: str, attempts: int,
                    address: str = "203.0.113.66") -> list[int]:
    """Wrong passwords from one address, alternately through each instance (as a load
    balancer would send them); the statuses."""
    browser = Browser(address)
    token = csrf(browser.open(f"{first}/auth/staff").text)
    statuses = []
    for number in range(attempts):
        base = (first, second)[number % 2]
        statuses.append(browser.open(f"{base}/auth/staff", {
            "csrf_token": token, "email": f"nobody{number}@example.org",
            "password": "wrong password"}).status)
    return statuses


# --- the figures -------------------------------------------------------------------------------

def bench_instances(server_url: str | None = None, rounds: int = 100,
                    messages: int = 1000) -> dict:
    """Two production instances on one PostgreSQL and Redis: `rounds` times an edit and a
    publication through A read at once through B (agenda page, .ics, personal feed);
    `messages` e-mails sent by two outbox workers (one per instance's environment); the
    sign-in limit counted across both."""
    server_url = server_url or os.environ.get(
        "BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except Exception as error:  # noqa: BLE001 - no Redis: the figures say so
        return {"two_instances_stale_reads": None,
                "two_instances_note": f"no Redis at {REDIS} ({error})"}
    try:
        url = own_database(server_url, "bcm_bench_instances")
    except Exception as error:  # noqa: BLE001 - no server: the figures say so
        return {"two_instances_stale_reads": None,
                "two_instances_note": f"no PostgreSQL at BENCH_POSTGRES ({error})"}
    shared = Shared(url)
    made: dict = {}
    started = time.perf_counter()
    try:
        with ExitStack() as stack:
            inbox, mail_url = stack.enter_context(smtp_server())

            def meanwhile(started: list[Instance]) -> None:
                made["app"] = prepare(shared)
                made["workers"] = stack.enter_context(outbox_workers(started))

            a, b = stack.enter_context(instances(shared, mail_url, meanwhile=meanwhile))
            app = made["app"]
            data = fixture(app)
            ready = time.perf_counter() - started
            staff = staff_browser(a.base, data.staff_password)
            reader = reader_browser(app, b.base)
            stale, checked = 0, 0
            stale_kinds: Counter = Counter()
            began = time.perf_counter()
            reads(reader, b.base, data.feed_token)  # B keeps copies of what it served
            for number in range(rounds):
                title = f"Cross-border fraud, round {number} {uuid.uuid4().hex[:6]}"
                rename_item(staff, a.base, data.item_id, title)
                publish(staff, a.base)
                for kind, response in reads(reader, b.base, data.feed_token).items():
                    checked += 1
                    if not shows(response, title):
                        stale += 1
                        stale_kinds[kind] += 1
            round_ms = (time.perf_counter() - began) / rounds * 1000
            statuses = failed_sign_ins(a.base, b.base, 14)
            limited_at = next((n + 1 for n, s in enumerate(statuses) if s == 429), None)
            wanted = queue_messages(app, messages, "bench")
            outcome = await_delivery(app, made["workers"], inbox, wanted, timeout=120)
        return {
            "two_instances_stale_reads": stale,
            "two_instances_reads_checked": checked,
            "two_instances_stale_by_kind": dict(stale_kinds),
            "two_instances_round_ms": round(round_ms, 1),
            "two_instances_sign_in_refused_from_attempt": limited_at,
            "two_instances_sign_in_limit_shared": statuses[:10] == [200] * 10
            and statuses[10:] == [429] * 4,
            "two_instances_lost_or_duplicated": outcome["lost"] + outcome["duplicated"],
            "two_instances_any_message_twice": outcome["duplicated_any"],
            "two_instances_outbox_workers_ok": all(outcome["running"])
            and not outcome["worker_errors"],
            "two_instances_messages": messages,
            "two_instances_messages_per_s": round(messages / outcome["seconds"], 1),
            "two_instances_setup_s": round(ready, 1),
            "two_instances_total_s": round(time.perf_counter() - started, 1),
        }
    finally:
        shared.forget_limits()
        if "app" in made:
            from app.extensions import db

            with made["app"].app_context():
                db.engine.dispose()
        drop_database(url)


if __name__ == "__main__":
    import json

    print(json.dumps(bench_instances(), indent=2))

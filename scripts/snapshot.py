#!/usr/bin/env python
"""A snapshot of every page and document of the demo meeting, to prove a refactoring changes
no output: `python scripts/snapshot.py OUTDIR [--root CHECKOUT]`, then `diff -r` two snapshots.

The app runs on a fresh SQLite database in a temporary instance folder with the demo loaded.
For each role (anonymous, delegate, head of delegation, observer, secretariat staff) and each
locale, every GET route of the URL map is requested with its parameters filled from the demo
(meeting, items, sessions, registrations, resolutions, delegations, invitations, tokens), and
the response (status, type, download name, redirect target, body) is written to one file per
(role, locale, URL). What legitimately differs between two runs is pinned before the crawl or
normalised after it (see PINNED and `normalise_text`). Both snapshots must be taken on the same
UTC day: the demo's second meeting is dated from today, and pages say what is "now".
"""
from __future__ import annotations

import argparse
import hashlib
import importlib
import io
import json
import os
import re
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROLES = {  # role name: how it signs in (None: anonymous; "staff": password; else a link)
    "anonymous": None,
    "delegate": "delegate.th@rtp.example.com",
    "head": "head.ae@moi.example.com",
    "observer": "observer@interpol.example.com",
    "staff": "staff@knpa.example.com",
    "admin": "admin@knpa.example.com",  # the secretariat's administrator: password and TOTP
}
LOCALES = ["", "en", "ar", "th", "km", "ko", "fr"]  # "": no ?lang= (the account's language)
SERIES = "breaking-chains"
SEOUL = "bc-2025-seoul"
# The instant written into the demo's "now" columns (created_at, published_at ...) after
# loading, so that two loads a few seconds apart store the same rows.
PINNED = datetime(2025, 11, 3, 0, 0)
# Routes that change state on GET, or that cannot be filled from the demo.
SKIPPED = {"/static/<path:filename>", "/auth/email/<token>"}
ANSWER_LINKS = ("knpa", "rbpf", "fbi")  # accepted, declined, not answered yet
REGISTER_LINKS = ("rtp", "mps-la")
# More addresses for a route, by the end of its rule: the query strings to add.
EXTRA_QUERIES = {
    "/resolutions/<int:number>": ["text=ar", "text=km"],
    "/resolutions/<int:number>/edit": ["text=th"],
    "/resolutions/<int:number>/parallel.pdf": ["left=en&right=ar", "left=ko&right=th"],
}
TOKEN_ROUTES = ("/auth/link/", "/invitation/", "/register/", "/calendar/", "/auth/email/")


def _import_first(name: str, modules: tuple[str, ...]):
    """A function that the re-layering may move: the first module that has it."""
    for module in modules:
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if found is not None:
            return found
    raise SystemExit(f"snapshot: {name} not found in any of {', '.join(modules)}")


# --- setting up -------------------------------------------------------------------------------

def make_app(root: Path, instance: Path):
    from app import create_app
    from app.config import TestConfig

    config = type("SnapshotConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'snapshot.sqlite3'}",
        "INSTANCE_DIR": str(instance), "RATELIMIT_ENABLED": False})
    return create_app(config)


def load_demo(app) -> None:
    import logging

    import flask_migrate
    from sqlalchemy import DateTime

    from app.extensions import db

    load_demo_data = _import_first("load_demo_data", ("app.demo", "app.demo.data",
                                                      "app.demo.load"))
    with app.app_context():
        logging.disable(logging.INFO)  # alembic's configuration logs every step
        flask_migrate.upgrade()
        logging.disable(logging.NOTSET)
        started = datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=5)
        load_demo_data()
        ended = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=5)
        # Pin what the demo draws at random or from the clock, so that two loads store the
        # same rows: times of loading, badge codes, invitation and registration link nonces.
        with db.engine.begin() as conn:
            for table in db.metadata.sorted_tables:
                for column in table.columns:
                    if isinstance(column.type, DateTime):
                        conn.execute(table.update().where(column.between(started, ended))
                                     .values({column.name: PINNED}))
                for name, size in (("badge_code", 10), ("link_nonce", 32),
                                   ("registration_nonce", 16)):
                    if name in table.columns:
                        key = table.primary_key.columns.values()[0]
                        for (row_id,) in conn.execute(table.select().with_only_columns(key)):
                            value = _pinned_value(name, row_id, size)
                            conn.execute(table.update().where(key == row_id)
                                         .values({name: value}))
        db.session.remove()


def _pinned_value(name: str, row_id: int, size: int) -> str:
    digest = hashlib.sha256(f"{name}-{row_id}".encode()).digest()
    if name == "badge_code":  # the badge alphabet: capitals and digits without look-alikes
        alphabet = "ACDEFGHJKLMNPQRTUVWXY34679"
        return "".join(alphabet[b % len(alphabet)] for b in digest[:size])
    return digest.hex()[:size]


def demo_ids(app) -> dict:
    """The identifiers that fill the URL parameters, found by the tables' columns (the models
    may move between packages; the schema does not)."""
    from sqlalchemy import select

    from app.extensions import db

    tables = db.metadata.tables

    def table_with(*columns: str):
        for table in tables.values():
            if all(c in table.c for c in columns):
                return table
        raise SystemExit(f"snapshot: no table has the columns {columns}")

    def column(query) -> list:
        return list(db.session.scalars(query))

    with app.app_context():
        meetings, organisations = tables["meeting"], tables["organisation"]
        meeting = db.session.scalar(select(meetings.c.id).where(meetings.c.slug == SEOUL))
        items = table_with("meeting_id", "session_id", "visibility", "parent_id")
        sessions = table_with("meeting_id", "position", "starts_at", "room_id")
        registrations = table_with("meeting_id", "badge_code")
        invitations = table_with("meeting_id", "link_nonce")
        resolutions = table_with("meeting_id", "adoption_method")
        documents = table_with("item_id", "uploaded_at")
        invited = (select(invitations.c.id, organisations.c.code)
                   .join(organisations, organisations.c.id == invitations.c.organisation_id)
                   .where(invitations.c.meeting_id == meeting).order_by(organisations.c.code))
        return {
            "slug": [SEOUL],
            "series_slug": [SERIES],
            **{name: column(select(table.c.id).where(table.c.meeting_id == meeting)
                            .order_by(table.c.id))
               for name, table in (("item_id", items), ("session_id", sessions),
                                   ("registration_id", registrations),
                                   ("invitation_id", invitations))},
            "number": column(select(resolutions.c.number).where(
                resolutions.c.meeting_id == meeting).order_by(resolutions.c.number)),
            "document_id": column(select(documents.c.id).join(
                items, items.c.id == documents.c.item_id).where(
                items.c.meeting_id == meeting).order_by(documents.c.id)),
            "doc_id": column(select(tables["meeting_document"].c.id).where(
                tables["meeting_document"].c.meeting_id == meeting)
                .order_by(tables["meeting_document"].c.id))
            if "meeting_document" in tables else [],
            "lang_code": ["en", "ko"],
            "code": [code for _id, code in db.session.execute(invited)],
            "invitation_codes": [tuple(row) for row in db.session.execute(invited)],
        }


# --- signing in -------------------------------------------------------------------------------

CSRF = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"|value="([^"]+)"[^>]*?name="csrf_token"')


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        raise SystemExit("snapshot: no CSRF token in the page")
    return match.group(1) or match.group(2)


def sign_in(app, client, who: str | None, tokens: dict) -> None:
    from sqlalchemy import select

    from app.extensions import db

    if who is None:
        return
    credentials = json.loads((Path(app.instance_path) / "demo-credentials.json").read_text())
    if who in credentials:
        page = client.get("/auth/staff")
        response = client.post("/auth/staff", data={
            "csrf_token": csrf_token(page.get_data(as_text=True)), "email": who,
            "password": credentials[who]["password"]})
        if response.headers.get("Location", "").endswith("/auth/totp"):
            import pyotp

            page = client.get("/auth/totp")
            response = client.post("/auth/totp", data={
                "csrf_token": csrf_token(page.get_data(as_text=True)),
                "code": pyotp.TOTP(credentials[who]["totp_secret"]).now()})
    else:
        issue_login_link = _import_first("issue_login_link", (
            "app.auth.services", "app.auth.links", "app.auth.sign_in", "app.auth"))
        with app.test_request_context():
            user_model = _import_first("User", ("app.auth.models", "app.models"))
            user = db.session.scalar(select(user_model).where(user_model.email == who))
            link = issue_login_link(user)
            db.session.commit()
        path = urlsplit(link).path + ("?" + urlsplit(link).query if urlsplit(link).query else "")
        tokens[path.split("/auth/link/")[1].split("?")[0]] = "sign-in"
        page = client.get(path)
        response = client.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    if response.status_code != 302:
        raise SystemExit(f"snapshot: signing in as {who} answered {response.status_code}")


def collect_tokens(app, client, ids: dict, tokens: dict) -> dict:
    """Token URLs: the answer link of a few invitations (made by the service, as the e-mail
    does; deterministic once the nonces are pinned) and the self-registration link of each
    delegation, read from the staff's page that shows it; the delegate makes a calendar feed
    later. Returns {route prefix: [(label, token)]}."""
    from app.extensions import db

    answer_link = _import_first("answer_link", ("app.invitations.services",
                                                "app.invitations.links", "app.invitations"))
    invitation_model = _import_first("Invitation", ("app.invitations.models",))
    found: dict[str, list] = {"/invitation/": [], "/register/": [], "/calendar/": []}
    with app.test_request_context():
        for invitation_id, code in ids["invitation_codes"]:
            if code in ANSWER_LINKS:
                link = answer_link(db.session.get(invitation_model, invitation_id))
                token = urlsplit(link).path.split("/invitation/")[1]
                found["/invitation/"].append((f"invitation-{code}", token))
        db.session.rollback()
    for code in ids["code"]:
        html = client.get(f"/meetings/{SEOUL}/registration/delegations/{code}").get_data(
            as_text=True)
        if code not in REGISTER_LINKS:
            continue
        for token in dict.fromkeys(re.findall(r"/register/([A-Za-z0-9_.\-]+)", html)):
            found["/register/"].append((f"register-{code}", token))
            break
    return found


def make_feed(client, tokens: dict, found: dict) -> None:
    page = client.get(f"/meetings/{SEOUL}/calendar").get_data(as_text=True)
    response = client.post(f"/meetings/{SEOUL}/calendar",
                           data={"csrf_token": csrf_token(page)})
    for token in re.findall(r"/calendar/([A-Za-z0-9_\-]+)\.ics", response.get_data(as_text=True)):
        tokens[token] = "feed-delegate"
        found["/calendar/"].append(("feed-delegate", token))


# --- the URLs ---------------------------------------------------------------------------------

PARAM = re.compile(r"<(?:([a-z]+)(\([^)]*\))?:)?(\w+)>")


def urls(app, ids: dict, found: dict) -> list[tuple[str, str]]:
    """(file name, URL) for every GET route, parameters filled from the demo."""
    out = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.rule in SKIPPED:
            continue
        prefix = next((p for p in TOKEN_ROUTES if rule.rule.startswith(p)), None)
        if prefix:
            for label, token in found.get(prefix, []):
                url = PARAM.sub(token, rule.rule, count=1)
                out.append((_file_name(PARAM.sub("{" + label + "}", rule.rule, count=1)), url))
            continue
        filled = [rule.rule]
        for converter, args, name in PARAM.findall(rule.rule):
            pattern = "<" + (f"{converter}{args}:" if converter else "") + name + ">"
            if converter == "any":
                values = re.findall(r"\w+", args)
            elif name in ids:
                values = ids[name]
            else:
                print(f"snapshot: skipped {rule.rule} (no value for {name})", file=sys.stderr)
                filled = []
                break
            filled = [url.replace(pattern, str(value), 1) for url in filled for value in values]
        queries = next((q for end, q in EXTRA_QUERIES.items() if rule.rule.endswith(end)), [])
        out += [(_file_name(url), url) for url in filled]
        out += [(_file_name(url) + "?" + query, f"{url}?{query}") for url in filled
                for query in queries]
    return out


def _file_name(url: str) -> str:
    name = url.strip("/").replace("/", "~") or "_root"
    return name + ("~" if url.endswith("/") and url != "/" else "")


# --- normalising ------------------------------------------------------------------------------

def normalise_text(body: str, tokens: dict, now: datetime) -> str:
    """What differs between two runs of the same code: secrets drawn per request or per sign-in
    (CSRF tokens, CSP nonces, session and link tokens) and the clock of the run."""
    for token, label in tokens.items():
        body = body.replace(token, "{" + label + "}")
    body = CSRF.sub(lambda m: m.group(0).replace(m.group(1) or m.group(2), "{csrf}"), body)
    body = re.sub(r'(<meta name="csrf-token" content=")[^"]+', r"\1{csrf}", body)
    body = re.sub(r'nonce="[^"]+"', 'nonce="{nonce}"', body)
    body = re.sub(r"'nonce-[^']+'", "'nonce-{nonce}'", body)
    for prefix in ("/auth/link/", "/invitation/", "/register/", "/auth/email/"):
        body = re.sub(re.escape(prefix) + r"[A-Za-z0-9_\-]+\.[A-Za-z0-9_.\-]+",
                      prefix + "{token}", body)
    body = re.sub(r"/calendar/[A-Za-z0-9_\-]{30,}\.ics", "/calendar/{token}.ics", body)
    # Times of this run (sign-ins, audit entries, sessions): the app shows every time in a
    # <time datetime="..."> element, whatever the locale's format of its text.
    body = _RUN_TIME.sub(lambda m: '<time datetime="{now}">{now}</time>' if _in_run(
        m.group(1), now) else m.group(0), body)
    # iCalendar: the time the file was made
    body = re.sub(r"(?m)^(DTSTAMP|LAST-MODIFIED|CREATED):\d{8}T\d{6}Z?", r"\1:{now}", body)
    return body


_RUN_TIME = re.compile(r'<time datetime="(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)Z?"[^>]*>'
                       r'[^<]*</time>')


def _in_run(value: str, started: datetime) -> bool:
    """Whether a time falls between the start of this run and now."""
    when = datetime.fromisoformat(value).replace(tzinfo=UTC)
    return started - timedelta(minutes=1) <= when <= datetime.now(UTC) + timedelta(minutes=1)


def normalise_pdf(data: bytes) -> bytes:
    """Dates and identifiers of the file made blank at the same length, so that the offsets
    of the cross-reference table stay valid and equal: /CreationDate, /ModDate, /ID and the
    XMP packet's dates and document identifiers (PDF/A)."""
    def blank(match: re.Match) -> bytes:
        return match.group(1) + re.sub(rb"[0-9A-Za-z]", b"0", match.group(2))

    data = re.sub(rb"(/(?:CreationDate|ModDate) *\(D:)([^)]*)", blank, data)
    data = re.sub(rb"(/ID *\[)([^\]]*)", blank, data)
    data = re.sub(rb"(<(?:xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate|xmpMM:DocumentID|"
                  rb"xmpMM:InstanceID)>)([^<]*)", blank, data)
    data = re.sub(rb"((?:xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate|xmpMM:DocumentID|"
                  rb"xmpMM:InstanceID)=\")([^\"]*)", blank, data)
    return data


def normalise_zip(data: bytes, tokens: dict, now: datetime) -> bytes:
    """An XLSX or ZIP by the contents of its members, in name order."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            member = archive.read(name)
            if name.endswith((".xml", ".rels", ".csv", ".txt", ".json", ".html", ".ics")):
                member_text = normalise_text(member.decode("utf-8", "replace"), tokens, now)
                member_text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", r"\1{now}",
                                     member_text)
                member = member_text.encode()
            elif name.endswith(".pdf"):
                member = normalise_pdf(member)
            out.append(b"== " + name.encode() + b" ==\n" + member + b"\n")
    return b"".join(out)


def record(response, tokens: dict, now: datetime) -> bytes:
    kind = response.headers.get("Content-Type", "")
    head = [f"status: {response.status_code}", f"content-type: {kind}"]
    for header in ("Content-Disposition", "Location"):
        if response.headers.get(header):
            value = normalise_text(response.headers[header], tokens, now)
            head.append(f"{header.lower()}: {value}")
    data = response.get_data()
    if data[:4] == b"%PDF":
        body = normalise_pdf(data)
    elif data[:4] == b"PK\x03\x04":
        body = normalise_zip(data, tokens, now)
    elif kind.startswith(("text/", "application/json", "application/javascript")) or \
            kind.endswith(("+xml", "xml")):
        body = normalise_text(data.decode("utf-8", "replace"), tokens, now).encode()
    else:
        body = data
    return ("\n".join(head) + "\n\n").encode() + body


# --- the crawl --------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the checkout whose app is snapshotted (default: this one)")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--locales", default=",".join(code or "-" for code in LOCALES),
                        help="comma-separated; '-' for no ?lang=")
    args = parser.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    os.chdir(root)  # flask-migrate finds migrations/ from here
    import app as app_package

    if not Path(app_package.__file__).resolve().is_relative_to(root):
        raise SystemExit(f"snapshot: app imported from {app_package.__file__}, not {root}")
    started = time.monotonic()
    now = datetime.now(UTC)
    written = 0
    with tempfile.TemporaryDirectory(prefix="snapshot-") as instance:
        app = make_app(root, Path(instance))
        load_demo(app)
        ids = demo_ids(app)
        tokens: dict[str, str] = {}
        staff = app.test_client()
        sign_in(app, staff, ROLES["staff"], tokens)
        found = collect_tokens(app, staff, ids, tokens)
        clients = {}
        for role in args.roles.split(","):
            clients[role] = app.test_client()
            sign_in(app, clients[role], ROLES[role], tokens)
            if role == "delegate":
                make_feed(clients[role], tokens, found)
        pages = urls(app, ids, found)
        args.outdir.mkdir(parents=True, exist_ok=True)
        # Pages opened through a token last: opening an invitation marks it opened.
        for last in (False, True):
            for role in args.roles.split(","):
                for locale in args.locales.split(","):
                    locale = "" if locale == "-" else locale
                    folder = args.outdir / role / (locale or "default")
                    folder.mkdir(parents=True, exist_ok=True)
                    for name, url in pages:
                        if url.startswith(TOKEN_ROUTES) != last:
                            continue
                        query = f"{'&' if '?' in url else '?'}lang={locale}" if locale else ""
                        response = clients[role].get(url + query)
                        (folder / name).write_bytes(record(response, tokens, now))
                        written += 1
    print(f"snapshot: {written} files written to {args.outdir} from {root} in "
          f"{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The room display's figures of issue 21, over HTTP under gunicorn with sync workers (the
deployment the design was chosen for: polling a small JSON state with If-None-Match holds no
worker between polls, where a server-sent event stream would hold one per display).

100 clients poll the floor's state once a second, as the page's script does: 50 room displays
with the signed display key (no cookie) and 50 phones with a delegate's session. While they
poll, 120 delegations ask for the floor over HTTP (their heads' sessions, 8 at a time): the
update latency is, for each change and each client, the time from the request's answer to the
client's first poll that sees the new version (p50/p95 over all of them); the throughput is
the accepted requests per second. Then every delegation asks again at once: all must be
refused, and the database must hold each delegation once."""
from __future__ import annotations

import os
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

CLIENTS = 100
DELEGATIONS = 120  # asking the floor; 200 took two minutes of the ten make bench has
POLL_S = 1.0
ASKING = 8  # phones asking at the same moment
PATH = "/meetings/bc-2025-seoul/floor"
USER_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36"


def _setup(app):
    """120 delegations with a head each, the list open on the first item, a display key."""
    from sqlalchemy import select

    from app.agenda.models import AgendaItem
    from app.auth.models import Membership, Role, User
    from app.auth.services import issue_login_link
    from app.extensions import db
    from app.floor.speakers import services
    from app.meetings.models import (
        Meeting,
        MeetingOrganisation,
        Organisation,
        OrganisationKind,
        ParticipationCategory,
    )

    with app.test_request_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
        item = db.session.scalar(select(AgendaItem).where(
            AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.id))
        links = []
        for index in range(DELEGATIONS):
            org = Organisation(code=f"floor-bench-{index}", kind=OrganisationKind.NATIONAL_AGENCY,
                               name={"en": f"Police {index}", "ko": f"경찰청 {index}"},
                               country_code="TH")
            db.session.add(org)
            db.session.flush()
            db.session.add(MeetingOrganisation(meeting_id=meeting.id, organisation_id=org.id,
                                               category=ParticipationCategory.MEMBER))
            user = User(email=f"head{index}@floor-bench.example.com", name=f"Head {index}",
                        locale="en", organisation_id=org.id)
            db.session.add(user)
            db.session.flush()
            db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=Role.HEAD,
                                      organisation_id=org.id))
            links.append((org.id, issue_login_link(user)))
        services.open_list(meeting, item)
        key = services.issue_display_link(meeting, 4)
        db.session.commit()
        return item.id, key, links


class _Browser:
    """One phone: its session cookie (signed in through its link in a second app on the same
    database and key, without the sign-in rate limit, which would rightly stop 200 sign-ins
    from one address), then plain HTTP to gunicorn."""

    def __init__(self, signer, link: str):
        client = signer.test_client()
        path = link.removeprefix("http://127.0.0.1")
        headers = {"User-Agent": USER_AGENT}
        page = client.get(path, headers=headers).get_data(as_text=True)
        client.post(path, data={"csrf_token": _csrf(page)}, headers=headers)
        self.token = ""
        name = signer.config.get("SESSION_COOKIE_NAME", "session")
        self.cookie = f"{name}={client.get_cookie(name).value}"

    def _open(self, url: str, data: dict | None = None):
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                       "Cookie": self.cookie})
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        response = _OPENER.open(request, data=body, timeout=30)
        fresh = re.match(r"([^=;]+=[^;]+)", response.headers.get("Set-Cookie", ""))
        if fresh:  # the session now holds the form's CSRF secret: keep it, as a browser does
            self.cookie = fresh.group(1)
        return response

    def fetch_token(self, url: str) -> None:
        try:
            self.token = _csrf(self.get(url))
        except OSError:
            self.token = ""

    def get(self, url: str) -> str:
        with self._open(url) as response:
            return response.read().decode()

    def post(self, url: str, data: dict) -> int:
        try:
            with self._open(url, data) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0  # no answer in time: reported among the statuses


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A phone's answer is the redirect itself (302: on the list); following it would time
    the next page too."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


class _Poller(threading.Thread):
    """A display or a phone: asks for the state each second with If-None-Match, and notes when
    it first saw each version."""

    def __init__(self, url: str, cookie: str | None, stop: threading.Event):
        super().__init__(daemon=True)
        self.url, self.cookie, self.stop = url, cookie, stop
        self.seen: dict[int, float] = {}
        self.not_modified = self.full = self.errors = 0

    def run(self) -> None:
        import json

        etag = None
        time.sleep(POLL_S * (hash(self.name) % 1000) / 1000)  # spread over the second
        while not self.stop.is_set():
            began = time.monotonic()
            headers = {"User-Agent": USER_AGENT}
            if etag:
                headers["If-None-Match"] = etag
            if self.cookie:
                headers["Cookie"] = self.cookie
            try:
                with urllib.request.urlopen(urllib.request.Request(self.url, headers=headers),
                                            timeout=10) as response:
                    etag = response.headers.get("ETag")
                    version = json.loads(response.read())["version"]
                    self.seen.setdefault(version, time.monotonic())
                    self.full += 1
            except urllib.error.HTTPError as error:
                if error.code == 304:
                    self.not_modified += 1
                else:
                    self.errors += 1
            except OSError:
                self.errors += 1
            self.stop.wait(max(0.0, POLL_S - (time.monotonic() - began)))


def bench_floor(app, config, gunicorn) -> dict:
    from sqlalchemy import func, select

    from app import create_app
    from app.extensions import db
    from app.floor.speakers.models import FloorState, SpeakerRequest

    item_id, key, links = _setup(app)
    signer = create_app(type("SignerConfig", (config,), {"RATELIMIT_ENABLED": False}))
    # No app context around the clients: each request gets its own (and its own CSRF token).
    phones = [(org_id, _Browser(signer, link)) for org_id, link in links]
    with gunicorn(config.SQLALCHEMY_DATABASE_URI, config, "-w", "4",  # sync workers
                  "--timeout", "60") as base:
        prefix = base + PATH
        with ThreadPoolExecutor(ASKING) as pool:
            list(pool.map(lambda phone: phone[1].fetch_token(f"{prefix}/items/{item_id}"),
                          phones))
        cookie = phones[0][1].cookie
        stop = threading.Event()
        pollers = [_Poller(f"{prefix}/state.json?key={key}", None, stop)
                   for _ in range(CLIENTS // 2)]
        pollers += [_Poller(f"{prefix}/state.json?item={item_id}", cookie, stop)
                    for _ in range(CLIENTS - CLIENTS // 2)]
        for poller in pollers:
            poller.start()
        time.sleep(2 * POLL_S)
        answered: list[float] = []

        def ask(index: int) -> int:
            org_id, phone = phones[index]
            status = phone.post(f"{prefix}/items/{item_id}/ask", {
                "csrf_token": phone.token, "organisation_id": org_id, "kind": "speech",
                "speaker_name": ""})
            answered.append(time.monotonic())
            return status

        began = time.monotonic()
        load = os.getloadavg()[0]
        with ThreadPoolExecutor(ASKING) as pool:
            statuses = list(pool.map(ask, range(DELEGATIONS)))
        storm_s = time.monotonic() - began
        time.sleep(2 * POLL_S + 0.5)  # every poller sees the last version
        with app.app_context():
            last = db.session.scalar(select(FloorState.version))
        with ThreadPoolExecutor(ASKING) as pool:  # everyone asks again at once: all refused
            again = list(pool.map(ask, range(DELEGATIONS)))
        stop.set()
        for poller in pollers:
            poller.join(timeout=5)
    # Latency: from the moment the last change was answered to each client's first sight of
    # the final version, and the same for the versions in between (each change's answer time
    # is approximated by the answers in order).
    answered.sort()
    first_version = last - DELEGATIONS + 1
    lags = []
    for poller in pollers:
        for offset, done in enumerate(answered[:DELEGATIONS]):
            version = first_version + offset
            seen = min((when for v, when in poller.seen.items() if v >= version), default=None)
            if seen is not None:
                lags.append(max(0.0, seen - done))
    lags.sort()
    with app.app_context():
        rows = db.session.scalar(select(func.count()).select_from(SpeakerRequest).where(
            SpeakerRequest.organisation_id.in_([org for org, _link in phones])))
        distinct = db.session.scalar(select(func.count(func.distinct(
            SpeakerRequest.organisation_id))).where(
            SpeakerRequest.organisation_id.in_([org for org, _link in phones])))
    requests = sum(p.full + p.not_modified for p in pollers)
    return {
        "floor_clients_polling": len(pollers), "floor_poll_interval_s": POLL_S,
        "floor_update_latency_p50_ms": round(statistics.median(lags) * 1000),
        "floor_update_latency_p95_ms": round(lags[int(len(lags) * 0.95)] * 1000),
        "floor_state_304_share": round(sum(p.not_modified for p in pollers) / requests, 3),
        "floor_poll_errors": sum(p.errors for p in pollers),
        "floor_speaker_requests_per_s": round(DELEGATIONS / storm_s, 1),
        "floor_speaker_requests_accepted": statuses.count(302),
        "floor_repeat_requests_refused": again.count(400),
        "floor_delegations_recorded_twice": rows - distinct,
        # The machine's load when the storm began: on a shared host the latencies above say
        # as much about the neighbours as about the application.
        "floor_load_average_1min": round(load, 1),
        "floor_statuses": {str(code): statuses.count(code) for code in set(statuses)},
        "floor_repeat_statuses": {str(code): again.count(code) for code in set(again)},
    }

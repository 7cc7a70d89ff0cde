"""Sign-in limits that hold in production: per real client behind a proxy, and across workers
and machines through one shared store."""
from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from app import create_app
from app.config import TestConfig
from app.extensions import limiter
from tests.conftest import IsolatedClient, csrf_token
from tests.servers import gunicorn, redis_reachable

REDIS = "redis://127.0.0.1:6379"


@pytest.fixture
def app_with(app):
    """Another app on the same database with some settings changed; the session app gets its
    own rate-limit store back afterwards (the limiter is one object for every app)."""
    def make(**settings):
        config = type("Changed", (TestConfig,), {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "INSTANCE_DIR": app.instance_path, **settings})
        changed = create_app(config)
        changed.test_client_class = IsolatedClient
        return changed

    yield make
    limiter.init_app(app)


def _attempts(client, count: int, **headers) -> list[int]:
    """Wrong passwords posted to the staff sign-in; each attempt may come from other headers."""
    page = client.get("/auth/staff", headers=headers.get("first", {}))
    token = csrf_token(page.get_data(as_text=True))
    statuses = []
    for number in range(count):
        extra = headers["each"](number) if "each" in headers else {}
        statuses.append(client.post("/auth/staff", headers=extra, data={
            "csrf_token": token, "email": f"nobody{number}@example.org",
            "password": "wrong password"}).status_code)
    return statuses


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_escape_the_limit(client):
    statuses = _attempts(client, 12, each=lambda n: {"X-Forwarded-For": f"198.51.100.{n}"})
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_bucket(app_with):
    behind_proxy = app_with(TRUSTED_PROXIES=1)
    first = behind_proxy.test_client()
    statuses = _attempts(first, 11, first={"X-Forwarded-For": "203.0.113.1"},
                         each=lambda n: {"X-Forwarded-For": "203.0.113.1"})
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    # Another person behind the same proxy is not locked out by the first one.
    other = behind_proxy.test_client()
    assert _attempts(other, 1, first={"X-Forwarded-For": "203.0.113.2"},
                     each=lambda n: {"X-Forwarded-For": "203.0.113.2"}) == [200]


def test_behind_a_trusted_proxy_only_the_address_the_proxy_saw_counts(app_with):
    """A client that sends its own X-Forwarded-For gets the proxy's address appended: values
    before the last one (one trusted proxy) are the client's invention and are ignored."""
    client = app_with(TRUSTED_PROXIES=1).test_client()
    statuses = _attempts(client, 12, first={"X-Forwarded-For": "203.0.113.9"},
                         each=lambda n: {"X-Forwarded-For": f"10.9.9.{n}, 203.0.113.9"})
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]


def test_behind_a_trusted_proxy_the_scheme_is_the_one_the_visitor_used(app_with):
    client = app_with(TRUSTED_PROXIES=1).test_client()
    response = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers


@pytest.mark.one_database  # the limit lives in Redis, whichever the database
def test_the_limit_holds_across_two_servers_sharing_redis(app):
    if not redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379 (CI runs it; start redis-server)")
    import redis

    prefix = f"bcm-test-{uuid.uuid4().hex}"
    settings = {"RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": prefix}
    try:
        with gunicorn(app, instances=2, **settings) as servers:
            first, second = (server.base for server in servers)
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            token = csrf_token(opener.open(first + "/auth/staff").read().decode())
            statuses = []
            for number in range(14):  # alternately to each server, as a load balancer would
                base = (first, second)[number % 2]
                data = urllib.parse.urlencode({
                    "csrf_token": token, "email": f"nobody{number}@example.org",
                    "password": "wrong password"}).encode()
                try:
                    statuses.append(opener.open(base + "/auth/staff", data=data).status)
                except urllib.error.HTTPError as error:
                    statuses.append(error.code)
    finally:
        store = redis.Redis.from_url(REDIS)
        for key in store.scan_iter(f"*{prefix}*"):
            store.delete(key)
    # Each server alone would have checked 10 (20 in all): together they check 10.
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429] * 4

"""Configuration read from the environment, with safe development defaults."""
from __future__ import annotations

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


class ConfigError(RuntimeError):
    """The environment does not allow the application to start safely."""


def database_url(url: str | None) -> str:
    """Normalise a DATABASE_URL; default to the SQLite file under instance/."""
    if not url:
        return f"sqlite:///{INSTANCE / 'bcm.sqlite3'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _dev_secret_key() -> str:
    """A per-machine key kept under instance/, so development sessions survive restarts."""
    INSTANCE.mkdir(exist_ok=True)
    path = INSTANCE / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _dev_data_key() -> str:
    """A per-machine key for the encrypted fields; production takes DATA_KEYS from outside."""
    from cryptography.fernet import Fernet

    INSTANCE.mkdir(exist_ok=True)
    path = INSTANCE / "data_key"
    if not path.exists():
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return path.read_text().strip()


def data_keys(value: str) -> list[str]:
    """The Fernet keys of DATA_KEYS: comma-separated, newest first, blanks ignored."""
    return [key.strip() for key in value.split(",") if key.strip()]


def _proxy_count(value: str) -> int:
    if not value.strip().isdigit() or int(value) > 10:
        raise ConfigError(f"TRUSTED_PROXIES must be the number of reverse proxies in front of "
                          f"the application (0 to 10), not {value!r}")
    return int(value)


# Values published in this repository (tests, benchmarks) or typical placeholders: a key that
# contains one of them is known to others.
_PUBLISHED_SECRETS = ("test-only-key-not-secret", "bench-only-key",
                      "dGVzdC1vbmx5LWRhdGEta2V5LW5vdC1zZWNyZXQtMzI=",
                      "YmVuY2gtb25seS1kYXRhLWtleS1ub3Qtc2VjcmV0LTM=")
_PLACEHOLDERS = ("changeme", "change-me", "change_me", "replaceme", "replace-me", "example",
                 "placeholder", "secret-key", "secret_key", "secretkey", "not-secret",
                 "notsecret", "password", "0123456789", "abcdefgh")
_LOCAL_HOSTS = ("localhost", "localhost.localdomain", "ip6-localhost")


def _secret_key_problem(key: str | None) -> str | None:
    if not key:
        return "SECRET_KEY must be set"
    lowered = key.lower()
    if len(key) < 32 or len(set(key)) < 10 or any(
            word in lowered for word in _PLACEHOLDERS) or key in _PUBLISHED_SECRETS:
        return ("SECRET_KEY is too weak: give at least 32 random characters, e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(48))'")
    return None


def _data_keys_problem(value: str | None) -> str | None:
    from cryptography.fernet import Fernet

    wanted = ("a comma-separated list of Fernet keys, newest first; make one with "
              "python -c 'from cryptography.fernet import Fernet; "
              "print(Fernet.generate_key().decode())'")
    keys = data_keys(value or "")
    if not keys:
        return f"DATA_KEYS must be set: {wanted}"
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            return f"DATA_KEYS key number {number} is not a valid Fernet key: give {wanted}"
        if key in _PUBLISHED_SECRETS:
            return f"DATA_KEYS key number {number} is published in this repository: give {wanted}"
    return None


def _public_url_problem(url: str | None) -> str | None:
    wanted = "the https:// address that delegates open, e.g. https://meetings.example.org"
    if not url:
        return f"PUBLIC_URL must be set to {wanted}"
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return f"PUBLIC_URL {url!r} is not a valid address: give {wanted}"
    if parts.scheme != "https" or not host:
        return f"PUBLIC_URL {url!r} must be {wanted}"
    try:
        address = ipaddress.ip_address(host)
        local = address.is_loopback or address.is_unspecified
    except ValueError:
        local = host in _LOCAL_HOSTS or host.endswith(".localhost")
    if local:  # a private address is fine: the venue may run on a closed network
        return f"PUBLIC_URL {url!r} points at this machine: give {wanted}"
    return None


def _mail_url_problem(url: str | None) -> str | None:
    wanted = ("the SMTP server, e.g. smtp://relay.example.org:587?starttls or "
              "smtps://user:password@relay.example.org")
    if not url:
        return (f"MAIL_URL must be set (otherwise e-mails are only written to files): "
                f"give {wanted}")
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("smtp", "smtps", "smtp+starttls") and bool(parts.hostname)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        ok = False
    return None if ok else "MAIL_URL is not an SMTP address: give " + wanted


def _rate_limit_store_problem(uri: str | None) -> str | None:
    from limits.storage import SCHEMES

    shared = sorted(scheme for scheme in SCHEMES
                    if scheme != "memory" and not scheme.startswith("async+"))
    scheme = (uri or "").split("://", 1)[0]
    if scheme not in shared:
        return ("RATELIMIT_STORAGE_URI must be a store shared by every worker (a per-process "
                "memory:// store lets each gunicorn worker count sign-in attempts on its own), "
                f"e.g. redis://127.0.0.1:6379; one of {', '.join(shared)}")
    return None


def check_production(config: type[Config]) -> None:
    """Refuse to run in production with a missing, weak or malformed setting: one error that
    names every variable to fix."""
    problems = [problem for problem in (
        _secret_key_problem(config.SECRET_KEY),
        _data_keys_problem(config.DATA_KEYS),
        _public_url_problem(config.PUBLIC_URL),
        _mail_url_problem(config.MAIL_URL),
        _rate_limit_store_problem(config.RATELIMIT_STORAGE_URI),
    ) if problem]
    if problems:
        raise ConfigError("APP_ENV=production cannot start:\n- " + "\n- ".join(problems))


class Config:
    ENV_NAME = "development"
    INSTANCE_DIR = str(INSTANCE)
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI = database_url(None)
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead, which expires
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 20 * 1024 * 1024  # uploads: agenda documents
    RATELIMIT_STORAGE_URI = "memory://"  # one store per process: production needs a shared one
    RATELIMIT_KEY_PREFIX = ""  # tells deployments sharing one Redis apart
    TRUSTED_PROXIES = 0  # reverse proxies in front whose X-Forwarded-* headers are believed
    RATELIMIT_HEADERS_ENABLED = True
    SIGN_IN_RATE_LIMIT = "10 per minute;50 per hour"
    LOGIN_LINK_MAX_AGE = 3600  # seconds a one-time sign-in link stays valid
    TOTP_PENDING_MAX_AGE = 300  # seconds between the password step and the code step
    MAIL_URL: str | None = None
    OUTBOX_LEASE_SECONDS = 600  # a message claimed longer ago than this was interrupted
    INVITATION_REMINDER_DAYS = 3  # never more than one reminder per this many days
    MAIL_FROM = "Breaking Chains Secretariat <secretariat@bc-meetings.example.com>"
    PUBLIC_URL = "http://127.0.0.1:5000"
    DATA_KEYS: str | None = None  # Fernet keys for sensitive fields, newest first
    LOG_FORMAT = "text"  # "json" for a log collector (the production default)
    LOG_REQUESTS = False  # one structured line per request
    PHOTO_MAX_BYTES = 5 * 1024 * 1024  # a badge photo as uploaded
    PHOTO_MAX_PIXELS = 25_000_000  # refused from the header, before decoding (app/images.py)
    SELF_REGISTRATION_MAX_AGE = 30 * 24 * 3600  # seconds a head's registration link is valid
    JOBS_URL = ""  # the jobs' queue: "" = SQLite under instance/, redis://… to scale (app/jobs)
    JOBS_NAME = "bcm-jobs"  # the queue's name (its keys in Redis)
    JOBS_IMMEDIATE = False  # run each job at once in the caller's process: only for tests
    JOBS_INLINE_LIMIT = 50  # more people, invitations or documents: prepared in the background
    JOBS_RESULT_HOURS = 24  # a prepared file is kept this long, then purged

    @classmethod
    def from_env(cls) -> type[Config]:
        env = os.environ.get("APP_ENV", "development")
        base = ProductionConfig if env == "production" else cls
        attrs: dict = {
            "SQLALCHEMY_DATABASE_URI": database_url(os.environ.get("DATABASE_URL")),
            "SECRET_KEY": os.environ.get("SECRET_KEY"),
            "MAIL_URL": os.environ.get("MAIL_URL"),
            "DATA_KEYS": os.environ.get("DATA_KEYS"),
        }
        for name in ("RATELIMIT_STORAGE_URI", "RATELIMIT_KEY_PREFIX", "PUBLIC_URL", "MAIL_FROM",
                     "LOG_FORMAT", "INSTANCE_DIR", "JOBS_URL", "JOBS_NAME"):
            if os.environ.get(name):
                attrs[name] = os.environ[name]
        if os.environ.get("LOG_REQUESTS"):
            attrs["LOG_REQUESTS"] = os.environ["LOG_REQUESTS"].lower() in ("1", "true", "yes")
        if os.environ.get("TRUSTED_PROXIES"):
            attrs["TRUSTED_PROXIES"] = _proxy_count(os.environ["TRUSTED_PROXIES"])
        if base is ProductionConfig:
            config = type("EnvConfig", (base,), attrs)
            check_production(config)
            return config
        attrs["SECRET_KEY"] = attrs["SECRET_KEY"] or _dev_secret_key()
        attrs["DATA_KEYS"] = attrs["DATA_KEYS"] or _dev_data_key()
        return type("EnvConfig", (base,), attrs)


class ProductionConfig(Config):
    ENV_NAME = "production"
    PUBLIC_URL: str | None = None  # must come from the environment: check_production
    LOG_FORMAT = "json"
    LOG_REQUESTS = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


class TestConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
    DATA_KEYS = "dGVzdC1vbmx5LWRhdGEta2V5LW5vdC1zZWNyZXQtMzI="  # test only, not secret
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    PUBLIC_URL = "http://localhost"

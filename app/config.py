"""Configuration read from the environment, with safe development defaults."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

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
    RATELIMIT_STORAGE_URI = "memory://"
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
    PHOTO_MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
    SELF_REGISTRATION_MAX_AGE = 30 * 24 * 3600  # seconds a head's registration link is valid

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
        for name in ("RATELIMIT_STORAGE_URI", "PUBLIC_URL", "MAIL_FROM", "LOG_FORMAT"):
            if os.environ.get(name):
                attrs[name] = os.environ[name]
        if os.environ.get("LOG_REQUESTS"):
            attrs["LOG_REQUESTS"] = os.environ["LOG_REQUESTS"].lower() in ("1", "true", "yes")
        if not attrs["SECRET_KEY"]:
            if base is ProductionConfig:
                raise ConfigError("SECRET_KEY must be set when APP_ENV=production")
            attrs["SECRET_KEY"] = _dev_secret_key()
        if not attrs["DATA_KEYS"]:
            if base is ProductionConfig:
                raise ConfigError("DATA_KEYS must be set when APP_ENV=production")
            attrs["DATA_KEYS"] = _dev_data_key()
        return type("EnvConfig", (base,), attrs)


class ProductionConfig(Config):
    ENV_NAME = "production"
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

"""Production refuses to start with missing, weak or malformed settings, and refuses the
commands that print credentials."""
from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from app import create_app
from app.config import Config, ConfigError, ProductionConfig
from app.extensions import limiter

GOOD = {
    "SECRET_KEY": "q3V9xLr2Tz8pWm4Kc7Hs1Nd6Fy0Bj5Ga-Ue_Ro",
    "DATA_KEYS": f"{Fernet.generate_key().decode()}, {Fernet.generate_key().decode()}",
    "PUBLIC_URL": "https://meetings.example.org",
    "MAIL_URL": "smtp://relay.example.org:587?starttls",
    "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
}


@pytest.fixture
def production_env(monkeypatch):
    """A complete, good production environment; each test spoils one variable."""
    monkeypatch.setenv("APP_ENV", "production")
    for name, value in GOOD.items():
        monkeypatch.setenv(name, value)
    return monkeypatch


def _refusal(env, name: str, value: str | None) -> str:
    if value is None:
        env.delenv(name, raising=False)
    else:
        env.setenv(name, value)
    with pytest.raises(ConfigError) as refused:
        Config.from_env()
    return str(refused.value)


def test_production_starts_with_strong_settings(production_env):
    config = Config.from_env()
    assert config.ENV_NAME == "production" and config.PUBLIC_URL == GOOD["PUBLIC_URL"]
    assert config.RATELIMIT_STORAGE_URI == GOOD["RATELIMIT_STORAGE_URI"]


@pytest.mark.parametrize("value", ["x", "short-but-not-32-characters", "a" * 40,
                                   "changeme-changeme-changeme-changeme-0123",
                                   "test-only-key-not-secret"])
def test_production_refuses_a_weak_secret_key(production_env, value):
    message = _refusal(production_env, "SECRET_KEY", value)
    assert "SECRET_KEY is too weak" in message and "32 random characters" in message


@pytest.mark.parametrize("value", ["notakey", f"{Fernet.generate_key().decode()},notakey",
                                   "dGVzdC1vbmx5LWRhdGEta2V5LW5vdC1zZWNyZXQtMzI=", " , "],
                         ids=["notakey", "new-key,notakey", "test-key", "blank"])  # stable
def test_production_refuses_malformed_or_published_data_keys(production_env, value):
    message = _refusal(production_env, "DATA_KEYS", value)
    assert "DATA_KEYS" in message and "Fernet" in message


def test_production_names_the_bad_data_key(production_env):
    message = _refusal(production_env, "DATA_KEYS", f"{Fernet.generate_key().decode()},notakey")
    assert "DATA_KEYS key number 2 is not a valid Fernet key" in message


@pytest.mark.parametrize("value", [None, "http://127.0.0.1:5000", "http://meetings.example.org",
                                   "https://localhost:8443", "https://127.0.0.1",
                                   "https://[::1]/", "https://bc.localhost", "https://",
                                   "https://meetings.example.org:notaport"])
def test_production_refuses_a_public_url_that_delegates_cannot_open_safely(production_env,
                                                                           value):
    message = _refusal(production_env, "PUBLIC_URL", value)
    assert "PUBLIC_URL" in message and "https://" in message


def test_production_accepts_a_public_url_on_the_venue_network(production_env):
    production_env.setenv("PUBLIC_URL", "https://10.20.0.5/meetings")
    assert Config.from_env().PUBLIC_URL == "https://10.20.0.5/meetings"


@pytest.mark.parametrize("value", [None, "file:///tmp/outbox", "smtp://"])
def test_production_refuses_to_write_mail_to_files(production_env, value):
    message = _refusal(production_env, "MAIL_URL", value)
    assert "MAIL_URL" in message and "smtp://" in message


@pytest.mark.parametrize("value", [None, "memory://", "async+redis://127.0.0.1:6379"])
def test_production_refuses_a_rate_limit_store_of_its_own(production_env, value):
    message = _refusal(production_env, "RATELIMIT_STORAGE_URI", value)
    assert "RATELIMIT_STORAGE_URI must be a store shared by every worker" in message
    assert "redis://" in message


def test_production_names_every_bad_setting_at_once(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    for name in ("SECRET_KEY", "DATA_KEYS", "PUBLIC_URL", "MAIL_URL", "RATELIMIT_STORAGE_URI"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError) as refused:
        Config.from_env()
    for name in ("SECRET_KEY", "DATA_KEYS", "PUBLIC_URL", "MAIL_URL", "RATELIMIT_STORAGE_URI"):
        assert name in str(refused.value)


def test_trusted_proxies_must_be_a_count(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "yes")
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        Config.from_env()
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    assert Config.from_env().TRUSTED_PROXIES == 2


def test_development_defaults_still_start(monkeypatch):
    for name in ("APP_ENV", "SECRET_KEY", "DATA_KEYS", "PUBLIC_URL", "MAIL_URL",
                 "RATELIMIT_STORAGE_URI", "TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)
    config = Config.from_env()
    assert config.ENV_NAME == "development" and config.PUBLIC_URL == "http://127.0.0.1:5000"
    assert config.RATELIMIT_STORAGE_URI == "memory://" and config.TRUSTED_PROXIES == 0


def test_an_explicit_production_config_is_checked_too(app):
    weak = type("Weak", (ProductionConfig,), {**GOOD, "SECRET_KEY": "x"})
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(weak)


@pytest.fixture
def production_app(app):
    """An app with a good production configuration on the test database."""
    config = type("Production", (ProductionConfig,), {
        **GOOD, "TESTING": True,  # TESTING: keep pytest's log capture in place
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "INSTANCE_DIR": app.instance_path})
    yield create_app(config)
    limiter.init_app(app)  # the limiter is shared: give the session app its store back


@pytest.mark.parametrize("command", [["demo-access"], ["demo-data"],
                                     ["users", "totp-code", "admin@knpa.example.com"]])
def test_production_refuses_the_commands_that_print_credentials(production_app, demo, command):
    result = production_app.test_cli_runner().invoke(args=command)
    assert result.exit_code != 0
    assert "refused when APP_ENV=production" in result.output
    for secret in ("password", "TOTP secret", "/auth/link/"):
        assert secret not in result.output


def test_development_still_prints_the_demo_access(app, demo):
    result = app.test_cli_runner().invoke(args=["demo-access"])
    assert result.exit_code == 0 and "TOTP secret" in result.output

"""Breaking Chains Meetings: the application factory."""
from __future__ import annotations

import logging

from flask import Flask

from app import redact
from app.config import Config, TestConfig, check_production
from app.extensions import babel, csrf, db, limiter, migrate


def create_app(config: type[Config] | None = None) -> Flask:
    config = config or Config.from_env()
    if config.ENV_NAME == "production":
        check_production(config)
    app = Flask(__name__, template_folder="../templates", static_folder="../static",
                instance_path=config.INSTANCE_DIR)
    app.config.from_object(config)
    from app import models  # noqa: F401 - registers the schema

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    from app.web import locale

    babel.init_app(app, locale_selector=locale.select_locale,
                   timezone_selector=locale.select_timezone)
    csrf.init_app(app)
    limiter.init_app(app)
    from app import web

    web.init_app(app)
    from app.cli import register
    register(app)
    redact.install(app.url_map)
    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    if not app.debug and not app.testing:
        configure_logging(app.config.get("LOG_FORMAT", "text"))
    return app


def configure_logging(kind: str, stream=None) -> logging.Handler:
    """One line per record on stderr: readable text, or JSON for a log collector."""
    handler = logging.StreamHandler(stream)
    if kind == "json":
        from pythonjsonlogger.json import JsonFormatter

        handler.setFormatter(JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"}))
    else:
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(redact.log_filter)  # every logger's records pass this handler
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for ours in ("app", "app.request"):  # Alembic's fileConfig disables existing loggers
        logging.getLogger(ours).disabled = False
    return handler


__all__ = ["create_app", "TestConfig"]

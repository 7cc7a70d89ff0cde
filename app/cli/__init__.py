"""Flask commands, one module per domain (demo, mail, users, documents, invitations,
registration, series, backup); create_app registers them all with `register`.

A command calls the domain's services as a page does, with plain arguments."""
from __future__ import annotations

from flask import Flask

from app.cli import (
    backup,
    demo,
    documents,
    invitations,
    jobs,
    mail,
    registration,
    series,
    users,
)


def register(app: Flask) -> None:
    for module in (demo, mail, users, documents, invitations, registration, series, backup,
                   jobs):
        module.init_app(app)

"""Addresses for the outside world: links in e-mails, QR codes, calendars and feeds.

They start with PUBLIC_URL (the address delegates open, perhaps with a path under which a
proxy serves the application), never with the address a request happened to arrive at, and
need no request: a command or the mail worker builds the same link as a page does."""
from __future__ import annotations

from flask import current_app


def public_base() -> str:
    """PUBLIC_URL without its trailing "/" (a path under the host stays)."""
    return current_app.config["PUBLIC_URL"].rstrip("/")


def public_url(endpoint: str, **values) -> str:
    """The absolute address of an endpoint, e.g. public_url("auth.link", token=t, lang="ko").

    Values that the rule does not name go into the query string; None values are left out.
    The path comes from the application's URL map alone: blueprint defaults that read the
    page being served (such as the meeting's slug) do not apply, so give every value."""
    adapter = current_app.url_map.bind("", script_name="/")
    return public_base() + adapter.build(endpoint, values)


def public_host() -> str:
    """PUBLIC_URL's host name, without port: the domain of calendar UIDs."""
    return current_app.config["PUBLIC_URL"].split("//", 1)[-1].split("/")[0].split(":")[0]

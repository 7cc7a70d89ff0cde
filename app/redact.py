"""Secrets kept out of the logs: feed, sign-in, registration and invitation tokens travel in
URLs, and every request log (ours, Werkzeug's, gunicorn's) writes URLs.

The token-bearing routes are read from the URL map: any variable named like *token* in a rule
is replaced by "[redacted]"; so are query parameters named like a secret, and a query value
that is itself such a path (``?next=/auth/link/…``).
"""
from __future__ import annotations

import logging
import re
from urllib.parse import unquote, urlsplit, urlunsplit

from werkzeug.routing import Map

REDACTED = "[redacted]"
LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error", "app")

_VARIABLE = re.compile(r"<(?:[^<>:]+:)?(\w+)>")
_SECRET_PARAMETER = re.compile(r"token|secret|password|passwd|key|code|signature", re.I)
_QUERY_PAIR = re.compile(r"([^&=;]*)=([^&;]*)")
# Anything in a log line that may be a URL: an absolute one, or a path.
_URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>]+|/[^\s\"'<>]*")


class Redactor:
    """Knows the token-bearing routes of one or more URL maps and hides their tokens."""

    def __init__(self) -> None:
        self._routes: dict[str, re.Pattern] = {}

    def learn(self, url_map: Map) -> None:
        for rule in url_map.iter_rules():
            if any("token" in name.lower() for name in rule.arguments):
                self._routes.setdefault(rule.rule, _route_pattern(rule.rule))

    def path(self, path: str) -> str:
        """A path (with or without its query string) with every token replaced."""
        path, mark, query = path.partition("?")
        for pattern in self._routes.values():
            match = pattern.fullmatch(path)
            if match:
                path = _replace_groups(path, match)
                break
        return path + mark + (self.query(query) if query else "")

    def url(self, url: str) -> str:
        if not url.startswith(("http://", "https://")):
            return self.path(url)
        parts = urlsplit(url)
        path = self.path(parts.path + ("?" + parts.query if parts.query else ""))
        path, _, query = path.partition("?")
        return urlunsplit((parts.scheme, parts.netloc, path, query, parts.fragment))

    def text(self, text: str) -> str:
        """A log message with every URL or path in it redacted."""
        if not self._routes and "?" not in text:
            return text
        return _URL_IN_TEXT.sub(lambda match: self.url(match.group(0)), text)

    def query(self, query: str) -> str:
        """A query string (without "?") with secret-named parameters and token paths hidden."""
        def pair(match: re.Match) -> str:
            name, value = match.group(1), match.group(2)
            if _SECRET_PARAMETER.search(unquote(name)):
                return f"{name}={REDACTED}"
            plain = unquote(value)
            if plain.startswith("/") and self.path(plain) != plain:
                return f"{name}={REDACTED}"
            return match.group(0)

        return _QUERY_PAIR.sub(pair, query)


def _route_pattern(rule: str) -> re.Pattern:
    """A regular expression for a rule's paths; its token variables are named groups."""
    pattern, position = "", 0
    for number, match in enumerate(_VARIABLE.finditer(rule)):
        pattern += re.escape(rule[position:match.start()])
        converter = match.group(0)[1:].split(":")[0] if ":" in match.group(0) else ""
        part = ".+?" if converter.startswith("path") else "[^/]+?"
        if "token" in match.group(1).lower():
            part = f"(?P<t{number}>{part})"
        pattern += part
        position = match.end()
    return re.compile(pattern + re.escape(rule[position:]))


def _replace_groups(path: str, match: re.Match) -> str:
    spans = sorted(match.span(name) for name in match.groupdict())
    for start, end in reversed(spans):
        path = path[:start] + REDACTED + path[end:]
    return path


class RedactingFilter(logging.Filter):
    """Rewrites a record's message with the tokens hidden (a filter that never drops one)."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):  # gunicorn's access atoms, for any log format
            for key, value in record.args.items():
                if isinstance(value, str):
                    record.args[key] = (self.redactor.query(value) if key == "q"
                                        else self.redactor.text(value))
        else:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):
                return True
            redacted = self.redactor.text(message)
            if redacted != message:
                record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:  # a traceback may quote a URL
            trace = _FORMATTER.formatException(record.exc_info)
            if self.redactor.text(trace) != trace:  # JSON formatters read exc_info first
                record.exc_info, record.exc_text = None, self.redactor.text(trace)
        for name in ("path", "url", "referrer"):  # structured fields of our own lines
            value = getattr(record, name, None)
            if isinstance(value, str):
                setattr(record, name, self.redactor.url(value))
        return True


_FORMATTER = logging.Formatter()
redactor = Redactor()
log_filter = RedactingFilter(redactor)


def install(url_map: Map, handler: logging.Handler | None = None) -> None:
    """Hide the tokens of these routes from the request loggers (and from `handler`, which
    sees the records of every logger under the root)."""
    redactor.learn(url_map)
    for target in [*(logging.getLogger(name) for name in LOGGERS), handler]:
        if target is not None and log_filter not in target.filters:
            target.addFilter(log_filter)

"""The audit log on the web: who acts in a request, and the administrators' page (views)."""
from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user

from app.audit.services import Acting


class RequestActing(Acting):
    """The person signed in and the client's address, of the request being served when an
    entry is written (a sign-in makes its own entry name the person just signed in)."""

    def actor(self):
        return current_user if has_request_context() and current_user.is_authenticated \
            else None

    def ip(self) -> str:
        return (request.remote_addr or "") if has_request_context() else ""

"""The step every form and button of the pages takes: run the service; on its domain error,
roll back and show the error (next to its field on the form, else as a flashed message); on
success, commit and flash what was done. The view then redirects (or renders) as it needs:

    with step(services.SeriesError, form, success=_("Saved.")) as done:
        services.join(series, ...)
    if done:
        return redirect(url_for(...))

Errors other than the given domain error pass through untouched (no commit): the error
handlers roll back, and a view may catch its own (a stale edit) around the `with`.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import flash

from app.extensions import db
from app.web.forms import attach_error


class Outcome:
    """True once the step's work is committed; `error` holds the domain error otherwise."""

    def __init__(self):
        self.ok = False
        self.error = None

    def __bool__(self) -> bool:
        return self.ok


@contextmanager
def step(errors: type[Exception] | tuple[type[Exception], ...], form=None, *,
         fields: dict | None = None, success: str | None = None) -> Iterator[Outcome]:
    """Commit the block's work, or roll it back on `errors` and show the error: on `form`,
    each problem by its field (`fields` maps a service's field name to the form's; None is
    the form as a whole), else flashed. `success` is flashed once committed."""
    outcome = Outcome()
    try:
        yield outcome
    except errors as error:
        db.session.rollback()
        outcome.error = error
        if form is None:
            flash(error.message, "error")
        else:
            attach_error(form, error, fields=fields)
    else:
        db.session.commit()
        outcome.ok = True
        if success:
            flash(success, "success")

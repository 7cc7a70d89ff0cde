"""The one step every part of the demo repeats: find a row, or add it."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db


def get_or_create(model, lookup: dict, **values):
    row = db.session.scalar(select(model).filter_by(**lookup))
    if row is None:
        row = model(**lookup, **values)
        db.session.add(row)
        db.session.flush()
    return row

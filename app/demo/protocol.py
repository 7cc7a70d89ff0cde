"""The demo meeting's protocol: a lot drawn by the secretariat (letter M, so the demo reads the
same each time it is built) and the plenary as a hollow square on A3."""
from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.protocol import services
from app.protocol.models import Paper, SeatingLayout


def create_protocol(meeting) -> None:
    if services.current_lot(meeting) is not None:
        return
    drawer = db.session.scalar(select(User).where(User.email == "staff@knpa.example.com"))
    services.draw_lot(meeting, actor=drawer, letter="M")
    services.set_seating(meeting, SeatingLayout.HOLLOW_SQUARE.value, Paper.A3.value,
                         actor=drawer)

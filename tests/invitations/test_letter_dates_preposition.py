"""Letters saved before {dates} carried its own preposition ("du {dates}") print it once: the
migration b23letterdates rewrites the stored letters and render_letter drops one that slips
through (a letter pasted from an old copy). On both backends (the `app` fixture)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select

from app.invitations.models import InvitationLetter
from app.meetings.models import Meeting

MIGRATION = Path(__file__).parents[2] / "migrations/versions/b23letter_dates_preposition.py"

# Sentences of the demo letter as commit 74f57b5 had them (a preposition before {dates}), the
# stored form the migration leaves, and what the Seoul meeting (11–12 November 2025) prints.
OLD = {
    "en": ("to be held in {city} on {dates} at", "to be held in {city} {dates} at",
           "to be held in Seoul from 11 to 12 November 2025 at"),
    "fr": ("qui se tiendra à {city} du {dates}.", "qui se tiendra à {city} {dates}.",
           "qui se tiendra à Séoul du 11 au 12 novembre 2025."),
    "es": ("en {city} del {dates}.", "en {city} {dates}.",
           "en Seúl del 11 al 12 de noviembre de 2025."),
    "pt": ("em {city} de {dates}.", "em {city} {dates}.",
           "em Seul de 11 a 12 de novembro de 2025."),
    "vi": ("tại {city} vào {dates}.", "tại {city} {dates}.",
           "tại Seoul ngày 11–12 tháng 11 năm 2025."),
    "th": ("ณ {city} ระหว่างวันที่ {dates}", "ณ {city} {dates}",
           "ณ โซล ระหว่างวันที่ 11–12 พฤศจิกายน พ.ศ. 2568"),
    "km": ("ក្រុង{city} នៅ {dates}។", "ក្រុង{city} {dates}។",
           "ពីថ្ងៃទី 11 ដល់ថ្ងៃទី 12 ខែវិច្ឆិកា ឆ្នាំ 2025។"),
    "lo": ("ນະຄອນ{city} ໃນວັນທີ {dates}.", "ນະຄອນ{city} {dates}.",
           "ແຕ່ວັນທີ 11 ຫາ 12 ພະຈິກ 2025."),
    "id": ("di {city}, pada {dates}.", "di {city}, {dates}.",
           "pada tanggal 11 sampai dengan 12 November 2025."),
    "ms": ("di {city} pada {dates}.", "di {city} {dates}.", "dari 11 hingga 12 November 2025."),
    "fil": ("sa {city}, sa {dates}.", "sa {city}, {dates}.",
            "mula ika-11 hanggang ika-12 ng Nobyembre 2025."),
    "ar": ("في {city}، في {dates}.", "في {city}، {dates}.", "من 11 إلى 12 نوفمبر 2025."),
    "ko": ("{dates} {city}에서", "{dates} {city}에서", "2025년 11월 11일~12일"),
    "ja": ("{dates}に{city}で", "{dates}に{city}で", "2025年11月11日～12日に"),
}


def _seoul(db):
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    return meeting, db.session.scalar(select(InvitationLetter).where(
        InvitationLetter.meeting_id == meeting.id))


def _upgrade(connection) -> None:
    spec = importlib.util.spec_from_file_location("b23letterdates", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.down_revision == "b21votes"
    with Operations.context(MigrationContext.configure(connection)):
        migration.upgrade()


def test_the_migration_rewrites_stored_letters(db, demo):
    meeting, letter = _seoul(db)
    kept = (dict(letter.subject), dict(letter.body))
    try:
        letter.subject = {lang: f"Invitation {old}" for lang, (old, _new, _printed) in OLD.items()}
        letter.body = {lang: old for lang, (old, _new, _printed) in OLD.items()}
        db.session.commit()
        with db.engine.begin() as connection:
            _upgrade(connection)
        db.session.expire_all()
        _meeting, letter = _seoul(db)
        assert dict(letter.body) == {lang: new for lang, (_old, new, _printed) in OLD.items()}
        assert dict(letter.subject) == {
            lang: f"Invitation {new}" for lang, (_old, new, _printed) in OLD.items()}
        with db.engine.begin() as connection:  # a second run changes nothing
            _upgrade(connection)
        db.session.expire_all()
        assert dict(_seoul(db)[1].body)["fr"] == "qui se tiendra à {city} {dates}."
    finally:
        _meeting, letter = _seoul(db)
        letter.subject, letter.body = kept
        db.session.commit()


@pytest.mark.parametrize("lang", sorted(OLD))
def test_render_drops_a_preposition_before_dates(app, db, demo, lang):
    from app.invitations.services import render_letter

    meeting, letter = _seoul(db)
    old, _new, printed = OLD[lang]
    draft = InvitationLetter(meeting_id=meeting.id, reply_by=letter.reply_by,
                             subject={lang: old}, body={lang: old})
    with app.test_request_context():
        subject, body = render_letter(meeting, draft, None, lang)
    assert printed in body and printed in subject
    for doubled in ("on from", "du du", "del del", "de de", "vào ngày", "pada pada",
                    "sa mula", "في من", "ระหว่างวันที่ ระหว่างวันที่", "នៅ ពីថ្ងៃទី",
                    "ໃນວັນທີ ແຕ່ວັນທີ"):
        assert doubled not in body
    db.session.rollback()


def test_a_single_day_keeps_its_own_preposition(app, db, demo):
    """One day: "le 11 novembre 2025", "el 11 de…", "on 11 November 2025", once each."""
    from datetime import date

    from app.invitations.services import render_letter

    meeting, letter = _seoul(db)
    meeting.end_date = date(2025, 11, 11)
    draft = InvitationLetter(meeting_id=meeting.id, reply_by=letter.reply_by,
                             subject={}, body={"fr": "Réunion le {dates}.",
                                               "es": "Reunión el {dates}.",
                                               "en": "Meeting on {dates}."})
    with app.test_request_context():
        printed = {lang: render_letter(meeting, draft, None, lang)[1]
                   for lang in ("fr", "es", "en")}
    assert printed == {"fr": "Réunion le 11 novembre 2025.",
                       "es": "Reunión el 11 de noviembre de 2025.",
                       "en": "Meeting on 11 November 2025."}
    db.session.rollback()

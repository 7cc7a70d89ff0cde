"""The demo meeting's documents register: the list of documents (INF/1, public), a working
paper in English, Korean and French with its first revision (WP/1, WP/1/Rev.1), a conference
room paper for the heads only (CRP/1) and a draft not yet issued (WP/2). Each file is a small
PDF printed by the application's renderer; issued without notices (the demo's participants
have not asked for mail)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.agenda.models import AgendaItem
from app.auth.models import User
from app.doc_register import services
from app.doc_register.models import MeetingDocument
from app.extensions import db
from app.i18n import TranslatedText, language_name

WP1_TITLE = {
    "en": "A common framework for joint investigations into scam compounds",
    "ko": "스캠 단지 공동수사를 위한 공통 체계",
    "fr": "Un cadre commun pour les enquêtes conjointes sur les centres d'escroquerie",
}
WP1_REV_TITLE = {
    "en": "A common framework for joint investigations into scam compounds (revised)",
    "ko": "스캠 단지 공동수사를 위한 공통 체계 (수정본)",
    "fr": "Un cadre commun pour les enquêtes conjointes sur les centres d'escroquerie "
          "(révisé)",
}
BODY = {
    "en": ["This paper proposes how member agencies open, staff and close a joint "
           "investigation, and how evidence moves between them."],
    "ko": ["이 문서는 회원 기관이 공동수사를 개시·운영·종결하는 방법과 증거를 기관 간에 "
           "전달하는 방법을 제안합니다."],
    "fr": ["Ce document propose la manière dont les services membres ouvrent, dotent et "
           "clôturent une enquête conjointe, et dont les preuves circulent entre eux."],
}


def _pdf(meeting, symbol: str, title: dict, lang: str, paragraphs: list[str]) -> bytes:
    from app.documents.render import render_document

    resolved = TranslatedText(title).resolve(lang, "en").text
    return render_document(
        "pdf/meeting_document.html", locale=lang, symbol=symbol, title=resolved,
        meeting_title=TranslatedText(meeting.title).resolve(lang, "en").text,
        issued=meeting.start_date, language=language_name(lang, lang),
        paragraphs=paragraphs)


def _item(meeting, title: str) -> int | None:
    items = db.session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
    return next((item.id for item in items if item.title.get("en") == title), None)


def _make(meeting, actor, *, doc_class, title, item, distribution, languages, body=None,
          parent=None, issue=True, when=None):
    if parent is None:
        doc = services.create(meeting, doc_class=doc_class, number=None, title=title,
                              agenda_item_id=item, distribution=distribution, actor=actor)
    else:
        doc = services.revise(parent, "revision", title=title, actor=actor)
    for lang in languages:
        data = _pdf(meeting, doc.symbol, title, lang, (body or {}).get(lang, []))
        services.add_file(doc, lang, services.Upload(f"{doc.symbol}.pdf", data), actor=actor)
    if issue:
        services.issue(doc, actor=actor, notify=False)
        doc.issued_at = when
    db.session.flush()
    return doc


def create_documents(meeting) -> None:
    if db.session.scalar(select(MeetingDocument.id).where(
            MeetingDocument.meeting_id == meeting.id).limit(1)) is not None:
        return
    actor = db.session.scalar(select(User).where(User.email == "staff@knpa.example.com"))
    adoption = _item(meeting, "Adoption of the agenda")
    framework = _item(meeting, "Launch of Operation Breaking Chains: objectives and framework")
    raids = _item(meeting, "Joint operations and coordinated cross-border raids")
    _make(meeting, actor, doc_class="INF", item=adoption, distribution="public",
          title={"en": "Provisional list of documents", "ko": "문서 잠정 목록"},
          languages=("en", "ko"), when=datetime(2025, 10, 28, 1, 0))
    wp1 = _make(meeting, actor, doc_class="WP", item=framework, distribution="delegates",
                title=WP1_TITLE, languages=("en", "ko", "fr"), body=BODY,
                when=datetime(2025, 10, 28, 1, 0))
    _make(meeting, actor, doc_class="WP", item=framework, distribution="delegates",
          title=WP1_REV_TITLE, languages=("en", "ko", "fr"), body=BODY, parent=wp1,
          when=datetime(2025, 11, 10, 8, 0))
    _make(meeting, actor, doc_class="CRP", item=raids, distribution="heads",
          title={"en": "Operational contacts for coordinated raids"}, languages=("en",),
          when=datetime(2025, 11, 11, 6, 0))
    _make(meeting, actor, doc_class="WP", item=framework, distribution="delegates",
          title={"en": "Draft terms of reference of a permanent secretariat"},
          languages=("en",), issue=False)

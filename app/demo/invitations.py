"""The invitations of the Seoul meeting: the letter, and each organisation's invitation and
answer."""
from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import select

from app.demo.letter import BODY, SUBJECT
from app.demo.organisations import BODY_CATEGORY, ORGANISATIONS
from app.extensions import db
from app.invitations.models import Invitation, InvitationLetter, InvitationStatus
from app.meetings.models import Meeting

# Agency, addressee and the answer the demo records (None: sent, no answer yet).
ADDRESSEES = {
    "cnp-kh": ("Gen. Sar Thet", "accepted"), "mps-la": ("Pol. Maj. Gen. Vilay", "accepted"),
    "rtp": ("Pol. Gen. Kittirat", "accepted"), "spf": ("Commissioner Tan", "accepted"),
    "pnp": ("PGen. Santos", "accepted"), "fbi": ("Director's Office", None),
    "moi-ae": ("Maj. Gen. Al Mansoori", "accepted"), "moi-qa": ("Brig. Al Thani", None),
    "mps-cn": ("Director Wang", "accepted"), "npa-jp": ("Director Sato", "accepted"),
    "mps-vn": ("Maj. Gen. Nguyen", "accepted"), "polri": ("Brig. Gen. Siregar", "accepted"),
    "pdrm": ("Datuk Razak", "accepted"), "rbpf": ("Commissioner Haji Ahmad", "declined"),
    "interpol": ("Executive Director of Police Services", "accepted"),
    "aseanapol": ("Executive Director", "accepted"), "ameripol": ("Secretaría Ejecutiva", None),
    "afripol": ("Director", "accepted"),
    # The host's own delegation: accepted from the start, so its people can register.
    "knpa": ("Director General for International Cooperation", "accepted"),
}


def create_invitations(meeting: Meeting, orgs: dict) -> None:
    """Every organisation invited in its own language, as the secretariat did in October 2025."""
    if db.session.scalar(select(InvitationLetter).where(
            InvitationLetter.meeting_id == meeting.id)) is None:
        db.session.add(InvitationLetter(meeting_id=meeting.id, reply_by=date(2025, 11, 5),
                                        subject=SUBJECT, body=BODY))
    sent = datetime(2025, 10, 24, 1, 0)
    for code, _acronym, _country, language, category, _names in ORGANISATIONS:
        if db.session.scalar(select(Invitation).where(
                Invitation.meeting_id == meeting.id,
                Invitation.organisation_id == orgs[code].id)) is not None:
            continue
        name, answer = ADDRESSEES[code]
        slug = code.replace("-", "")
        status = {"accepted": InvitationStatus.ACCEPTED, "declined": InvitationStatus.DECLINED,
                  None: InvitationStatus.SENT}[answer]
        db.session.add(Invitation(
            meeting_id=meeting.id, organisation_id=orgs[code].id, category=category,
            addressee_name=name, email=f"liaison@{slug}.example.com", language=language,
            quota=4 if category != BODY_CATEGORY else 2, status=status, sent_at=sent,
            opened_at=sent if answer else None, answered_at=sent if answer else None,
            link_nonce=secrets.token_hex(16),
            decline_reason="Scheduling conflict with a national operation." if answer ==
            "declined" else ""))

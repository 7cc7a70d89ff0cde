"""The demo's people: one account per role, the heads of delegation, and the passwords of the
staff accounts kept in instance/demo-credentials.json."""
from __future__ import annotations

import json
import secrets
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from app.auth.models import Membership, Role, User
from app.auth.services import hash_password, new_totp_secret
from app.demo.rows import get_or_create
from app.extensions import db
from app.invitations.models import Invitation, InvitationStatus
from app.meetings.models import Meeting

# e-mail, name, role, organisation code, locale
USERS = [
    ("admin@knpa.example.com", "Kim Min-jun", Role.ADMIN, None, "ko"),
    ("staff@knpa.example.com", "Lee Seo-yeon", Role.STAFF, None, "en"),
    ("head.th@rtp.example.com", "Somchai Wongsakul", Role.HEAD, "rtp", "th"),
    ("delegate.th@rtp.example.com", "Nattaya Srisuk", Role.DELEGATE, "rtp", "th"),
    ("delegate.kh@cnp.example.com", "Sok Dara", Role.DELEGATE, "cnp-kh", "km"),
    ("head.ae@moi.example.com", "Khalid Al Mansoori", Role.HEAD, "moi-ae", "ar"),
    ("observer@interpol.example.com", "Claire Dubois", Role.OBSERVER, "interpol", "fr"),
    # The host takes part in its own meeting: its delegation is headed like any other.
    ("head.kr@knpa.example.com", "Park Ji-hoon", Role.HEAD, "knpa", "ko"),
]

# The head of delegation named in each accepted answer (e-mail, name, locale): the demo people
# above where the agency has one, otherwise an account made for the head.
HEADS = {
    "knpa": ("head.kr@knpa.example.com", "Park Ji-hoon", "ko"),
    "rtp": ("head.th@rtp.example.com", "Somchai Wongsakul", "th"),
    "moi-ae": ("head.ae@moi.example.com", "Khalid Al Mansoori", "ar"),
    "cnp-kh": ("head.kh@cnp.example.com", "Chea Sokha", "km"),
    "mps-la": ("head.la@mps-la.example.com", "Khamphone Sihavong", "lo"),
    "spf": ("head.sg@spf.example.com", "Tan Wei Ming", "en"),
    "pnp": ("head.ph@pnp.example.com", "Maria Santos Reyes", "fil"),
    "mps-cn": ("head.cn@mps-cn.example.com", "Liu Yang", "zh_Hans"),
    "npa-jp": ("head.jp@npa-jp.example.com", "Sato Kenji", "ja"),
    "mps-vn": ("head.vn@mps-vn.example.com", "Trần Quốc Bảo", "vi"),
    "polri": ("head.id@polri.example.com", "Budi Santoso", "id"),
    "pdrm": ("head.my@pdrm.example.com", "Ahmad Faizal bin Hassan", "ms"),
    "interpol": ("head@interpol.example.com", "Marc Lefebvre", "fr"),
    "aseanapol": ("head@aseanapol.example.com", "Rizal Hamzah", "en"),
    "afripol": ("head@afripol.example.com", "Amina Okafor", "en"),
}


def create_users(meeting: Meeting, orgs: dict) -> None:
    credentials = read_credentials()
    for email, name, role, org_code, locale in USERS:
        org = orgs.get(org_code)
        user = get_or_create(User, {"email": email}, name=name, locale=locale,
                             organisation_id=org.id if org else None)
        get_or_create(Membership, {"user_id": user.id, "meeting_id": meeting.id, "role": role},
                      organisation_id=org.id if org else None)
        if role in (Role.ADMIN, Role.STAFF) and (not user.password_hash or email not in
                                                 credentials):
            password = secrets.token_urlsafe(12)
            user.password_hash = hash_password(password)
            credentials[email] = {"password": password}
            if role is Role.ADMIN:
                user.totp_secret = new_totp_secret()
                user.totp_last_step = 0
                credentials[email]["totp_secret"] = user.totp_secret
    write_credentials(credentials)


def name_heads(meeting: Meeting, orgs: dict) -> None:
    """Every accepted invitation names its head, who holds the head role for that agency
    (as answering the invitation does); a demo loaded before gets its missing heads."""
    for invitation in db.session.scalars(select(Invitation).where(
            Invitation.meeting_id == meeting.id,
            Invitation.status == InvitationStatus.ACCEPTED)):
        code = invitation.organisation.code
        if code not in HEADS or invitation.head_email:
            continue
        email, name, locale = HEADS[code]
        user = get_or_create(User, {"email": email}, name=name, locale=locale,
                             organisation_id=orgs[code].id)
        get_or_create(Membership, {"user_id": user.id, "meeting_id": meeting.id,
                                   "role": Role.HEAD}, organisation_id=orgs[code].id)
        invitation.head_name, invitation.head_email = name, email


def credentials_file() -> Path:
    return Path(current_app.instance_path) / "demo-credentials.json"


def read_credentials() -> dict:
    try:
        return json.loads(credentials_file().read_text())
    except (OSError, ValueError):
        return {}


def write_credentials(credentials: dict) -> None:
    path = credentials_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(credentials, indent=2))
    path.chmod(0o600)

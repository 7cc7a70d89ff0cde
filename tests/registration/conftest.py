"""Registration fixtures: a Vietnamese head of delegation, pictures to upload, form data."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.auth.models import Membership, Role, User
from app.meetings.models import Meeting, Organisation
from tests.conftest import csrf_token, sign_in

VN_HEAD = "head.vn@mps.example.com"


def organisation(db, code: str) -> Organisation:
    return db.session.scalar(select(Organisation).where(Organisation.code == code))


@pytest.fixture
def vn_head(app, db, demo):
    """The head of Viet Nam's delegation (the invitation was accepted); returns a client."""
    org = organisation(db, "mps-vn")
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    user = User(email=VN_HEAD, name="Nguyễn Văn Hùng", locale="vi", organisation_id=org.id)
    db.session.add(user)
    db.session.flush()
    db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=Role.HEAD,
                              organisation_id=org.id))
    db.session.commit()
    client = app.test_client()
    sign_in(app, client, VN_HEAD)
    return client


def picture(kind: str = "JPEG", size=(300, 400), exif: bool = False) -> bytes:
    from PIL import Image

    image = Image.new("RGB", size, (180, 120, 90))
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCameraMaker"  # Make
        image.save(out, format=kind, exif=data)
    else:
        image.save(out, format=kind)
    return out.getvalue()


def form_data(page_html: str, **overrides) -> dict:
    data = {
        "csrf_token": csrf_token(page_html), "family_name": "Nguyen", "given_names": "Van An",
        "native_name": "Nguyễn Văn An", "title": "Colonel", "position": "Deputy Director",
        "email": "an.nguyen@mps.example.com", "phone": "+84 24 3822 6602", "role": "delegate",
        "interpretation": "vi", "nationality": "VN", "diet": "none", "dietary": "",
        "accessibility": "",
        "arrival_date": "2025-11-10", "arrival_flight": "VN 416",
        "departure_date": "2025-11-13", "departure_flight": "VN 417", "hotel": "Lotte Hotel",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def register(client, slug: str, code: str = "mps-vn", photo: bytes | None = None,
             **overrides):
    url = f"/meetings/{slug}/registration/delegations/{code}/new"
    page = client.get(url)
    data = form_data(page.get_data(as_text=True), **overrides)
    if photo is not None:
        data["photo"] = (io.BytesIO(photo), "../../etc/passwd.jpg")
    return client.post(url, data=data, content_type="multipart/form-data")


def vietnam():
    """Viet Nam's registrations: the ones each test makes (the demo has others)."""
    from app.registration.models import Registration

    return select(Registration).join(Organisation).where(Organisation.code == "mps-vn")

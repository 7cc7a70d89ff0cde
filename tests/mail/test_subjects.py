"""Subjects in any script reach the recipient intact and within RFC 2047's limits.

RFC 2047 §2: an encoded-word is at most 75 characters and a line holding encoded-words at most
76. Python's own folder made 76-character words of the Thai, Khmer and Arabic subjects of the
demo's invitations and sign-in links. Measured on the bytes as they came over SMTP.
"""
from __future__ import annotations

import random
import re
from email import message_from_bytes
from email.policy import default

from sqlalchemy import select

from app.mail.models import OutboxMessage
from tests.conftest import csrf_token, sign_in_staff
from tests.invitations.conftest import invitation_of, upcoming  # noqa: F401 - a fixture

ENCODED_WORD = re.compile(rb"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")


def _header_block(raw: bytes) -> bytes:
    return raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]


def _subject_lines(raw: bytes) -> list[bytes]:
    """The physical lines of the Subject header field, folded as sent."""
    lines = _header_block(raw).replace(b"\r\n", b"\n").split(b"\n")
    start = next(n for n, line in enumerate(lines) if line.lower().startswith(b"subject:"))
    end = start + 1
    while end < len(lines) and lines[end][:1] in (b" ", b"\t"):
        end += 1
    return lines[start:end]


def _problems(raw: bytes) -> list[str]:
    problems = []
    for line in _header_block(raw).replace(b"\r\n", b"\n").split(b"\n"):
        words = ENCODED_WORD.findall(line)
        problems += [f"{len(w)}-character encoded-word {w[:30]!r}…" for w in words if len(w) > 75]
        if words and len(line) > 76:
            problems.append(f"{len(line)}-character line holding encoded-words")
    return problems


def test_subjects_of_real_mails_in_thai_khmer_arabic_korean_keep_rfc_2047_limits(
        app, client, db, upcoming, smtp_server):  # noqa: F811
    staff = app.test_client()
    sign_in_staff(app, staff)
    base = "/meetings/bc-2025-seoul/invitations"
    invitation_of(db, "pnp").language = "ko"  # no agency of the demo writes Korean
    db.session.commit()
    for code in ("rtp", "cnp-kh", "moi-qa", "pnp"):  # invitations in th, km, ar, ko
        page = staff.get(base + "/").get_data(as_text=True)
        staff.post(f"{base}/{invitation_of(db, code).id}/send",
                   data={"csrf_token": csrf_token(page)})
    for email in ("delegate.th@rtp.example.com", "delegate.kh@cnp.example.com",
                  "head.ae@moi.example.com"):  # sign-in links in th, km, ar
        page = client.get("/auth/sign-in").get_data(as_text=True)
        client.post("/auth/sign-in", data={"csrf_token": csrf_token(page), "email": email})
    queued = db.session.scalars(select(OutboxMessage)).all()
    assert {m.language for m in queued if m.kind in ("invitation", "sign_in_link")} >= {
        "th", "km", "ar", "ko"}
    subjects: dict[str, set[str]] = {}
    for message in queued:  # invitations, sign-in links and the agenda updates of the move
        subjects.setdefault(message.recipient, set()).add(message.subject)
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    assert len(smtp_server.raw) == len(queued) >= 7
    for [recipient], raw in smtp_server.raw:
        assert _problems(raw) == [], (recipient, _subject_lines(raw))
        subject = str(message_from_bytes(raw, policy=default)["Subject"])
        assert subject in subjects[recipient]  # decoded back exactly, spaces included
        if not subject.isascii():
            assert ENCODED_WORD.search(b"".join(_subject_lines(raw)))


def test_any_subject_folds_into_short_encoded_words_and_decodes_back_exactly():
    """Random subjects mixing scripts, marks, emoji and spaces, through the same policy."""
    from email.message import EmailMessage

    from app.mail.headers import MAIL_POLICY

    scripts = ["กขคงจญฎฐณดตถทนบปผพภมยรลวสหอะัาำิีึืุู่้๊๋", "កខគងចឆជញដណតថទនបផពមយរលវសហអាិីឹុូើេែោំះ្",
               "ابتثجحخدذرزسشصضطظعغفقكلمنهوي", "가나다라회의초청서울", "ກຂຄງຈຊຍດຕຖທນບປ",
               "日本語中文",
               "abc XYZ", "é—«» ", "😀", " :,=?-", "\u0301"]
    chooser = random.Random(2047)
    for _ in range(400):
        subject = " ".join("".join(chooser.choice(chooser.choice(scripts))
                                   for _ in range(chooser.randint(1, 250))).split()) or "x"
        email = EmailMessage(policy=MAIL_POLICY)
        email["Subject"] = subject
        email.set_content("x")
        raw = email.as_bytes()
        assert _problems(raw) == [], subject
        assert str(message_from_bytes(raw, policy=default)["Subject"]) == subject

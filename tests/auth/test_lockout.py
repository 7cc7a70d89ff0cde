"""Per-account lockout: guesses from many addresses add up, and the code step counts too."""
from __future__ import annotations

import re
from datetime import timedelta

import pyotp
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth import services
from app.auth.models import User
from app.models_base import utcnow
from tests.audit.test_log import _sign_in_admin
from tests.conftest import csrf_token, sign_in_staff, staff_credentials

STAFF = "staff@knpa.example.com"
ADMIN = "admin@knpa.example.com"
GENERIC = "The e-mail address or password is not correct."
AGENDA = "/meetings/bc-2025-seoul/agenda"


def _client(app, number: int):
    """A browser at its own address: the per-address rate limit never applies."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"198.51.100.{number}"
    return client


def _password(app, client, email: str, password: str):
    page = client.get("/auth/staff?lang=en")
    return client.post("/auth/staff", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "email": email,
        "password": password})


def _guess(app, times: int, email: str = STAFF, first: int = 10):
    for number in range(first, first + times):
        response = _password(app, _client(app, number), email, f"guess {number}")
        assert GENERIC in response.get_data(as_text=True)


def _user(db, email: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def _audit(db, action: str) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == action))


def test_ten_wrong_passwords_from_ten_addresses_lock_the_account(app, db, demo):
    _guess(app, 10)
    owner = _client(app, 200)
    response = _password(app, owner, STAFF, staff_credentials(app)[STAFF]["password"])
    assert response.status_code == 200 and GENERIC in response.get_data(as_text=True)
    assert owner.get(AGENDA).status_code == 302  # not signed in
    assert _audit(db, "auth.locked") == 1
    assert _user(db, STAFF).locked_until > utcnow() + timedelta(minutes=14)
    admin = _client(app, 201)
    _sign_in_admin(app, admin)
    log = admin.get("/audit/?lang=en").get_data(as_text=True)
    assert "Sign-in paused after repeated failures" in log and "minutes: 15" in log


def test_a_locked_account_answers_as_an_unknown_address_does(app, db, demo):
    _guess(app, 10)
    locked = _password(app, _client(app, 201), STAFF, staff_credentials(app)[STAFF]["password"])
    unknown = _password(app, _client(app, 202), "nobody@knpa.example.com", "whatever")
    assert locked.status_code == unknown.status_code == 200
    assert _page(locked, STAFF) == _page(unknown, "nobody@knpa.example.com")


def _page(response, email: str) -> str:
    """The page as the person sees it (the CSRF tokens differ per browser)."""
    html = response.get_data(as_text=True).replace(email, "X")
    return re.sub(r'name="csrf_token"[^>]*>', "", html)


def test_the_password_of_a_locked_account_is_not_even_checked(app, db, demo, monkeypatch):
    _guess(app, 10)
    checked = []
    hasher = services._hasher

    class Spy:
        def verify(self, stored, password):
            checked.append(stored)
            return hasher.verify(stored, password)

        def __getattr__(self, name):
            return getattr(hasher, name)

    monkeypatch.setattr(services, "_hasher", Spy())
    _password(app, _client(app, 203), STAFF, staff_credentials(app)[STAFF]["password"])
    assert checked == [services._DUMMY_HASH]  # the same work, but never the account's hash
    assert _user(db, STAFF).failed_sign_ins == 0  # and attempts while locked are not counted


def test_the_dummy_hash_is_checked_with_the_work_of_a_real_password():
    """The hash unknown addresses and locked accounts are checked against is written out in
    app/auth/services.py, not made at import: it must stay a valid argon2id hash with the
    parameters of production's hasher (argon2-cffi's defaults, as real passwords are hashed),
    so that checking it takes as long as checking an account's password."""
    from argon2 import PasswordHasher

    production = PasswordHasher()  # services._hasher, before this suite made it cheaper
    dummy = services._DEFAULT_DUMMY_HASH
    assert dummy.startswith("$argon2id$")
    assert not production.check_needs_rehash(dummy)  # the same memory, passes and lanes
    assert production.verify(dummy, "not a password of anyone")


def test_the_lock_ends_after_its_time_and_the_next_one_is_longer(app, db, demo):
    _guess(app, 10)
    user = _user(db, STAFF)
    first = user.locked_until - utcnow()
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    _guess(app, 10, first=30)
    second = _user(db, STAFF).locked_until - utcnow()
    assert timedelta(minutes=14) < first <= timedelta(minutes=15)
    assert timedelta(minutes=29) < second <= timedelta(minutes=30)
    assert _audit(db, "auth.locked") == 2


def test_a_sign_in_that_works_starts_the_count_again(app, db, demo):
    _guess(app, 9)
    sign_in_staff(app, _client(app, 204))
    user = _user(db, STAFF)
    assert user.failed_sign_ins == 0 and user.locked_until is None
    _guess(app, 9, first=40)
    owner = _client(app, 205)
    sign_in_staff(app, owner)
    assert owner.get(AGENDA).status_code == 200


def test_an_unknown_address_locks_nothing_and_says_the_same(app, db, demo):
    _guess(app, 12, email="nobody@knpa.example.com")
    assert _audit(db, "auth.locked") == 0
    owner = _client(app, 206)
    sign_in_staff(app, owner)
    assert owner.get(AGENDA).status_code == 200


def _code_step(app, client):
    assert _password(app, client, ADMIN, staff_credentials(app)[ADMIN]["password"]
                     ).headers["Location"].endswith("/auth/totp")


def _code(app, client, code: str):
    page = client.get("/auth/totp?lang=en")
    if page.status_code != 200:
        return page
    return client.post("/auth/totp", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "code": code})


def _wrong(right: str) -> str:
    return f"{(int(right) + 500000) % 1000000:06d}"


def test_five_wrong_codes_void_the_code_step_even_from_copies_of_the_cookie(app, db, demo):
    secret = staff_credentials(app)[ADMIN]["totp_secret"]
    owner = _client(app, 50)
    _code_step(app, owner)
    cookie = owner.get_cookie("session").value
    copies = []
    for number in range(51, 56):  # five more browsers at other addresses, same cookie
        copy = _client(app, number)
        copy.set_cookie("session", cookie)
        copies.append(copy)
    right = pyotp.TOTP(secret).now()
    for copy in copies[:4]:
        response = _code(app, copy, _wrong(right))
        assert response.status_code == 200 and 'id="code-error"' in response.get_data(
            as_text=True)
    fifth = _code(app, copies[4], _wrong(right))
    assert fifth.status_code == 302 and fifth.headers["Location"].endswith("/auth/staff")
    again = _code(app, owner, pyotp.TOTP(secret).now())  # the right code, the first cookie
    assert again.status_code == 302 and again.headers["Location"].endswith("/auth/staff")
    assert owner.get(AGENDA).status_code == 302
    page = owner.get("/auth/staff?lang=en").get_data(as_text=True)
    assert "Too many wrong codes. Please sign in again with your password." in page
    assert _audit(db, "auth.totp_failed") == 5


def test_after_the_password_again_the_right_code_signs_in(app, db, demo):
    secret = staff_credentials(app)[ADMIN]["totp_secret"]
    owner = _client(app, 60)
    _code_step(app, owner)
    for _ in range(5):
        _code(app, owner, _wrong(pyotp.TOTP(secret).now()))
    _code_step(app, owner)
    response = _code(app, owner, pyotp.TOTP(secret).now())
    assert response.status_code == 302 and not response.headers["Location"].endswith(
        "/auth/staff")
    assert owner.get(AGENDA).status_code == 200
    user = _user(db, ADMIN)
    assert user.failed_sign_ins == user.totp_failures == 0


def test_wrong_codes_count_towards_the_account_lockout(app, db, demo):
    secret = staff_credentials(app)[ADMIN]["totp_secret"]
    owner = _client(app, 70)
    for _ in range(2):
        _code_step(app, owner)
        for _ in range(5):
            _code(app, owner, _wrong(pyotp.TOTP(secret).now()))
    assert _audit(db, "auth.locked") == 1
    response = _password(app, owner, ADMIN, staff_credentials(app)[ADMIN]["password"])
    assert response.status_code == 200 and GENERIC in response.get_data(as_text=True)


def test_a_lock_voids_a_pending_code_step(app, db, demo):
    secret = staff_credentials(app)[ADMIN]["totp_secret"]
    owner = _client(app, 80)
    _code_step(app, owner)
    _guess(app, 10, email=ADMIN, first=81)
    response = _code(app, owner, pyotp.TOTP(secret).now())
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/staff")
    assert owner.get(AGENDA).status_code == 302

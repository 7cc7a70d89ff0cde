"""Previews of every automatic e-mail, in every language, with sample values: the subject the
service sends, the HTML part in a sandboxed frame under the site's CSP, the text part."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from sqlalchemy import select

from app.auth.models import User
from app.i18n import LOCALES
from app.registration.models import Registration
from app.web.mail import previews
from tests.conftest import sign_in, sign_in_staff

ROOT = Path(__file__).resolve().parent.parent.parent
PAGE = "/outbox/previews"


def _people(db) -> set[str]:
    """The names and addresses of the demo's real accounts and registrations."""
    found = set()
    for user in db.session.scalars(select(User)):
        found |= {user.email, user.name}
    for registration in db.session.scalars(select(Registration)):
        found |= {registration.email, registration.display_name}
    return {value for value in found if value and len(value) > 3}


def test_every_e_mail_in_every_language_has_a_subject_and_no_real_persons_data(app, db,
                                                                               demo):
    from app.meetings.models import Meeting

    people = _people(db)
    kinds = {p.template for p in previews.PREVIEWS}
    mail_templates = {path.stem for path in (ROOT / "templates/mail").glob("*.txt")
                      if not path.stem.startswith("_")}
    assert mail_templates <= kinds  # an automatic e-mail without a preview fails here
    with app.test_request_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
        for preview in previews.available():
            subjects = set()
            for lang in LOCALES:
                mail = previews.render(preview, meeting, lang)
                assert mail.subject.strip() and mail.text.strip(), (preview.key, lang)
                assert f'lang="{lang.replace("_", "-")}' in mail.html or lang == "zh_Hans"
                assert previews.SAMPLE_NAME in mail.text
                leaked = [p for p in people if p in mail.text or p in mail.html]
                assert leaked == [], (preview.key, lang, leaked)
                assert "<script" not in mail.html
                subjects.add(mail.subject)
            if preview.key == "sign-in-link":  # in each language its own (the catalogues)
                assert len(subjects) == len(LOCALES)


def test_the_subjects_are_those_the_services_send(app, db, demo):
    """One source: previews.py writes no subject of its own; what a preview shows is what the
    service queues, checked on e-mails really queued, in their recipients' languages."""
    from app.mail.models import OutboxMessage
    from app.meetings.models import Meeting
    from app.registration import services as registration
    from app.registration.models import RegistrationStatus
    from tests.conftest import post_form

    source = (ROOT / "app/web/mail/previews.py").read_text()
    assert re.findall(r"\b_\(|gettext", source) == []
    db.session.execute(OutboxMessage.__table__.delete())  # the demo's own e-mails
    db.session.commit()
    post_form(app.test_client(), "/auth/sign-in", {"email": "delegate.th@rtp.example.com"})
    post_form(app.test_client(), "/auth/password/forgot", {"email": "staff@knpa.example.com"})
    with app.test_request_context():
        for row in db.session.scalars(select(Registration).where(
                Registration.status == RegistrationStatus.PENDING)).all()[:3]:
            registration.approve(row)
        db.session.commit()
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == demo))
        checked = set()
        for message in db.session.scalars(select(OutboxMessage)):
            shown = {previews.render(p, meeting, message.language).subject
                     for p in previews.available() if p.template == message.kind}
            assert message.subject in shown, (message.kind, message.language, shown)
            checked.add((message.kind, message.language))
    assert {kind for kind, _lang in checked} >= {"sign_in_link", "password_reset",
                                                   "registration"}
    assert ("sign_in_link", "th") in checked


@pytest.mark.parametrize("lang", ["en", "ar", "th", "km"])
def test_the_page_shows_subject_html_in_a_sandbox_and_text(app, db, demo, lang):
    client = app.test_client()
    sign_in_staff(app, client)
    response = client.get(f"{PAGE}?kind=head-named&mail_lang={lang}&lang={lang}")
    assert response.status_code == 200, response.get_data(as_text=True).split("<main")[1][:1500]
    page = response.get_data(as_text=True)
    frame = re.search(r'<iframe class="mail-frame" sandbox srcdoc="([^"]*)"', page)
    assert frame, "no sandboxed frame"
    document = unescape(frame.group(1))
    assert document.startswith("<!doctype html>") and previews.SAMPLE_NAME in document
    # the page's policy is the site's, with exactly the e-mail's style attributes allowed
    policy = response.headers["Content-Security-Policy"]
    from app.web import CSP

    styles = re.findall(r'style="([^"]*)"', document)
    assert styles and policy.count("'sha256-") == len(set(styles))
    assert re.sub(r" 'unsafe-hashes'( 'sha256-[^']+')+", "", policy) == CSP
    text = unescape(page.split('class="plain mail-text"')[1])
    assert previews.SAMPLE_NAME in text and "/auth/link/sample" in text
    listed = re.findall(r'href="/outbox/previews\?kind=([\w-]+)', page)
    assert sorted(listed) == sorted(p.key for p in previews.available())


def test_bad_choices_fall_back_and_only_the_secretariat_may_look(app, db, demo):
    from app.auth.models import Membership
    from app.meetings.models import Meeting

    staff = db.session.scalar(select(User).where(User.email == "staff@knpa.example.com"))
    other = db.session.scalar(select(Meeting).where(Meeting.slug != demo))
    db.session.query(Membership).filter_by(user_id=staff.id, meeting_id=other.id).delete()
    db.session.commit()
    client = app.test_client()
    sign_in_staff(app, client)
    page = client.get(f"{PAGE}?kind=nothing&mail_lang=xx&meeting={other.slug}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # the first e-mail, in Seoul's working language, of Seoul (Bangkok is not this person's)
    assert 'aria-current="page">' in html and "kind=invitation" in html
    assert '<option value="en" selected>' in html
    assert f'<input type="hidden" name="meeting" value="{demo}">' in html
    delegate = app.test_client()
    sign_in(app, delegate, "delegate.th@rtp.example.com")
    assert delegate.get(PAGE).status_code == 403
    assert app.test_client().get(PAGE).status_code == 302  # to the sign-in page


@pytest.mark.one_database
def test_the_page_is_valid_html(app, db, demo, tmp_path):
    from tests.checkers import vnu_errors

    client = app.test_client()
    sign_in_staff(app, client)
    pages = {f"{kind} {lang}": client.get(f"{PAGE}?kind={kind}&mail_lang={lang}&lang={lang}")
             .get_data(as_text=True) for kind in ("invitation", "registration-rejected")
             for lang in ("en", "ar", "km")}
    assert vnu_errors(pages, tmp_path) == []

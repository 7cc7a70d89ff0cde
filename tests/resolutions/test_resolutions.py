"""Resolutions: drafted, amended, adopted and locked; printed in one language, as PDF/A, and
as a parallel text."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.resolutions.models import Resolution, ResolutionState, TextStatus
from tests.conftest import base_letters, csrf_token, pdf_text, sign_in, staff_client

BASE = "/meetings/bc-2025-seoul/resolutions"


@pytest.mark.one_database
@pytest.mark.parametrize("lang", ["en", "km", "ar", "ja"])
def test_adopted_resolution_prints_as_pdf_a_in_its_language(app, demo, lang):
    from app.demo import resolution as demo_resolution

    client = app.test_client()
    sign_in(app, client, "delegate.th@rtp.example.com")
    response = client.get(f"{BASE}/1.pdf?lang={lang}")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    catalog = reader.trailer["/Root"]
    assert str(catalog["/Lang"]) == lang
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(="|>)3', xmp) and "/OutputIntents" in catalog
    text = pdf_text(response.data)
    assert "BC/1/RES/1" in text
    title = demo_resolution.TITLE[lang]
    assert base_letters(title)[:5] in base_letters(text)  # pdftotext may reorder Khmer subscripts
    # sub-paragraphs lettered as official texts in the language are (app.documents.formal)
    labels = {"ar": ("أ", "ب", "5"),  # RTL mirrors "()"
              "km": ("(ក)", "(ខ)", "5.")}.get(lang, ("(a)", "(b)", "5."))
    assert all(label in text for label in labels)


def test_parallel_text_aligns_paragraphs_of_two_languages(app, demo):
    client = staff_client(app)
    response = client.get(f"{BASE}/1/parallel.pdf?left=en&right=fr")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert text.index("Decides") < text.index("Agrees")
    assert "Décide" in text or "Décide" in text.replace("\u00a0", " ")
    first_row = text.index("Gravely concerned")
    assert first_row < text.index("Decides")
    assert client.get(f"{BASE}/1/parallel.pdf?left=en&right=en").status_code == 404


def _new_draft(client, title="Victim protection"):
    page = client.get(f"{BASE}/")
    token = csrf_token(page.get_data(as_text=True))
    response = client.post(f"{BASE}/", data={"csrf_token": token, "title": title,
                                             "language": "en"})
    number = int(response.headers["Location"].rsplit("/", 1)[1])
    for kind in ("preambular", "operative"):
        client.post(f"{BASE}/{number}/paragraphs", data={"csrf_token": token, "kind": kind})
    return number, token


def _edit(client, number, lang, texts, status="draft", title="Victim protection"):
    page = client.get(f"{BASE}/{number}/edit?lang={lang}").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    ids = re.findall(r'name="(paragraph_\d+)"', page)
    data = {"csrf_token": csrf_token(page), "title": title, "status": status,
            "version": version, **dict(zip(ids, texts, strict=True))}
    return client.post(f"{BASE}/{number}/edit?lang={lang}", data=data), data


def test_draft_is_written_tabled_voted_and_then_locked(app, db, demo):
    client = staff_client(app)
    number, token = _new_draft(client)
    saved, _data = _edit(client, number, "en", [
        "*Deeply concerned* by the suffering of victims,",
        "*Decides* to protect victims <script>alert(1)</script>."])
    assert saved.status_code == 302
    page = client.get(f"{BASE}/{number}?lang=en").get_data(as_text=True)
    assert "<em>Deeply concerned</em>" in page and "<script>alert" not in page
    pdf = client.get(f"{BASE}/{number}.pdf?lang=en")
    assert "Draft" in pdf_text(pdf.data) and "BC/1/RES/2" in pdf_text(pdf.data)
    assert b"pdfaid" not in pdf.data  # only adopted texts are archival
    client.post(f"{BASE}/{number}/decision", data={"csrf_token": token, "action": "table"})
    client.post(f"{BASE}/{number}/decision", data={
        "csrf_token": token, "action": "adopt", "method": "vote", "votes_for": "12",
        "votes_against": "1", "votes_abstaining": "2", "decided_on": "2025-11-12"})
    resolution = db.session.scalar(select(Resolution).where(Resolution.number == number))
    db.session.refresh(resolution)
    assert resolution.state == ResolutionState.ADOPTED
    text = pdf_text(client.get(f"{BASE}/{number}.pdf?lang=en").data)
    assert "12 in favour, 1 against" in text
    response = client.get(f"{BASE}/{number}/edit?lang=en", follow_redirects=True)
    assert "can no longer be changed" in response.get_data(as_text=True)
    before = dict(resolution.paragraphs[0].text)
    client.post(f"{BASE}/{number}/paragraphs", data={"csrf_token": token, "kind": "operative"})
    db.session.expire_all()
    resolution = db.session.scalar(select(Resolution).where(Resolution.number == number))
    assert len(resolution.paragraphs) == 2 and dict(resolution.paragraphs[0].text) == before


def test_stale_edit_shows_both_versions_and_loses_nothing(app, db, demo):
    first, second = staff_client(app), staff_client(app)
    number, _token = _new_draft(first)
    page = second.get(f"{BASE}/{number}/edit?lang=en").get_data(as_text=True)
    saved, _data = _edit(first, number, "en", ["*Noting* A,", "*Decides* A;"])
    assert saved.status_code == 302
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    ids = re.findall(r'name="(paragraph_\d+)"', page)
    stale = second.post(f"{BASE}/{number}/edit?lang=en", data={
        "csrf_token": csrf_token(page), "title": "Victim protection", "status": "draft",
        "version": version, ids[0]: "*Noting* B,", ids[1]: "*Decides* B;"})
    assert stale.status_code == 409
    body = stale.get_data(as_text=True)
    assert "*Decides* A;" in body and "*Decides* B;" in body
    resolution = db.session.scalar(select(Resolution).where(Resolution.number == number))
    db.session.refresh(resolution)
    assert sorted(p.text["en"] for p in resolution.paragraphs) == ["*Decides* A;",
                                                                   "*Noting* A,"]


def test_amendment_accepted_changes_the_text_and_marks_translations_for_review(app, db,
                                                                               demo):
    client = staff_client(app)
    number, token = _new_draft(client)
    _edit(client, number, "en", ["*Noting* A,", "*Decides* A;"], status="verified")
    _edit(client, number, "fr", ["*Notant* A,", "*Décide* A ;"], status="verified",
          title="Protection des victimes")
    resolution = db.session.scalar(select(Resolution).where(Resolution.number == number))
    db.session.refresh(resolution)
    operative = next(p for p in resolution.paragraphs if p.kind == "operative")
    client.post(f"{BASE}/{number}/amendments", data={
        "csrf_token": token, "paragraph_id": operative.id, "language": "en",
        "text": "*Decides* A and B;", "organisation_id": "0"})
    db.session.expire_all()
    resolution = db.session.scalar(select(Resolution).where(Resolution.number == number))
    amendment = resolution.amendments[0]
    client.post(f"{BASE}/{number}/amendments/{amendment.id}/accept",
                data={"csrf_token": token})
    db.session.expire_all()
    resolution = db.session.scalar(select(Resolution).where(Resolution.number == number))
    operative = next(p for p in resolution.paragraphs if p.kind == "operative")
    assert operative.text["en"] == "*Decides* A and B;"
    assert resolution.text_in("fr").status == TextStatus.DRAFT
    assert resolution.amendments[0].state == "accepted"
    assert resolution.amendments[0].old_text == "*Decides* A;"  # the history stays


def test_delegates_read_adopted_resolutions_but_not_drafts(app, db, demo):
    staff = staff_client(app)
    number, token = _new_draft(staff)
    delegate = app.test_client()
    sign_in(app, delegate, "delegate.th@rtp.example.com")
    assert delegate.get(f"{BASE}/1").status_code == 200
    assert delegate.get(f"{BASE}/{number}").status_code == 404
    assert delegate.get(f"{BASE}/1/edit?lang=en").status_code == 403
    token = csrf_token(delegate.get(f"{BASE}/1").get_data(as_text=True))
    assert delegate.post(f"{BASE}/1/decision", data={"csrf_token": token,
                                                      "action": "withdraw"}).status_code == 403
    listing = delegate.get(f"{BASE}/").get_data(as_text=True)
    assert "BC/1/RES/1" in listing and f"BC/1/RES/{number}" not in listing


def test_export_cli_writes_the_resolution(app, demo, tmp_path):
    out = tmp_path / "res.pdf"
    result = app.test_cli_runner().invoke(args=["export", "resolution", demo, "1", "--lang",
                                                "km", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "BC/1/RES/1" in pdf_text(out.read_bytes())
    missing = app.test_cli_runner().invoke(args=["export", "resolution", demo, "9", "-o",
                                                 str(out)])
    assert missing.exit_code != 0


def test_the_web_page_opens_with_the_meeting_and_hangs_the_numbers_as_the_pdf_does(app, demo):
    """Each language's page of resolution 1 opens with the words its PDF opens with ("The
    meeting,", "إن الاجتماع،" …: one catalogue entry), before the preambular paragraphs, in
    the text's own language and direction; operative numbers hang beside their text."""
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from app.demo import resolution as demo_resolution

    client = app.test_client()
    sign_in(app, client, "delegate.th@rtp.example.com")
    css = client.get("/static/css/app.css").get_data(as_text=True)
    assert re.search(r"\.resolution ol\.operative > li[^{]*\{[^}]*display: flex", css)
    for code in demo_resolution.LANGUAGES:
        with app.test_request_context(), force_locale(code):
            words = _("The meeting,")
        assert code == "en" or words != "The meeting,", code
        page = client.get(f"{BASE}/1?lang={code}").get_data(as_text=True)
        article = page[page.index('<article class="resolution"'):]
        direction = "rtl" if code == "ar" else "ltr"
        assert re.match(rf'<article class="resolution" lang="[\w-]+" dir="{direction}">\s*'
                        rf'<p class="opening">{re.escape(words)}</p>\s*<p class="preamble">',
                        article), code
        assert re.search(r'<li><span class="label">1\.</span><div>', article), code


def test_sponsors_read_in_the_order_they_joined_on_either_database(app, db, demo):
    """A list of sponsors is read in one order on SQLite and PostgreSQL (the order they were
    added), not in whatever order the database returns rows without ORDER BY."""
    from app.resolutions.models import ResolutionSponsor

    db.session.remove()
    resolution = db.session.scalar(select(Resolution).where(Resolution.number == 1))
    joined = db.session.scalars(select(ResolutionSponsor.id).where(
        ResolutionSponsor.resolution_id == resolution.id).order_by(ResolutionSponsor.id)).all()
    assert len(joined) >= 2
    assert [sponsor.id for sponsor in resolution.sponsors] == joined

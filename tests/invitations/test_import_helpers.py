"""The invitee import: a template to download, the list of organisation codes, and an
organisation given by its name in any language; a name several organisations share is refused
with their codes, nothing imported."""
from __future__ import annotations

import csv
import io
import re
from html import unescape

from sqlalchemy import func, select

from app.invitations.models import Invitation
from app.invitations.services import CSV_COLUMNS
from app.meetings.models import Organisation, OrganisationKind
from tests.conftest import csrf_token, sign_in_staff

BASE = "/meetings/bc-2025-seoul/invitations"
HEADER = ",".join(CSV_COLUMNS) + "\n"


def _add_organisations(db):
    agency = OrganisationKind.NATIONAL_AGENCY
    db.session.add_all([
        Organisation(code="nbi-ph", name={"en": "National Bureau of Investigation",
                                          "fil": "Pambansang Kawanihan ng Pagsisiyasat"},
                     country_code="PH", kind=agency, language="fil"),
        Organisation(code="fp-br", name={"en": "Federal Police", "pt": "Polícia Federal"},
                     country_code="BR", kind=agency, language="pt"),
        Organisation(code="fp-au", name={"en": "Federal Police"}, country_code="AU",
                     kind=agency, language="en")])
    db.session.commit()


def _check(client, text: str, lang: str = "en") -> str:
    page = client.get(f"{BASE}/import?lang={lang}").get_data(as_text=True)
    return client.post(f"{BASE}/import?lang={lang}", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(text.encode()), "list.csv")},
        content_type="multipart/form-data").get_data(as_text=True)


def _errors(report: str) -> list[str]:
    if 'class="errors"' not in report:
        return []
    return [unescape(item) for item in re.findall(
        r"<li>(.*?)</li>", report.split('class="errors"')[1].split("</ul>")[0])]


def test_the_template_has_the_columns_and_an_example_row_that_passes(app, client, db, demo):
    _add_organisations(db)  # every organisation of the demo is invited already
    sign_in_staff(app, client)
    response = client.get(f"{BASE}/import/template.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == list(CSV_COLUMNS) and len(rows) == 2
    assert rows[1][0] == "fp-au"  # the first organisation not yet invited
    report = _check(client, text)
    assert _errors(report) == []
    assert "1 row ready to import" in report


def test_the_import_page_lists_every_code_with_its_name_in_the_readers_language(
        app, client, db, demo):
    _add_organisations(db)
    sign_in_staff(app, client)
    page = client.get(f"{BASE}/import?lang=fr").get_data(as_text=True)
    codes = db.session.scalars(select(Organisation.code)).all()
    listed = re.findall(r'<code dir="ltr">([^<]+)</code>', page.split('id="codes"')[1])
    assert sorted(listed) == sorted(codes)
    assert "Agence nationale de police coréenne (KNPA)" in unescape(page)


def test_an_organisation_by_its_name_in_any_language_and_in_any_letter_case(
        app, client, db, demo):
    _add_organisations(db)
    sign_in_staff(app, client)
    text = HEADER + ("  pambansang KAWANIHAN ng pagsisiyasat ,Director Cruz,,"
                     "cruz@nbi.example.com,fil,3,invited_state\n"
                     "Polícia Federal,Diretor Silva,,silva@pf.example.com,pt,2,invited_state\n")
    report = _check(client, text)
    assert _errors(report) == []
    page = client.get(f"{BASE}/import").get_data(as_text=True)
    done = client.post(f"{BASE}/import", data={"csrf_token": csrf_token(page), "confirm": "1",
                                               "csv_text": text})
    assert done.status_code == 302
    invited = {inv.organisation.code: inv.email for inv in db.session.scalars(
        select(Invitation).where(Invitation.email.like("%.example.com")))}
    assert invited["nbi-ph"] == "cruz@nbi.example.com"
    assert invited["fp-br"] == "silva@pf.example.com"


def test_a_name_several_organisations_share_is_refused_with_their_codes(app, client, db,
                                                                         demo):
    _add_organisations(db)
    before = db.session.scalar(select(func.count()).select_from(Invitation))
    sign_in_staff(app, client)
    text = HEADER + ("Federal Police,Director,,d@pf.example.com,en,2,invited_state\n"
                     "No Such Agency,Director,,e@pf.example.com,en,2,invited_state\n"
                     "National Bureau of Investigation,Director,,f@x.example.com,en,2,member\n")
    errors = _errors(_check(client, text))
    assert errors == [
        "Line 2: Column organisation: “Federal Police” is the name of several organisations "
        "(fp-au, fp-br): give the code.",
        "Line 3: Column organisation: Unknown organisation code “No Such Agency”."]
    page = client.get(f"{BASE}/import").get_data(as_text=True)
    client.post(f"{BASE}/import", data={"csrf_token": csrf_token(page), "confirm": "1",
                                        "csv_text": text})
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == before
    # the code still picks one of them
    fine = _check(client, HEADER + "fp-au,Director,,d@pf.example.com,en,2,invited_state\n")
    assert _errors(fine) == []

"""The CSV import lists every problem of every line at once, not the first of each line."""
from __future__ import annotations

import io
import re
from html import unescape

from sqlalchemy import func, select

from app.invitations.models import Invitation
from tests.conftest import csrf_token, sign_in_staff
from tests.test_i18n import catalogue

BASE = "/meetings/bc-2025-seoul/invitations"
HEADER = "organisation,addressee_name,addressee_title,email,language,quota,category\n"


def test_bad_rows_on_lines_2_and_4_are_listed_with_every_problem_in_french(app, client, db,
                                                                            demo):
    from app.meetings.models import Organisation, OrganisationKind

    db.session.add(Organisation(code="nbi-ph", name={"en": "NBI"}, country_code="PH",
                                kind=OrganisationKind.NATIONAL_AGENCY, language="en"))
    db.session.commit()
    before = db.session.scalar(select(func.count()).select_from(Invitation))
    sign_in_staff(app, client)
    text = HEADER + ("nowhere,X,,x(at)example,en,99,member\n"
                     "nbi-ph,Director Cruz,,cruz@nbi.example.com,fil,3,invited_state\n"
                     "nbi-ph,,,y@example.com,xx,3,friend\n")
    page = client.get(f"{BASE}/import?lang=fr").get_data(as_text=True)
    report = client.post(f"{BASE}/import?lang=fr", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(text.encode()), "list.csv")},
        content_type="multipart/form-data").get_data(as_text=True)
    listed = [unescape(item) for item in re.findall(
        r"<li>(.*?)</li>", report.split('class="errors"')[1].split("</ul>")[0])]
    fr = catalogue("fr")

    def line(number: int, column: str, message: str, **values) -> str:
        named = fr.gettext("Column %(column)s: %(message)s") % {
            "column": column, "message": fr.gettext(message) % values}
        return fr.gettext("Line %(line)d: %(message)s") % {"line": number, "message": named}

    assert listed == [
        line(2, "organisation", "Unknown organisation code “%(code)s”.", code="nowhere"),
        line(2, "email", "Enter a valid e-mail address, for example name@agency.gov."),
        line(2, "quota", "The delegation size is a number from 1 to 50."),
        line(4, "organisation", "Organisation repeated (first on line %(line)d).", line=3),
        line(4, "category",
             "Unknown category; use member, invited_state or international_body."),
        line(4, "addressee_name", "This field is required."),
        line(4, "language", "Choose one of the languages of the application."),
    ]
    assert "Colonne addressee_name" in listed[5]  # says which column is empty
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == before

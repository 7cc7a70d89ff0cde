"""Sub-paragraphs of a resolution are lettered as official texts in each language letter them:
(a) (b) in Latin-script, Chinese and Japanese texts, (أ) (ب) in Arabic as UN Arabic texts do,
(ก) (ข) in Thai, (ក) (ខ) in Khmer and (ກ) (ຂ) in Lao as their governments' documents do.
Read back from the PDF of demo resolution 1 (operative paragraph 3 has two sub-paragraphs)."""
from __future__ import annotations

import pytest

from tests.conftest import pdf_text, sign_in

BASE = "/meetings/bc-2025-seoul/resolutions"


@pytest.mark.parametrize(("lang", "letters", "absent"), [
    ("th", ("(ก)", "(ข)"), "(a)"),
    ("lo", ("(ກ)", "(ຂ)"), "(a)"),
    ("zh_Hans", ("(a)", "(b)"), "(أ)"),
    ("fr", ("(a)", "(b)"), "(ก)"),
    ("ar", ("أ", "ب"), "(a)"),  # pdftotext mirrors the parentheses of a right-to-left line
])
@pytest.mark.one_database
def test_sub_paragraph_letters_in_the_pdf(app, demo, lang, letters, absent):
    client = app.test_client()
    sign_in(app, client, "delegate.th@rtp.example.com")
    response = client.get(f"{BASE}/1.pdf?lang={lang}")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert all(letter in text for letter in letters), text[-800:]
    assert absent not in text


def test_parallel_text_letters_each_side_in_its_language(app, demo):
    from tests.conftest import staff_client

    client = staff_client(app)
    response = client.get(f"{BASE}/1/parallel.pdf?left=en&right=th")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "(a)" in text and "(ก)" in text and "(b)" in text and "(ข)" in text

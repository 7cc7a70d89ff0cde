"""Every PDF is tagged (structure tree, headings, tables with header cells, figures with
alternative text, the language of the document and of each part in another language), the
adopted resolution's PDF/A-3a claim holds, and the print layout keeps words and families
together (tests/pdf_checks.py reads the files)."""
from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from flask import g
from sqlalchemy import select

from app.agenda import services as agenda_services
from app.agenda.models import Visibility
from app.agenda.render import agenda_html
from app.demo import resolution as demo_resolution
from app.documents.linebreak import ZWSP, segment
from app.documents.pdf import render_pdf
from app.meetings.models import Meeting
from app.minutes.documents import minutes_pdf
from app.minutes.services import minutes_of
from app.registration import documents
from app.registration.models import Registration
from app.registration.services import participants
from app.resolutions.documents import parallel_pdf, resolution_pdf
from app.resolutions.services import by_number
from tests.conftest import staff_client
from tests.pdf_checks import pdfa_problems, structure
from tests.test_line_breaking import NARROW, _laid_out_lines

pytestmark = pytest.mark.one_database  # format checks (tests/conftest.py)

KHMER_DELEGATE = "delegate.kh@cnp.example.com"


def _documents(app, db, lang: str, only: tuple[str, ...] | None = None) -> dict[str, bytes]:
    """Each kind of document the application prints, in one language (or the kinds in
    `only`: a test of one document renders that one)."""
    with app.test_request_context(base_url="http://localhost"):
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
        g.meeting = meeting
        levels = {Visibility.PUBLIC, Visibility.DELEGATES}

        def khmer():
            return db.session.scalar(select(Registration).where(
                Registration.email == KHMER_DELEGATE))

        def agenda():
            version = agenda_services.latest_version(meeting)
            return render_pdf(agenda_html(meeting, version.snapshot, version, levels, lang))

        makers = {
            "agenda": agenda,
            "minutes": lambda: minutes_pdf(meeting, minutes_of(meeting), "en"),
            "resolution": lambda: resolution_pdf(by_number(meeting, 1), lang),
            "parallel": lambda: parallel_pdf(by_number(meeting, 1), "en", "km", lang),
            "badges": lambda: documents.badges_pdf(meeting, participants(meeting, lang)[:3],
                                                   lang),
            "participants": lambda: documents.participants_pdf(
                meeting, participants(meeting, lang), lang),
            "visa letter": lambda: documents.visa_letter_pdf(khmer(), "km",
                                                             today=date(2025, 10, 20)),
            "confirmation": lambda: documents.confirmation_pdf(khmer()),
        }
        return {kind: make() for kind, make in makers.items() if only is None or kind in only}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_kind_of_document_is_a_tagged_pdf(app, db, demo, lang):
    made = _documents(app, db, lang)
    staff = staff_client(app)
    invitation = db.session.scalar(select(Registration.invitation_id).where(
        Registration.email == KHMER_DELEGATE))
    letter = staff.get(f"/meetings/{demo}/invitations/letter.pdf?invitation={invitation}")
    assert letter.status_code == 200
    made["invitation letter"] = letter.data
    for kind, data in made.items():
        found = structure(data)
        assert found.marked and found.title_shown, kind
        assert found.tags["Document"] == 1 and found.tags["P"], (kind, found.tags)
        expected_lang = {"minutes": "en", "visa letter": "en", "confirmation": "km",
                         "invitation letter": "km"}  # the agency's language
        assert found.lang == expected_lang.get(kind, lang), kind
        if kind not in ("badges",):
            assert found.tags["H1"] >= 1, (kind, found.tags)
        assert all(found.figures), (kind, found.figures)  # every figure has its /Alt
    # headings below the title, lists, tables whose header cells are tagged TH
    assert made["agenda"] and structure(made["agenda"]).tags["H2"] >= 2
    for kind in ("agenda", "minutes", "participants", "parallel"):
        tags = structure(made[kind]).tags
        assert tags["Table"] and tags["TR"] and tags["TH"], (kind, tags)
    assert structure(made["resolution"]).tags["L"] and structure(made["resolution"]).tags["LI"]
    # photos are optional; the QR codes are on every badge and on the confirmation
    assert len(structure(made["badges"]).figures) == 3
    assert len(structure(made["confirmation"]).figures) == 1
    # the language of each part in another language: both columns of the parallel text, the
    # Khmer translation of the visa letter, the native names in their scripts
    assert {"en", "km"} <= set(structure(made["parallel"]).langs)
    assert structure(made["visa letter"]).langs["km"] >= 1
    assert {"th", "km", "ko"} <= set(structure(made["participants"]).langs)


@pytest.mark.parametrize("lang", ["en", "th", "km", "ar"])
def test_the_adopted_resolution_is_a_true_pdf_a_3a(app, db, demo, lang):
    data = _documents(app, db, lang, only=("resolution",))["resolution"]
    assert pdfa_problems(data, part=3, conformance="A") == []
    assert structure(data).lang == lang


def test_the_pdf_a_check_finds_a_false_claim(app, db, demo):
    """A tagged document claiming nothing, and an untagged PDF/A-3u file, are not PDF/A-3a."""
    with app.test_request_context(base_url="http://localhost"):
        html = "<!doctype html><html lang='en'><title>t</title><p>Text</p></html>"
        plain = render_pdf(html)
        level_u = render_pdf(html, pdf_variant="pdf/a-3u", tagged=False)
    problems = pdfa_problems(plain)
    assert any("pdfaid:part" in p for p in problems)
    assert any("OutputIntent" in p for p in problems)
    problems = pdfa_problems(level_u)
    assert any("conformance" in p for p in problems)
    assert "no structure tree" in problems and "no /MarkInfo /Marked true" in problems
    assert pdfa_problems(level_u, conformance="U") == []


def test_icu_splits_the_khmer_word_for_member_and_the_segmenter_keeps_it_whole():
    import icu

    words = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    run = "អនុម័តជាសមាជិកនៃគណៈប្រតិភូ"
    words.setText(run)
    ends = list(words)
    start = run.index("សមាជិក")
    assert any(start < end < start + 6 for end in ends)  # ICU alone cuts the word
    assert segment(run).split(ZWSP) == ["អនុម័ត", "ជា", "សមាជិក", "នៃ", "គណៈប្រតិភូ"]


def test_no_line_of_the_khmer_visa_letter_breaks_inside_a_word_it_keeps_whole(app, db, demo):
    with app.test_request_context(base_url="http://localhost"):
        khmer = db.session.scalar(select(Registration).where(
            Registration.email == KHMER_DELEGATE))
        html = documents.visa_letter_html(khmer, "km", today=date(2025, 10, 20))
    sentence = next(p for p in html.split("<p") if "សមាជិក" in p)
    sentence = sentence.split(">", 1)[1].split("</p>")[0]
    # the letter at its own width, and the sentence in columns of many widths, so that some
    # line ends fall where ICU alone would cut the word
    layouts = [html] + [NARROW.format(lang="km", width=f"{width}mm",
                                      paragraphs=f"<p lang='km'>{sentence}</p>")
                        for width in range(30, 121, 3)]
    checked = 0
    for layout in layouts:
        blocks, _ = _laid_out_lines(layout)
        for lines in blocks:
            texts = [text.replace(ZWSP, "") for text, _, _ in lines]
            if "សមាជិក" in "".join(texts):
                checked += 1
                assert "".join(texts).count("សមាជិក") == "\n".join(texts).count("សមាជិក")
    assert checked >= 30


def _families(data: bytes, tmp_path) -> set[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                             check=True).stdout
    return {line.split()[0].split("+", 1)[-1] for line in listing.splitlines()[2:] if line}


def test_the_thai_visa_letter_pairs_serif_with_serif_and_the_badge_sans_with_sans(
        app, db, demo, tmp_path):
    with app.test_request_context(base_url="http://localhost"):
        thai = db.session.scalar(select(Registration).where(
            Registration.email == "head.th@rtp.example.com"))
        thai.passport_number, thai.birth_date = "AA1234567", "1975-01-02"
        letter = documents.visa_letter_pdf(thai, "th", today=date(2025, 10, 20))
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
        badge = documents.badges_pdf(meeting, [thai], "th")
        db.session.rollback()
    families = _families(letter, tmp_path)
    assert any("Serif-Thai" in f for f in families), families
    assert all(f.startswith("Noto-Serif") for f in families), families  # no sans anywhere
    families = _families(badge, tmp_path)
    assert any("Sans-Thai" in f for f in families), families
    assert not any("Serif" in f for f in families), families


@pytest.mark.parametrize("lang", ["th", "km", "lo"])
def test_thai_khmer_and_lao_are_not_justified(lang):
    """Justification would widen the few spaces of these scripts into gaps."""
    import weasyprint

    from app.config import ROOT
    from app.documents.pdf import PRINT_CSS

    text = demo_resolution.PREAMBLE[0][lang]
    html = (f"<!doctype html><html lang='en'><style>{PRINT_CSS.read_text()}"
            "p { text-align: var(--justify); width: 80mm }</style>"
            f"<p lang='{lang}'>{text}</p><p lang='en'>{demo_resolution.PREAMBLE[0]['en']}</p>")
    document = weasyprint.HTML(string=html, base_url=str(ROOT / "static")).render()
    aligns = []

    def walk(box):
        if getattr(box, "element_tag", None) == "p" and box.style:
            aligns.append(box.style["text_align_all"])
        for child in getattr(box, "children", []):
            walk(child)

    walk(document.pages[0]._page_box)
    assert aligns[0] == "start" and aligns[-1] == "justify"


def _table_rows(pdf: bytes) -> list[list[tuple[str, str, list[str]]]]:
    """The rows of the PDF's tagged tables, in order: each cell as (TH or TD, its /ID, the ids
    of its /Headers)."""
    from pypdf import PdfReader

    def resolved(value):
        return value.get_object() if hasattr(value, "get_object") else value

    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"].get_object()
    rows, stack = [], [resolved(root["/StructTreeRoot"].get("/K"))]
    while stack:  # depth first, in document order
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(resolved(kid) for kid in reversed(node))
            continue
        if not hasattr(node, "get"):
            continue
        if node.get("/S") == "/TR":
            kids = resolved(node.get("/K"))
            cells = []
            for kid in kids if isinstance(kids, list) else [kids]:
                kid = resolved(kid)
                if hasattr(kid, "get") and kid.get("/S") in ("/TH", "/TD"):
                    attributes = resolved(kid.get("/A")) or {}
                    cells.append((str(kid["/S"])[1:], str(kid.get("/ID", "")),
                                  [str(h) for h in resolved(attributes.get("/Headers", []))]))
            rows.append(cells)
            continue
        kids = resolved(node.get("/K"))
        if kids is not None:
            stack.append(kids)
    return rows


ROW_GROUPS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="css/print.css"></head><body><table>
<thead><tr><th scope="col">Name</th><th scope="col">Position</th></tr></thead>
<tbody><tr><th colspan="2" scope="rowgroup">Cambodia</th></tr>
<tr><td>Sok</td><td>Director</td></tr><tr><td>Chan</td><td>Adviser</td></tr></tbody>
<tbody><tr><th colspan="2" scope="rowgroup">Thailand</th></tr>
<tr><td>Somchai</td><td>Minister</td></tr></tbody>
</table></body></html>"""


def _data_cells_and_their_group(rows) -> tuple[list[tuple[str, list[str]]], set[str]]:
    """Each data cell's headers with the id of the row-group header above it."""
    found, group, groups = [], None, set()
    for cells in rows:
        if len(cells) == 1 and cells[0][0] == "TH":
            group = cells[0][1]
            groups.add(group)
            continue
        found += [(group, headers) for kind, _id, headers in cells if kind == "TD"]
    return found, groups


def test_a_row_group_header_heads_the_cells_of_its_group_only(app):
    """<th scope="rowgroup"> (an organisation above its delegates): WeasyPrint took it for the
    header of its column in the whole table; app/documents/tagging.py gives it to the data
    cells of its tbody, beside their column's header."""
    with app.test_request_context():
        rows = _table_rows(render_pdf(ROW_GROUPS))
    columns = [identifier for _kind, identifier, _headers in rows[0]]
    assert [kind for kind, _i, _h in rows[0]] == ["TH", "TH"]
    cells, groups = _data_cells_and_their_group(rows[1:])
    assert len(cells) == 6 and len(groups) == 2
    for k, (group, headers) in enumerate(cells):
        assert headers == [group, columns[k % 2]], (k, headers)


def test_the_participants_list_links_each_delegate_to_their_organisation(app, db, demo):
    with app.test_request_context(base_url="http://localhost"):
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
        g.meeting = meeting
        rows = _table_rows(documents.participants_pdf(meeting, participants(meeting, "en"),
                                                      "en"))
    columns = {identifier for _kind, identifier, _headers in rows[0]}
    cells, groups = _data_cells_and_their_group(rows[1:])
    assert len(groups) > 3 and cells
    for group, headers in cells:
        assert group in headers and not (set(headers) - {group}) & groups, headers
        assert len(set(headers) & columns) == 1, headers

"""Resolution 1 of the demo reads as its languages write resolutions (issue 23)."""
from __future__ import annotations

import re

from app.demo.resolution import OPERATIVE, PREAMBLE, TITLE


def _paragraphs():
    yield from PREAMBLE
    for paragraph, subs in OPERATIVE:
        yield paragraph
        yield from subs


def test_thai_resolution_ends_clauses_without_latin_punctuation():
    """Thai ends its clauses with a space, not a Latin comma, semicolon or full stop; a full stop
    stays only inside a Thai abbreviation (ค.ศ.)."""
    thai = [TITLE["th"]] + [paragraph["th"] for paragraph in _paragraphs()]
    assert len(thai) == 12
    for text in thai:
        assert "," not in text and ";" not in text, text
        without_abbreviations = re.sub(r"[\u0E00-\u0E7F]\.(?=[\u0E00-\u0E7F\s])", "", text)
        assert "." not in without_abbreviations, text
    assert any("ค.ศ. 2025" in text for text in thai)


def test_filipino_resolution_uses_the_formal_clause_verbs():
    """"sa kabila ng" is "in spite of", "Ginugunita" is "commemorating": neither is what the
    English says ("across borders", "Recalling")."""
    filipino = [paragraph["fil"] for paragraph in _paragraphs()]
    for text in filipino:
        assert "sa kabila ng" not in text, text
        assert "Ginugunita" not in text, text
    assert [text.split("*")[1] for text in filipino[:4]] == [
        "Lubhang nababahala", "Kinikilala", "Inaalala", "Malugod na tinatanggap"]
    assert "lampas sa mga hangganan" in TITLE["fil"]

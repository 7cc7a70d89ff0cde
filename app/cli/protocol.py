"""`flask export name-plates|seating-plan`: the protocol's documents, written to a file (the
export command in documents.py offers them)."""
from __future__ import annotations

from collections.abc import Callable

import click

from app.protocol import documents
from app.protocol.models import Paper, SeatingLayout

EXPORTS = ("name-plates", "seating-plan")
LAYOUTS = [layout.value for layout in SeatingLayout]
PAPERS = [paper.value for paper in Paper]


def exporters(kind: str, meeting, fmt: str, locale: str, layout: str | None,
              paper: str | None) -> dict[str, Callable[[], bytes]]:
    """The protocol's exports, for the export command's table of kinds."""
    if (layout or paper) and kind != "seating-plan":
        raise click.BadParameter("--layout and --paper are for the seating plan",
                                 param_hint="--layout/--paper")

    def pdf_only(make: Callable[[], bytes]) -> Callable[[], bytes]:
        def run() -> bytes:
            if fmt != "pdf":
                raise click.BadParameter(f"{kind} is exported as pdf", param_hint="--format")
            return make()
        return run

    return {
        "name-plates": pdf_only(lambda: documents.name_plates_pdf(meeting, locale)),
        "seating-plan": pdf_only(lambda: documents.seating_pdf(
            meeting, locale, SeatingLayout(layout) if layout else None,
            Paper(paper) if paper else None)),
    }

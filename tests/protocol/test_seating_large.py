"""A General Assembly: 195 delegations do not fit round a hollow square or a U on one page;
the plan is drawn in rows instead, says so, and every delegation has its table."""
from __future__ import annotations

import pytest

from app.protocol import seating
from app.protocol.models import Paper, SeatingLayout


@pytest.mark.parametrize("layout", [SeatingLayout.HOLLOW_SQUARE, SeatingLayout.U_SHAPE])
@pytest.mark.parametrize("paper", list(Paper))
def test_too_many_for_a_ring_are_seated_in_rows(layout, paper):
    delegations = [(n, f"Delegation {n}", f"D{n:03d}") for n in range(1, 196)]
    plan = seating.plan(layout, paper, delegations, ["EN", "FR", "ES", "AR"], "Chair",
                        "Secretariat")
    assert plan.asked == layout and plan.layout == SeatingLayout.CLASSROOM
    seats = [box for box in plan.boxes if box.kind == "delegation" and box.label]
    assert sorted(box.number for box in seats) == list(range(1, 196))
    for box in plan.boxes:  # every table on the drawing, none overlapping the booths
        assert 0 <= box.x and box.x + box.w <= plan.width + 0.01
        assert 0 <= box.y and box.y + box.h <= plan.height + 0.01


def test_a_ring_that_fits_is_kept():
    delegations = [(n, f"Delegation {n}", f"D{n:03d}") for n in range(1, 20)]
    plan = seating.plan(SeatingLayout.HOLLOW_SQUARE, list(Paper)[0], delegations, [], "Chair",
                        "Secretariat")
    assert plan.asked is None and plan.layout == SeatingLayout.HOLLOW_SQUARE

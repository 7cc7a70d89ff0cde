"""The geometry of a plenary seating plan, in millimetres on the printed page.

A plan is a list of boxes (tables) in a drawing area: the chair in the middle of the head
table with the secretariat beside it, the delegations in order of precedence, the interpreters'
booths along the foot of the page. The place of honour is at the chair's right (on the
drawing, to the chair's left, since the chair faces the room), the next at the chair's left,
and so on outwards, alternating. Each box carries a font size small enough for its text to fit
(measured roughly per script; the print CSS still breaks a word too long for its line).
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field

import icu

from app.protocol.models import Paper, SeatingLayout

PAGES = {Paper.A3: (420.0, 297.0), Paper.A4: (297.0, 210.0)}  # landscape, mm
MARGIN = 10.0    # each side of the page
HEADER = 24.0    # the title and the legend above the drawing
BOOTHS = 14.0    # the booths' row at the foot of the drawing
GAP = 6.0        # between the room's tables and the booths
PADDING = 1.5    # inside a box, each side
PT = 25.4 / 72   # one point in mm


@dataclass
class Box:
    kind: str        # "delegation", "chair", "secretariat" or "booth"
    x: float
    y: float
    w: float
    h: float
    label: str
    number: int | None = None  # the place in the order of precedence
    code: str = ""             # the organisation's code (delegations)
    font_pt: float = 10.0


@dataclass
class Plan:
    layout: SeatingLayout
    paper: Paper
    width: float   # the drawing area, mm
    height: float
    boxes: list[Box] = field(default_factory=list)
    asked: SeatingLayout | None = None  # the layout chosen, when it could not hold everyone

    @property
    def page(self) -> tuple[float, float]:
        return PAGES[self.paper]

    def text_lines(self, box: Box) -> list[tuple[float, str]]:
        """The box's text as lines for a drawing in millimetres (the page's SVG): the baseline
        of each line and its text, centred in the box."""
        em = box.font_pt * PT
        number = f"{box.number} " if box.number else ""
        lines = wrap(number + box.label, (box.w - 2 * PADDING) / em)
        top = box.y + (box.h - len(lines) * em * 1.3) / 2
        return [(round(top + em * (1.3 * index + 1.0), 2), line)
                for index, line in enumerate(lines)]


def drawing_size(paper: Paper) -> tuple[float, float]:
    width, height = PAGES[paper]
    return width - 2 * MARGIN, height - 2 * MARGIN - HEADER


def _advance(char: str) -> float:
    """A character's width in ems, roughly (Noto Sans): wide for Han, Kana and Hangul, nothing
    for combining marks (Thai and Khmer vowels and signs), generous for the rest."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return 0.68 if char.isupper() or char.isdigit() else 0.6


def _segments(text: str) -> list[str]:
    """The text cut where a line may break (ICU line breaking: spaces, and between words of
    Thai, Khmer, Lao and Han, which are written without spaces)."""
    breaker = icu.BreakIterator.createLineInstance(icu.Locale.getRoot())
    breaker.setText(text)
    pieces, start = [], 0
    for end in breaker:
        pieces.append(text[start:end])
        start = end
    return pieces


def _clusters(text: str) -> list[str]:
    """The text in characters, each with the marks that follow it."""
    found: list[str] = []
    for char in text:
        if found and _advance(char) == 0.0:
            found[-1] += char
        else:
            found.append(char)
    return found


def wrap(text: str, width_em: float) -> list[str]:
    """The text in lines at most `width_em` ems wide (greedy; a piece wider than the line is
    cut between characters, as overflow-wrap: anywhere does)."""
    lines: list[str] = [""]
    for piece in _segments(" ".join(text.split())):
        if _width(lines[-1] + piece.rstrip()) <= width_em:
            lines[-1] += piece
            continue
        if lines[-1]:
            lines.append("")
        for cluster in _clusters(piece):
            if lines[-1] and _width(lines[-1] + cluster.rstrip()) > width_em:
                lines.append("")
            lines[-1] += cluster
    return [line.strip() for line in lines if line.strip()] or [""]


def _width(text: str) -> float:
    return sum(_advance(c) for c in text)


def lines_needed(text: str, width_em: float) -> int:
    return len(wrap(text, width_em))


def fit(text: str, width: float, height: float, largest: float = 14.0,
        smallest: float = 4.0, line_height: float = 1.3, extra_lines: int = 0) -> float:
    """The largest font size (pt, in half points) at which the text fits a box of width ×
    height mm with its padding, plus `extra_lines` lines of the same size."""
    size = largest
    while size > smallest:
        em = size * PT
        inner_w, inner_h = width - 2 * PADDING, height - 2 * PADDING
        lines = lines_needed(text, inner_w / em) + extra_lines
        if lines * em * line_height <= inner_h:
            return size
        size -= 0.5
    return smallest


def _honour(positions: list) -> list:
    """Positions listed from the chair's right round to the chair's left, in order of honour:
    the first, the last, the second, the one before the last…"""
    order, low, high = [], 0, len(positions) - 1
    while low <= high:
        order.append(positions[low])
        if low != high:
            order.append(positions[high])
        low, high = low + 1, high - 1
    return order


def _head_table(columns: int) -> tuple[int, int]:
    """The chair's and the secretariat's columns in a head table of `columns` boxes."""
    chair = (columns - 1) // 2
    return chair, chair + 1


def plan(layout: SeatingLayout, paper: Paper, delegations: list[tuple[int, str, str]],
         booths: list[str], chair: str, secretariat: str) -> Plan:
    """delegations: (place, label, code) in order of precedence; booths: one label each."""
    width, height = drawing_size(paper)
    room = height - BOOTHS - GAP
    result = Plan(layout, paper, width, height)
    builders = {SeatingLayout.HOLLOW_SQUARE: _ring, SeatingLayout.U_SHAPE: _ring,
                SeatingLayout.CLASSROOM: _classroom}
    tables = builders[layout](layout, len(delegations), width, room)
    if tables is None:  # too many delegations round the sides of one page: rows instead
        result.asked, result.layout = layout, SeatingLayout.CLASSROOM
        tables = _classroom(SeatingLayout.CLASSROOM, len(delegations), width, room)
    head, seats = tables
    chair_box, secretariat_box = head
    chair_box.label, secretariat_box.label = chair, secretariat
    result.boxes.extend(head)
    for (place, label, code), seat in zip(delegations, seats, strict=False):
        seat.label, seat.number, seat.code = label, place, code
        result.boxes.append(seat)
    if booths:
        booth_w = min(60.0, width / len(booths) - 2)
        start = (width - len(booths) * (booth_w + 2)) / 2
        for index, label in enumerate(booths):
            result.boxes.append(Box("booth", start + index * (booth_w + 2) + 1,
                                    height - BOOTHS, booth_w, BOOTHS, label))
    for box in result.boxes:
        number = f"{box.number} " if box.number else ""
        box.font_pt = fit(number + box.label, box.w, box.h)
    return result


def _ring(layout: SeatingLayout, count: int, width: float, room: float):
    """Hollow square or U: a head table along the top, the sides down the room, and (hollow
    square) a row along the bottom. None when the delegations cannot all sit round the page
    with tables of a readable size (a General Assembly of 195 states)."""
    closed = layout == SeatingLayout.HOLLOW_SQUARE
    depth = max(14.0, min(22.0, room / 8))
    best = None
    for columns in range(4, 40):  # the shape whose side tables are most like the others
        top = columns - 2 + (columns if closed else 0)
        rows = max(1, math.ceil(max(0, count - top) / 2))
        side = (room - (2 if closed else 1) * depth) / rows
        if side < depth * 0.9:
            continue
        score = abs(width / columns / side - 2.0)
        if best is None or score < best[0]:
            best = (score, columns, rows)
    if best is None:
        return None
    _, columns, rows = best
    box_w = width / columns
    side_h = (room - (2 if closed else 1) * depth) / rows
    chair_col, secretariat_col = _head_table(columns)
    head = [Box("chair", chair_col * box_w, 0, box_w, depth, ""),
            Box("secretariat", secretariat_col * box_w, 0, box_w, depth, "")]

    def top(col):
        return Box("delegation", col * box_w, 0, box_w, depth, "")

    def side(col, row):
        return Box("delegation", col * box_w, depth + row * side_h, box_w, side_h, "")

    # From the chair's right (to its left on the drawing) round the room to the chair's left.
    path = [top(col) for col in range(chair_col - 1, -1, -1)]
    path += [side(0, row) for row in range(rows)]
    if closed:
        path += [Box("delegation", col * box_w, room - depth, box_w, depth, "")
                 for col in range(columns)]
    path += [side(columns - 1, row) for row in range(rows - 1, -1, -1)]
    path += [top(col) for col in range(columns - 1, secretariat_col, -1)]
    return head, _honour(path)


def _classroom(layout: SeatingLayout, count: int, width: float, room: float):
    """A head table at the front, rows of desks facing it: the front row first, each row from
    its middle outwards."""
    depth = max(14.0, min(22.0, room / 8))
    aisle = depth  # between the head table and the first row
    best = fallback = None
    for per_row in range(2, 31):
        rows = max(1, math.ceil(count / per_row))
        desk_h = (room - depth - aisle) / rows - 3
        desk_w = width / per_row - 4
        if desk_w <= 0 or desk_h <= 0:
            continue
        # A General Assembly on A4: no desk 10 mm deep; then the largest desks there are.
        size = min(desk_w / 2.6, desk_h)
        if fallback is None or size > fallback[0]:
            fallback = (size, per_row, rows, desk_w, desk_h)
        if per_row >= 12 or desk_h < 10:
            continue
        score = abs(desk_w / desk_h - 2.6)
        if best is None or score < best[0]:
            best = (score, per_row, rows, desk_w, desk_h)
    _, per_row, rows, desk_w, desk_h = best or fallback
    head_w = min(60.0, width / 4)
    centre = width / 2
    head = [Box("chair", centre - head_w, 0, head_w, depth, ""),
            Box("secretariat", centre, 0, head_w, depth, "")]
    seats = []
    for row in range(rows):
        y = depth + aisle + row * (desk_h + 3)
        line = [Box("delegation", col * (desk_w + 4) + 2, y, desk_w, desk_h, "")
                for col in range(per_row)]
        middle = (per_row - 1) / 2
        # Nearest the middle first; on a tie, the chair's right (the drawing's left).
        seats += sorted(line, key=lambda box, m=middle, w=desk_w: (
            abs((box.x - 2) / (w + 4) - m), box.x))
    return head, seats

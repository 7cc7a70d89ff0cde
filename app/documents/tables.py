"""Table exports: one CSV writer and one XLSX writer for every table the secretariat downloads."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell that a spreadsheet program will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Iterable[str], rows: Iterable[Iterable], *, bom: bool = True) -> str:
    """The table as CSV text; with a byte-order mark, spreadsheet programs read it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([csv_safe(value) for value in row] for row in rows)
    return ("\ufeff" if bom else "") + out.getvalue()


def xlsx_bytes(header: Iterable[str], rows: Iterable[Iterable], *, sheet: str,
               title: str = "") -> bytes:
    """The table as an XLSX workbook, each cell exactly as written, header row frozen.

    Text is stored as text (an inline string, never a formula), so "=1+1" shows as =1+1,
    without the apostrophe CSV needs; a text that starts like a formula is also marked
    quotePrefix, as Excel marks text typed after an apostrophe, so that editing the cell
    keeps it text. Numbers and dates stay numbers and dates.
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    worksheet = book.active
    worksheet.title = sheet[:31]
    for row_number, row in enumerate([list(header), *rows], start=1):
        for column, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = worksheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"
                if value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
            else:
                cell.value = value
    worksheet.freeze_panes = "A2"
    book.properties.title = title[:200]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

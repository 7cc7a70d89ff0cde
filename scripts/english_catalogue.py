"""Fill the English catalogue: every msgstr is its msgid (the source language is English)."""
from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po

PATH = Path(__file__).resolve().parent.parent / "translations/en/LC_MESSAGES/messages.po"


def main() -> None:
    with PATH.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if message.id:
            message.string = message.id
            message.flags.discard("fuzzy")
    with PATH.open("wb") as handle:
        write_po(handle, catalog, width=0)


if __name__ == "__main__":
    main()

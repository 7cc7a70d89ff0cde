"""Report catalogue problems: untranslated, fuzzy, placeholder mismatches, missing msgids.

Usage: python scripts/check_catalogues.py [LOCALE ...]; exits 1 when a problem is found.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd]")
LOCALES = ["en", "ko", "zh_Hans", "ja", "vi", "th", "km", "lo", "id", "ms", "fil", "ar", "fr",
           "es", "pt"]


def problems(locale: str) -> list[str]:
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    with (ROOT / "translations" / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    found = []
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    have = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    found += [f"{locale}: missing msgid {mid!r}" for mid in sorted(wanted - have)]
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        label = f"{locale}: {ids[0]!r}"
        if message.fuzzy:
            found.append(f"{label} is fuzzy")
        if any(not s.strip() for s in strings):
            found.append(f"{label} has an empty translation")
            continue
        expected = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            got = set(PLACEHOLDER.findall(text))
            if not got <= expected or (len(strings) == 1 and got != expected
                                       and "%(num)d" not in expected):
                found.append(f"{label} placeholders {sorted(got)} != {sorted(expected)}")
    return found


def main(locales: list[str]) -> int:
    found = [p for locale in (locales or LOCALES) for p in problems(locale)]
    print("\n".join(found) or "catalogues complete")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

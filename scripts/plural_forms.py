"""Write the CLDR plural rules (for whole numbers) into each catalogue's Plural-Forms header.

pybabel init falls back to 'n != 1' for some of our locales (Filipino, Indonesian, Malay)
and leaves out the 'many' form of French, Spanish and Portuguese. The forms are listed in
CLDR order (zero, one, two, few, many, other); tests/test_translations.py checks every
formula against Babel's CLDR data for 0..2,000,000 samples.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "ko": "nplurals=1; plural=0;",
    "zh_Hans": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "vi": "nplurals=2; plural=(n==0 || n==1) ? 0 : 1;",  # CLDR 49 (Babel 2.19) has "one"
    "th": "nplurals=1; plural=0;",
    "km": "nplurals=1; plural=0;",
    "lo": "nplurals=1; plural=0;",
    "id": "nplurals=1; plural=0;",
    "ms": "nplurals=1; plural=0;",
    "fil": "nplurals=2; plural=(n%10==4 || n%10==6 || n%10==9) ? 1 : 0;",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5);",
    "fr": "nplurals=3; plural=(n==0 || n==1 ? 0 : n!=0 && n%1000000==0 ? 1 : 2);",
    "es": "nplurals=3; plural=(n==1 ? 0 : n!=0 && n%1000000==0 ? 1 : 2);",
    "pt": "nplurals=3; plural=(n==0 || n==1 ? 0 : n!=0 && n%1000000==0 ? 1 : 2);",
}


def main(directory: str = "translations") -> None:
    for locale, forms in PLURAL_FORMS.items():
        path = Path(directory, locale, "LC_MESSAGES", "messages.po")
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'"Plural-Forms: [^"]*\\n"', f'"Plural-Forms: {forms}\\\\n"', text, count=1)
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])

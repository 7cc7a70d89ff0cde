"""The catalogues: complete, well-formed, in step with the code, with CLDR plural rules."""
from __future__ import annotations

import gettext
import subprocess
import sys

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from app.config import ROOT
from app.i18n import LOCALES

sys.path.insert(0, str(ROOT / "scripts"))
from check_catalogues import problems  # noqa: E402

CLDR_ORDER = ["zero", "one", "two", "few", "many", "other"]


def _catalog(locale: str):
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete(locale):
    assert problems(locale) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_passes_msgfmt_check(locale):
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_catalogues_are_in_step_with_the_code(tmp_path):
    """Fails when a string was added to the code or templates without `make i18n`."""
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext", "-k", "_nl:1,2",
                    "-k", "lazy_ngettext:1,2", "-k", "pgettext:1c,2",
                    "-k", "lazy_pgettext:1c,2", "-k", "_lp:1c,2", "-o", str(pot),
                    str(ROOT / "app"), str(ROOT / "templates")],
                   check=True, capture_output=True, cwd=ROOT)
    with pot.open("rb") as handle:
        in_code = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    for locale in LOCALES:
        in_catalogue = {m.id if isinstance(m.id, str) else m.id[0]
                        for m in _catalog(locale) if m.id}
        assert in_code - in_catalogue == set(), f"{locale}: run `make i18n`"


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_forms_follow_cldr(locale):
    """The catalogue's Plural-Forms picks, for every count, the form of CLDR's category."""
    catalog = _catalog(locale)
    rule = Locale.parse(locale).plural_form
    categories = [c for c in CLDR_ORDER if c in rule.tags or c == "other"]
    assert catalog.num_plurals == len(categories)
    choose = gettext.c2py(catalog.plural_expr)
    for n in [*range(0, 1200), 1_000_000, 2_000_000, 3_000_001]:
        assert categories[choose(n)] == rule(n), (locale, n)

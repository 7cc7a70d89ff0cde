"""The browser tests run on ONE database, by deliberate choice: PostgreSQL when
TEST_DATABASE_URL is set (production's database), SQLite otherwise.

They test what a person sees and does in Chromium (layout at a phone's width, focus and
keyboard, lang and dir, axe-core, the pages' scripts); nothing in them depends on the database,
and every query they cause is also run, on both databases, by the test-client tests of the same
pages. Running them twice doubled the suite's slowest part for no added assertion.

A test that needs another database says so itself with
`@pytest.mark.parametrize("app", ["sqlite"], indirect=True)`: its own mark wins.
"""
from __future__ import annotations

import pytest
from _pytest.mark.structures import ParameterSet

from tests.conftest import BACKENDS

BROWSER_BACKEND = "postgresql" if "postgresql" in BACKENDS else "sqlite"


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc):
    """Give each test here that uses the app the `app` parameter BROWSER_BACKEND (unless it
    gives its own), before pytest parametrises it by every backend."""
    if "app" in metafunc.fixturenames and not any(
            "app" in ParameterSet._parse_parametrize_args(*mark.args, **mark.kwargs)[0]
            for mark in metafunc.definition.iter_markers("parametrize")):
        metafunc.definition.add_marker(
            pytest.mark.parametrize("app", [BROWSER_BACKEND], indirect=True))

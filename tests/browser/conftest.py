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

from tests.conftest import ONE_BACKEND, on_one_database

BROWSER_BACKEND = ONE_BACKEND


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc):
    """Every test here runs on BROWSER_BACKEND (unless it gives its own)."""
    on_one_database(metafunc)

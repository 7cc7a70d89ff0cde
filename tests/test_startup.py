"""What starting the application costs every process that does it: each gunicorn worker, the
outbox and job workers, each `flask` command, and the servers and workers the tests start.

The libraries that only some requests and jobs need are imported by the functions that use
them, not by create_app: WeasyPrint (through app.documents.pdf and .render, where PDFs are
made), Huey (app/jobs/queue.py, where a job is queued or run), pypdf (where an upload is
checked) and icalendar (where a calendar is made). Measured on a 2-core machine, create_app
took 3.9 s of CPU with them (and the dummy password hashed at import) and 2.3 s without;
WeasyPrint alone was over a second (fontTools, lxml, and the gcc and ldconfig runs with which
cffi looks for Pango).
"""
from __future__ import annotations

import json
import subprocess
import sys

from app.config import ROOT

DEFERRED = ["app.documents.pdf", "app.documents.render", "weasyprint", "huey", "pypdf",
            "icalendar"]


def test_starting_the_application_imports_none_of_the_libraries_only_some_need():
    code = ("import json, sys, app; app.create_app(app.TestConfig); "
            f"print(json.dumps(sorted(set(sys.modules) & set({DEFERRED!r}))))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == []

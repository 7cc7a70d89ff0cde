"""Independent checkers the tests run: the Nu HTML Checker (vnu.jar); ical.js and node-ical.

Both come from tests/tools/package.json (pinned, with its package-lock.json), installed by
`make test-tools` (`npm ci --prefix tests/tools`), which `make test` runs; Java and Node come
from scripts/system-deps.sh. A missing checker FAILS the test: it never skips.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = Path(__file__).parent / "tools"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JS_PARSERS = (TOOLS / "node_modules" / "ical.js", TOOLS / "node_modules" / "node-ical")
INSTALL = "run 'make test-tools' (make test does), which installs it from tests/tools/package.json"


def vnu_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """The Nu HTML Checker's errors for each page, as 'name: line N: message'.

    One JVM checks every page in one run (starting Java costs about a second; a page costs
    milliseconds). Warnings and info messages are not errors and are not returned.
    """
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: run 'make test' (scripts/system-deps.sh installs it)")
    if not VNU_JAR.is_file():
        pytest.fail(f"The Nu HTML Checker (vnu.jar) is missing: {INSTALL}")
    files = {}
    for number, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{number:03d}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    run = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only",
         "--exit-zero-always", *[str(folder / name) for name in files]],
        capture_output=True, text=True, timeout=600)
    output = run.stderr or run.stdout  # vnu writes its JSON report to stderr
    try:  # anything the JVM printed first (JAVA_TOOL_OPTIONS, say) is not the report
        report = json.loads(output[output.index('{"'):])
    except (ValueError, json.JSONDecodeError):
        pytest.fail(f"vnu did not answer in JSON (exit {run.returncode}): {run.stderr[-2000:]}")
    errors = []
    for message in report["messages"]:
        if message.get("type") == "info":
            continue
        url = message.get("url", "")
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.append(f"{name}: line {message.get('lastLine')}: {message.get('message')}"
                      f" [{message.get('extract', '').strip()[:80]}]")
    return errors


def js_parsers_read(calendars: dict[str, bytes], folder: Path) -> dict[str, dict]:
    """Each calendar as Mozilla's ical.js and as node-ical read it (tests/tools/ical_summary.mjs):
    {name: {"ical.js": summary, "node-ical": summary}}."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: run 'make test' (scripts/system-deps.sh installs it)")
    for parser in JS_PARSERS:
        if not parser.is_dir():
            pytest.fail(f"{parser.name} is missing: {INSTALL}")
    paths = {}
    for number, (name, data) in enumerate(calendars.items()):
        path = folder / f"calendar-{number:03d}.ics"
        path.write_bytes(data)
        paths[str(path)] = name
    run = subprocess.run([node, str(TOOLS / "ical_summary.mjs"), *paths], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, f"a parser could not read a calendar: {run.stderr[-2000:]}"
    return {paths[path]: summary for path, summary in json.loads(run.stdout).items()}

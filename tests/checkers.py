"""Independent checkers the tests run: the Nu HTML Checker (vnu.jar); ical.js and node-ical.

Both come from tests/tools/package.json (pinned, with its package-lock.json), installed by
`make test-tools` (`npm ci --prefix tests/tools`), which `make test` runs; Java and Node come
from scripts/system-deps.sh. A missing checker FAILS the test: it never skips.
"""
from __future__ import annotations

import atexit
import json
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

TOOLS = Path(__file__).parent / "tools"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JS_PARSERS = (TOOLS / "node_modules" / "ical.js", TOOLS / "node_modules" / "node-ical")
INSTALL = "run 'make test-tools' (make test does), which installs it from tests/tools/package.json"


def vnu_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """The Nu HTML Checker's errors for each page, as 'name: line N: message'.

    One JVM per test process checks every page of every test: vnu's own web service
    (nu.validator.servlet.Main, the same checker as `java -jar vnu.jar`), started on
    127.0.0.1 at the first call and stopped when the process ends. Starting Java and loading
    the schemas costs seconds; a page costs milliseconds. Only errors are returned
    (level=error, as --errors-only): warnings and info messages are not errors. `folder` gets
    each page as a file, to look at when a test fails.
    """
    service = _vnu_service()
    errors = []
    for number, (name, html) in enumerate(pages.items()):
        data = html.encode("utf-8")
        (folder / f"page-{number:03d}.html").write_bytes(data)
        request = urllib.request.Request(  # noqa: S310 - our own service on 127.0.0.1
            f"{service}/?out=json&level=error", data=data, method="POST",
            headers={"Content-Type": "text/html; charset=utf-8"})
        try:
            with urllib.request.build_opener().open(request, timeout=300) as response:
                report = json.loads(response.read().decode("utf-8"))
        except (OSError, ValueError) as error:
            pytest.fail(f"vnu did not answer in JSON for {name}: {error}")
        for message in report["messages"]:
            if message.get("type") == "info":
                continue
            errors.append(f"{name}: line {message.get('lastLine')}: {message.get('message')}"
                          f" [{message.get('extract', '').strip()[:80]}]")
    return errors


_VNU: dict[str, object] = {}


def _vnu_service() -> str:
    """The base URL of this process's vnu web service, started on first use."""
    process = _VNU.get("process")
    if process is not None and process.poll() is None:
        return _VNU["url"]
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: run 'make test' (scripts/system-deps.sh installs it)")
    if not VNU_JAR.is_file():
        pytest.fail(f"The Nu HTML Checker (vnu.jar) is missing: {INSTALL}")
    from tests.servers import free_port

    port = free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [java, "-Xss4m", "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", str(VNU_JAR),
         "nu.validator.servlet.Main", str(port)],
        stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.build_opener().open(url + "/", timeout=5).close()  # noqa: S310
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        log.seek(0)
        pytest.fail(f"vnu's service did not start: {log.read().decode(errors='replace')[-2000:]}")
    _VNU.update(process=process, url=url, log=log)
    atexit.register(_stop_vnu, process)
    return url


def _stop_vnu(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def _die_with_parent() -> None:
    """In the child, before Java starts: end when the test process ends, even if killed."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


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

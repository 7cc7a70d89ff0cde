"""The deployment kit under deploy/: what can be checked on a machine without a Docker engine.

The compose file is read with a YAML parser (Docker's compose plugin is not installed here), the
systemd units pass `systemd-analyze verify`, every command they and the compose file run exists
in the application's CLI, the example settings are refused by the production check until the
secrets they name are made with the commands they give, and nginx with deploy/nginx.conf runs
in front of gunicorn with deploy/gunicorn.conf.py: the application sees https, the visitor's
address (in the rate limiter's keys and the audit log) and never an address the visitor made up.
"""
from __future__ import annotations

import configparser
import datetime
import fnmatch
import http.client
import ipaddress
import json
import os
import re
import runpy
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from app.config import Config, ConfigError
from tests.conftest import csrf_token
from tests.servers import free_port, redis_reachable

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = DEPLOY / "systemd"
VENV_BIN = Path(sys.executable).parent
REDIS = "redis://127.0.0.1:6379"

APP_SERVICES = {"app1", "app2", "outbox", "jobs", "migrate"}
GUNICORN = ["gunicorn", "-c", "/app/deploy/gunicorn.conf.py", "app:create_app()"]
COMMANDS = {
    "app1": GUNICORN,
    "app2": GUNICORN,
    "outbox": ["flask", "--app", "app", "outbox", "deliver", "--loop"],
    "jobs": ["flask", "--app", "app", "jobs", "worker"],
    "migrate": ["flask", "--app", "app", "db", "upgrade"],
}


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None,
                                       comment_prefixes=("#", ";"))
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(UNITS / name)
    return parser


def _services() -> list[str]:
    return sorted(path.name for path in UNITS.glob("*.service"))


# -- compose -------------------------------------------------------------------------------

def test_compose_names_every_service_with_its_command():
    services = _compose()["services"]
    assert set(services) == APP_SERVICES | {"proxy", "db", "redis"}
    for name, command in COMMANDS.items():
        assert services[name]["command"] == command, name
    assert services["db"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    assert services["proxy"]["build"]["target"] == "proxy"
    assert "443:443" in services["proxy"]["ports"]


def test_compose_gives_every_application_container_the_production_settings():
    services = _compose()["services"]
    for name in APP_SERVICES:
        service = services[name]
        environment = service["environment"]
        assert service["build"]["target"] == "app"
        assert service["env_file"] == ".env", name  # deploy/.env: not in git
        assert environment["APP_ENV"] == "production"
        assert environment["TRUSTED_PROXIES"] == "1"  # nginx, and only nginx
        assert environment["RATELIMIT_STORAGE_URI"].startswith("redis://redis:")
        assert environment["JOBS_URL"].startswith("redis://redis:")
        assert environment["DATABASE_URL"].startswith("postgresql://bcm:${POSTGRES_PASSWORD")
        assert "instance:/app/instance" in service["volumes"]
    for name in APP_SERVICES - {"migrate"}:
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert depends["db"]["condition"] == "service_healthy", name
    for name in ("outbox", "jobs", "migrate"):  # no web server: the image's check is off
        assert services[name]["healthcheck"] == {"disable": True}, name
    assert services["migrate"]["restart"] == "no"
    # The job worker (Huey's consumer) finishes its jobs on its graceful signal only.
    assert services["jobs"]["stop_signal"] == _graceful_job_signal()
    assert set(services["proxy"]["depends_on"]) == {"app1", "app2"}


def test_the_secrets_stay_out_of_git_and_out_of_the_image():
    ignored = subprocess.run(["git", "check-ignore", "deploy/.env", "deploy/tls/privkey.pem"],
                             cwd=ROOT, capture_output=True, text=True)
    assert ignored.stdout.split() == ["deploy/.env", "deploy/tls/privkey.pem"]
    dockerignore = (ROOT / ".dockerignore").read_text().split()
    for path in ("deploy/.env", "deploy/tls", ".venv", "instance", ".git"):
        assert path in dockerignore, path


# -- Dockerfile ----------------------------------------------------------------------------

def test_dockerfile_builds_the_app_as_a_user_with_compiled_catalogues_and_a_health_check():
    text = (DEPLOY / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+) AS (\w+)$", text, re.M)
    assert stages == [("nginx:1.27-bookworm", "proxy"), ("python:3.11-slim-bookworm", "app")]
    app_stage = text.split("AS app", 1)[1]
    # The same Debian packages as a developer's machine, from the same script.
    assert "bash /tmp/build/system-deps.sh --production" in app_stage
    assert "pybabel -q compile -d translations" in app_stage
    assert re.search(r"^USER bcm$", app_stage, re.M)
    assert "/healthz" in re.search(r"^HEALTHCHECK .*(?:\n\s+.*)*", app_stage, re.M).group(0)
    assert 'CMD ["gunicorn", "-c", "/app/deploy/gunicorn.conf.py", "app:create_app()"]' \
        in app_stage
    for source in re.findall(r"^COPY (?!--from)(\S+) ", text, re.M):
        assert (ROOT / source).exists(), source


def test_system_deps_production_mode_leaves_out_the_test_tools():
    """`--production` (the image) asks for no browser, Java, Node, nginx or wrk; run here,
    where everything is installed, it has nothing to do."""
    script = (ROOT / "scripts" / "system-deps.sh").read_text()
    tools_part = script.split("if ! $production; then", 1)[1].split("\nfi\n", 1)[0]
    for package in ("chromium", "default-jre-headless", "nodejs", "npm", "wrk", "nginx-light"):
        assert f"missing+=({package})" in tools_part or f"missing+=({package});" in tools_part
    result = subprocess.run(["bash", "scripts/system-deps.sh", "--production"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


# -- gunicorn ------------------------------------------------------------------------------

def test_gunicorn_settings(monkeypatch):
    """deploy/gunicorn.conf.py read as gunicorn reads it: every name it sets is one of
    gunicorn's settings (a misspelt one would be ignored silently) with a valid value."""
    from gunicorn.config import Config as GunicornConfig

    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    names = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    settings = GunicornConfig()
    public = {name: value for name, value in names.items()
              if not name.startswith("_") and name not in ("os", "annotations")}
    for name, value in public.items():
        assert name in settings.settings, f"{name} is not a gunicorn setting"
        settings.set(name, value)  # gunicorn's own validation
    assert settings.worker_class_str == "gthread"
    assert settings.workers == 3  # GUNICORN_WORKERS; by default one per core, at least 2
    assert settings.threads >= 2
    assert settings.accesslog is None  # the application logs requests, tokens redacted
    assert settings.graceful_timeout >= 20 and settings.timeout >= 30
    assert settings.control_socket_disable is True
    assert "127.0.0.1" in settings.forwarded_allow_ips
    monkeypatch.delenv("GUNICORN_WORKERS")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["workers"] == max(
        2, len(os.sched_getaffinity(0)))


# -- systemd -------------------------------------------------------------------------------

def test_systemd_units_pass_systemd_analyze_verify(tmp_path):
    """systemd's own checker, on copies whose /opt/bcm is this checkout and /opt/bcm/.venv
    the tests' virtualenv (so the programs in ExecStart= are the ones installed here): no
    unknown key, no bad value, no missing program."""
    for path in UNITS.iterdir():
        text = path.read_text().replace("/opt/bcm/.venv/bin", str(VENV_BIN))
        (tmp_path / path.name).write_text(text.replace("/opt/bcm", str(ROOT)))
    names = [name.replace("@.service", "@8001.service") for name in _services()]
    names += ["bcm.target", "bcm-backup.timer"]
    result = subprocess.run(["systemd-analyze", "verify", *names], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""


def test_systemd_units_are_hardened_and_read_the_environment_file():
    for name in _services():
        service = _unit(name)["Service"]
        assert service["EnvironmentFile"] == "/etc/bcm/env", name
        assert service["User"] == "bcm" and service["WorkingDirectory"] == "/opt/bcm", name
        for key, value in (("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"),
                           ("PrivateTmp", "yes"), ("ProtectHome", "yes"),
                           ("CapabilityBoundingSet", "")):
            assert service[key] == value, (name, key)
        assert "/opt/bcm/instance" in service["ReadWritePaths"].split(), name
    target = _unit("bcm.target")["Unit"]["Wants"].split()
    assert set(target) == {"bcm-web@8001.service", "bcm-web@8002.service",
                           "bcm-outbox.service", "bcm-jobs.service"}
    web = _unit("bcm-web@.service")
    assert web["Unit"]["Requires"] == "bcm-migrate.service"
    assert "-b 127.0.0.1:%i" in web["Service"]["ExecStart"]
    assert "-c /opt/bcm/deploy/gunicorn.conf.py" in web["Service"]["ExecStart"]
    assert web["Service"]["Type"] == "notify"  # gunicorn says READY=1 once it listens
    assert _unit("bcm-jobs.service")["Service"]["KillSignal"] == _graceful_job_signal()
    assert _unit("bcm-outbox.service")["Service"]["KillSignal"] == "SIGTERM"


def _flask_commands() -> set[tuple[str, ...]]:
    """Every `flask --app app …` command the kit runs: its command words, without options
    and arguments."""
    lines = [" ".join(command) for command in COMMANDS.values()]
    for name in _services():
        lines.append(_unit(name)["Service"]["ExecStart"])
    lines += re.findall(r"flask --app app [^`\n]*",
                        _deployment_section().replace("\\\n", " "))
    commands = set()
    for line in lines:
        if "flask --app app " not in line:
            continue
        words = []
        for word in shlex.split(line.split("flask --app app ", 1)[1].replace("'", " ")):
            if word.startswith("-") or not re.fullmatch(r"[a-z][a-z-]*", word):
                break
            words.append(word)
        if words:
            commands.add(tuple(words))
    return commands


def _deployment_section() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split("\n## Deployment\n", 1)[1].split("\n## ", 1)[0]


HELP = """
import json, sys
from click.testing import CliRunner
from flask.cli import cli  # what the `flask` program runs
answers = {}
for words in json.loads(sys.argv[1]):
    result = CliRunner().invoke(cli, ["--app", "app", *words, "--help"])
    answers[" ".join(words)] = [result.exit_code, result.output]
print(json.dumps(answers))
"""


def test_every_command_the_kit_names_exists_in_the_application(tmp_path):
    """`flask --app app WORDS --help` for each command, in one process (the application is
    imported once): the words name a command, not an unknown one."""
    commands = _flask_commands()
    assert {("db", "upgrade"), ("outbox", "deliver"), ("jobs", "worker"), ("backup",),
            ("users", "create-secretariat"), ("privacy", "purge")} <= commands
    environment = {key: value for key, value in os.environ.items() if key != "APP_ENV"}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'help.sqlite3'}"
    result = subprocess.run([sys.executable, "-c", HELP, json.dumps(sorted(commands))],
                            cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env=environment)
    assert result.returncode == 0, result.stderr[-3000:]
    answers = json.loads(result.stdout)
    assert len(answers) == len(commands)
    for words, (status, output) in answers.items():
        assert status == 0, (words, output[-2000:])
        assert output.startswith(f"Usage: flask {words} "), (words, output[:300])


# -- the example settings ------------------------------------------------------------------

def _env_file(text: str) -> dict[str, str]:
    values = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            values[key] = value
    return values


def _production_config(monkeypatch, values: dict[str, str]):
    for key in list(os.environ):
        if key in values or key in ("INSTANCE_DIR", "RATELIMIT_KEY_PREFIX"):
            monkeypatch.delenv(key)
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return Config.from_env()


def test_the_example_settings_are_refused_until_real_secrets_are_made(monkeypatch):
    text = (DEPLOY / "env.example").read_text()
    values = _env_file(text)
    assert values["APP_ENV"] == "production"
    with pytest.raises(ConfigError) as refused:
        _production_config(monkeypatch, values)
    assert "SECRET_KEY" in str(refused.value) and "DATA_KEYS" in str(refused.value)
    # The commands the file gives, run as written, make secrets the check accepts.
    commands = dict(re.findall(r"^#\s+(SECRET_KEY|DATA_KEYS|POSTGRES_PASSWORD):\s+(python3 .*)$",
                               text, re.M))
    assert set(commands) == {"SECRET_KEY", "DATA_KEYS", "POSTGRES_PASSWORD"}
    made = {name: subprocess.run(shlex.split(command), capture_output=True, text=True,
                                 check=True, timeout=30).stdout.strip()
            for name, command in commands.items()}
    assert re.fullmatch(r"[0-9a-f]{48}", made["POSTGRES_PASSWORD"])  # safe inside a URL
    values.update(made)
    values["DATABASE_URL"] = values["DATABASE_URL"].replace("change-me",
                                                            made["POSTGRES_PASSWORD"])
    config = _production_config(monkeypatch, values)
    assert config.ENV_NAME == "production" and config.TRUSTED_PROXIES == 1
    assert config.MAIL_FROM.endswith("<secretariat@meetings.example.org>")


# -- nginx in front of gunicorn ------------------------------------------------------------

def _certificate(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "meetings.example.org")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName(
                       [x509.DNSName("meetings.example.org"),
                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
                   .sign(key, hashes.SHA256()))
    chain, private = folder / "fullchain.pem", folder / "privkey.pem"
    chain.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return chain, private


def _nginx_config(folder: Path, http_port: int, https_port: int, upstream: int) -> Path:
    """deploy/nginx.conf with what differs on a test machine: its ports, the upstream, the
    certificate, the static folder, and nginx's scratch files under `folder`. Each replaced
    line must be in the file as shipped."""
    chain, private = _certificate(folder)
    text = (DEPLOY / "nginx.conf").read_text()
    for old, new in (
            ("server app1:8000;\n        server app2:8000;", f"server 127.0.0.1:{upstream};"),
            ("listen 80 default_server;", f"listen 127.0.0.1:{http_port} default_server;"),
            ("listen 443 ssl default_server;",
             f"listen 127.0.0.1:{https_port} ssl default_server;"),
            ("/etc/nginx/tls/fullchain.pem", str(chain)),
            ("/etc/nginx/tls/privkey.pem", str(private)),
            ("alias /srv/bcm/static/;", f"alias {ROOT / 'static'}/;"),
            ("http {\n", "http {\n" + "".join(
                f"    {kind}_temp_path {folder / kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")))):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "nginx.conf"
    path.write_text(text)
    return path


def _nginx(folder: Path, config: Path, *extra: str) -> list[str]:
    # Started as root, nginx's workers would run as an unprivileged user who may not read this
    # checkout (CI's may be under /root) nor the test's folder: they stay root here.
    user = "user root root; " if os.geteuid() == 0 else ""
    return [shutil.which("nginx") or "/usr/sbin/nginx", "-p", str(folder), "-c", str(config),
            "-g", f"{user}pid {folder / 'nginx.pid'}; error_log {folder / 'error.log'} warn;",
            *extra]


def test_nginx_accepts_the_configuration(tmp_path):
    config = _nginx_config(tmp_path, free_port(), free_port(), free_port())
    result = subprocess.run(_nginx(tmp_path, config, "-t"), capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


def test_nginx_allows_the_uploads_the_application_allows():
    size = re.search(r"client_max_body_size (\d+)m;", (DEPLOY / "nginx.conf").read_text())
    assert int(size.group(1)) * 1024 * 1024 == Config.MAX_CONTENT_LENGTH


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            assert process.poll() is None, log.read_text(errors="replace")[-3000:]
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on {port}: {log.read_text(errors='replace')[-3000:]}")


VISITOR = "127.0.0.5"  # the client's own address: any 127/8 address is this machine's


class _Visitor:
    """HTTPS to nginx from VISITOR's address, as a browser would (cookies kept)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE  # the test's own certificate

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30,
                                                 context=self.context,
                                                 source_address=(VISITOR, 0))
        sent = {"Host": "meetings.example.org", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        connection.close()
        return response, data


@pytest.fixture
def behind_nginx(app, tmp_path):
    """gunicorn with deploy/gunicorn.conf.py in production mode on the test database, and
    nginx with deploy/nginx.conf in front of it; yields (https port, http port, key prefix)."""
    if not redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379 (CI runs it; start redis-server)")
    from cryptography.fernet import Fernet

    upstream, http_port, https_port = free_port(), free_port(), free_port()
    prefix = f"bcm-kit-{uuid.uuid4().hex}"
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("GUNICORN_", "FLASK_"))}
    environment.update(
        APP_ENV="production", DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        INSTANCE_DIR=app.instance_path, SECRET_KEY=os.urandom(32).hex(),
        DATA_KEYS=Fernet.generate_key().decode(), PUBLIC_URL="https://meetings.example.org",
        MAIL_URL="smtp://relay.invalid:25", RATELIMIT_STORAGE_URI=REDIS,
        RATELIMIT_KEY_PREFIX=prefix, TRUSTED_PROXIES="1", GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2", GUNICORN_GRACEFUL_TIMEOUT="2")
    gunicorn_log, nginx_log = tmp_path / "gunicorn.log", tmp_path / "error.log"
    config = _nginx_config(tmp_path, http_port, https_port, upstream)
    with open(gunicorn_log, "wb") as log:
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py",
             "-b", f"127.0.0.1:{upstream}", "app:create_app()"],
            cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
        proxy = subprocess.Popen(_nginx(tmp_path, config, "-g", "daemon off;"),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            _wait_for_port(upstream, server, gunicorn_log)
            _wait_for_port(https_port, proxy, nginx_log)
            yield https_port, http_port, prefix
        finally:
            for process in (proxy, server):
                process.terminate()
            for process in (proxy, server):
                process.wait(timeout=15)
            import redis

            store = redis.Redis.from_url(REDIS)
            for key in store.scan_iter(f"*{prefix}*"):
                store.delete(key)


def test_behind_nginx_the_application_sees_https_and_the_visitors_own_address(
        app, db, behind_nginx):
    from app.audit.models import AuditEntry

    https_port, http_port, prefix = behind_nginx
    visitor = _Visitor(https_port)

    # X-Forwarded-Proto: the application knows the visitor came over HTTPS (it sends HSTS
    # only then; nginx adds none to what it passes on) and its cookies are Secure.
    response, body = visitor.request("GET", "/healthz")
    assert response.status == 200 and b'"ok"' in body
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    response, page = visitor.request("GET", "/auth/staff")
    assert response.status == 200
    cookies = response.headers.get_all("Set-Cookie")
    assert cookies and all("Secure" in cookie and "HttpOnly" in cookie for cookie in cookies)

    # X-Forwarded-For: a failed sign-in is counted and audited under the visitor's address,
    # not nginx's (127.0.0.1) and not the one the visitor wrote in its own header.
    import redis

    form = (f"csrf_token={csrf_token(page.decode())}&email=nobody%40example.org"
            "&password=wrong+password").encode()
    response, _ = visitor.request("POST", "/auth/staff", form, {
        "Content-Type": "application/x-www-form-urlencoded",
        # Over HTTPS the CSRF check also wants a same-origin Referer (so it saw https).
        "Referer": "https://meetings.example.org/auth/staff",
        "X-Forwarded-For": "198.51.100.7"})
    assert response.status == 200
    keys = [key.decode() for key in redis.Redis.from_url(REDIS).scan_iter(f"*{prefix}*")]
    assert keys and all(VISITOR in key for key in keys), keys
    assert not any("198.51.100.7" in key or "127.0.0.1" in key for key in keys)
    entries = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "auth.sign_in_failed")).all()
    assert [entry.ip for entry in entries] == [VISITOR]

    # Static files come from nginx itself (none of the application's headers), revalidated.
    response, svg = visitor.request("GET", "/static/favicon.svg")
    assert response.status == 200 and svg == (ROOT / "static" / "favicon.svg").read_bytes()
    assert response.headers["Cache-Control"] == "no-cache"
    assert "Strict-Transport-Security" in response.headers
    assert "Content-Security-Policy" not in response.headers

    # An upload over the application's limit is refused at the door.
    connection = http.client.HTTPSConnection("127.0.0.1", https_port, timeout=30,
                                             context=visitor.context)
    connection.putrequest("POST", "/auth/staff")
    connection.putheader("Content-Length", str(Config.MAX_CONTENT_LENGTH + 1))
    connection.endheaders()
    assert connection.getresponse().status == 413
    connection.close()

    # Plain HTTP only sends the visitor to HTTPS.
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
    connection.request("GET", "/agenda?lang=ko", headers={"Host": "meetings.example.org"})
    response = connection.getresponse()
    assert response.status == 308
    assert response.headers["Location"] == "https://meetings.example.org/agenda?lang=ko"
    connection.close()


# -- the image's tree, without Docker ------------------------------------------------------

def _ignored(name: str, patterns: list[str]) -> bool:
    """Whether .dockerignore leaves `name` out of the build context: a pattern matches the
    path or one of its folders; `**/` matches at any depth (the patterns of this repository's
    file; not every rule of Docker's matcher)."""
    parts = name.split("/")
    prefixes = ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
    for pattern in patterns:
        for prefix in prefixes:
            if fnmatch.fnmatchcase(prefix, pattern) or (
                    pattern.startswith("**/") and fnmatch.fnmatchcase(
                        prefix.rsplit("/", 1)[-1], pattern[3:])):
                return True
    return False


def _image_tree(target: Path) -> None:
    """What `COPY . /app` puts in the image: the checkout's files (those git tracks or would
    add), less .dockerignore's."""
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if _ignored(name, patterns) or not source.is_file():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)


def _files_outside_instance(tree: Path) -> dict[str, int]:
    return {str(path.relative_to(tree)): path.stat().st_mtime_ns for path in tree.rglob("*")
            if path.is_file() and not path.relative_to(tree).parts[0] == "instance"}


@pytest.mark.one_database  # the image's shape; its database is production's, PostgreSQL
def test_the_images_tree_runs_as_the_image_runs_it_and_writes_only_instance(app, tmp_path):
    """The Dockerfile's steps after its packages, on this machine: the files `COPY . /app`
    takes, catalogues compiled there, the application imported from the folder (PYTHONPATH,
    not installed) and served by the image's command in production mode, on the test's
    migrated database; afterwards nothing outside instance/ was written (the image's user may
    write only there)."""
    if not redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379 (CI runs it; start redis-server)")
    from cryptography.fernet import Fernet

    tree = tmp_path / "app"
    _image_tree(tree)
    for left_out in ("tests", "bench", ".venv", "instance", "deploy/.env"):
        assert not (tree / left_out).exists(), left_out
    assert (tree / "deploy" / "gunicorn.conf.py").exists() and (tree / "migrations").is_dir()
    assert not list(tree.rglob("*.mo"))
    compiled = subprocess.run([str(VENV_BIN / "pybabel"), "-q", "compile", "-d", "translations"],
                              cwd=tree, capture_output=True, text=True, timeout=120)
    assert compiled.returncode == 0, compiled.stderr
    (tree / "instance").mkdir()
    port = free_port()
    prefix = f"bcm-image-{uuid.uuid4().hex}"
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("GUNICORN_", "FLASK_", "APP_", "INSTANCE_"))}
    environment.update(
        PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1", FLASK_APP="app",
        APP_ENV="production", DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SECRET_KEY=os.urandom(32).hex(), DATA_KEYS=Fernet.generate_key().decode(),
        PUBLIC_URL="https://meetings.example.org", MAIL_URL="smtp://relay.invalid:25",
        RATELIMIT_STORAGE_URI=REDIS, RATELIMIT_KEY_PREFIX=prefix, TRUSTED_PROXIES="1",
        GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1", GUNICORN_THREADS="2",
        GUNICORN_GRACEFUL_TIMEOUT="2")
    where = subprocess.run([sys.executable, "-c", "import importlib.util as u; "
                            "print(u.find_spec('app').origin)"], cwd=tree,
                           env=environment, capture_output=True, text=True, timeout=60)
    assert where.stdout.strip() == str(tree / "app" / "__init__.py"), where.stderr
    before = _files_outside_instance(tree)
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "wb") as log:
        # The image's CMD, with its paths under this folder.
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", str(tree / "deploy" / "gunicorn.conf.py"),
             "app:create_app()"], cwd=tree, env=environment, stdout=log,
            stderr=subprocess.STDOUT)
        try:
            _wait_for_port(port, server, log_path)
            bodies = {}
            for path in ("/healthz", "/", "/auth/staff?lang=ko", "/static/favicon.svg"):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    bodies[path] = response.read()
                except OSError as error:
                    raise AssertionError(log_path.read_text(errors="replace")[-4000:]) \
                        from error
                assert response.status == 200, (path, bodies[path][:500])
                connection.close()
            # The catalogues compiled in the folder are the ones used.
            korean = bodies["/auth/staff?lang=ko"].decode()
            assert '<html lang="ko"' in korean and ">로그인</button>" in korean
        finally:
            server.terminate()
            server.wait(timeout=15)
            import redis

            store = redis.Redis.from_url(REDIS)
            for key in store.scan_iter(f"*{prefix}*"):
                store.delete(key)
    output = log_path.read_text(errors="replace")
    assert '"logger": "app.request"' in output  # the JSON request lines of production
    assert _files_outside_instance(tree) == before


def _graceful_job_signal() -> str:
    """The signal on which `flask jobs worker` lets jobs under way finish, as its code says."""
    source = (ROOT / "app" / "cli" / "jobs.py").read_text()
    return "SIG" + re.search(r'graceful_signal="([A-Z]+)"', source).group(1)

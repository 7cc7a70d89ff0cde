"""The application under gunicorn, in processes of its own, as it runs in production."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    base: str
    process: subprocess.Popen
    log: object
    output: str = ""  # what gunicorn wrote (stdout and stderr), once it has stopped


def get(url: str, **headers: str) -> int:
    """GET over real HTTP (http:// only); the status, whatever it is."""
    assert url.startswith("http://")
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http:// only
    try:
        with urllib.request.build_opener().open(request, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def redis_reachable() -> bool:
    """Whether the Redis the tests share answers on 127.0.0.1:6379."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(app, *options: str, instances: int = 1, **env: str):
    """`instances` gunicorn servers (one worker each) on `app`'s database, started together,
    with `env` added to the environment; yields them."""
    environment = {key: value for key, value in os.environ.items() if key != "APP_ENV"}
    environment.update(DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
                       SECRET_KEY=app.config["SECRET_KEY"], DATA_KEYS=app.config["DATA_KEYS"],
                       PUBLIC_URL="http://127.0.0.1", **env)
    servers = []
    with ExitStack() as stack:
        for _ in range(instances):
            port = free_port()
            log = stack.enter_context(open(Path(app.instance_path) / f"gunicorn-{port}.log",
                                           "w+b"))
            process = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "-w", "1",
                 "-b", f"127.0.0.1:{port}", "--no-control-socket", "--graceful-timeout", "2",
                 *options,
                 "app:create_app()"], cwd=ROOT, env=environment, stdout=log,
                stderr=subprocess.STDOUT)
            servers.append(Server(f"http://127.0.0.1:{port}", process, log))
        try:
            for server in servers:
                _wait_until_up(server)
            yield servers
        finally:
            for server in servers:
                server.process.terminate()
            for server in servers:
                server.process.wait(timeout=10)
                server.log.seek(0)
                server.output = server.log.read().decode(errors="replace")


def _wait_until_up(server: Server) -> None:
    for _ in range(400):
        try:
            urllib.request.build_opener().open(server.base + "/healthz", timeout=1).close()
            return
        except OSError:
            if server.process.poll() is not None:
                return
            time.sleep(0.05)

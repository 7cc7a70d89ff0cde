"""Backups: SQLite's online backup API, or pg_dump/pg_restore for PostgreSQL."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from app.extensions import db


class BackupError(RuntimeError):
    """The backup or restore could not be completed; nothing was changed."""


def _pg_env_and_args(url) -> tuple[dict, list[str]]:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    args = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432),
            "-U", url.username or "postgres"]
    return env, args


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian package postgresql-client)")
    return path


def _run(arguments: list[str], env: dict) -> subprocess.CompletedProcess:
    # An argument list and no shell: file names from the operator cannot inject commands.
    return subprocess.run(arguments, env=env, capture_output=True, text=True)  # noqa: S603


def backup(target: Path) -> Path:
    """Write a consistent copy of the database to target while the application runs."""
    url = make_url(str(db.engine.url))
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(url.database)
        try:
            copy = sqlite3.connect(target)
            with copy:
                source.backup(copy)  # pages copied consistently, writers not blocked for long
            copy.close()
        finally:
            source.close()
        return target
    if url.get_backend_name() == "postgresql":
        env, args = _pg_env_and_args(url)
        result = _run([_tool("pg_dump"), *args, "-Fc", "--no-owner", "-f", str(target),
                       url.database], env)
        if result.returncode != 0:
            raise BackupError(result.stderr.strip())
        return target
    raise BackupError(f"no backup method for {url.get_backend_name()}")


def restore(source: Path) -> None:
    """Replace the database's contents with a backup made by backup()."""
    url = make_url(str(db.engine.url))
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} does not exist")
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        try:
            backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            backup_db.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source} is not a SQLite backup: {exc}") from exc
        live = sqlite3.connect(url.database)
        try:
            with live:
                backup_db.backup(live)
        finally:
            live.close()
            backup_db.close()
        return
    if url.get_backend_name() == "postgresql":
        env, args = _pg_env_and_args(url)
        listing = _run([_tool("pg_restore"), "--list", str(source)], env)
        if listing.returncode != 0:
            raise BackupError(f"{source} is not a pg_dump archive: {listing.stderr.strip()}")
        result = _run([_tool("pg_restore"), *args, "--clean", "--if-exists", "--no-owner",
                       "--single-transaction", "-d", url.database, str(source)], env)
        if result.returncode != 0:
            raise BackupError(result.stderr.strip())
        return
    raise BackupError(f"no restore method for {url.get_backend_name()}")

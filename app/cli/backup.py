"""Backup and restore of the whole database."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from app.backup import BackupError, backup, restore


def init_app(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(target: str):
    """Copy the database to TARGET (SQLite online backup, or pg_dump custom format)."""
    try:
        path = backup(target)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backup written to {path}.")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(source: str, yes: bool):
    """Replace the database's contents with the backup SOURCE."""
    if not yes:
        click.confirm("This replaces every record in the database. Continue?", abort=True)
    try:
        restore(source)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Database restored from {source}.")

"""`flask backup PATH` and `flask restore PATH`: SQLite through the online backup API, PostgreSQL through
pg_dump/pg_restore (custom format). A backup is written to a temporary file and renamed only when complete."""

import os
import sqlite3
import subprocess
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from webapp.extensions import db


class BackupError(click.ClickException):
    """A backup or restore that could not be done; nothing was changed."""


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="overwrite an existing file")
@with_appcontext
def backup_cmd(path, force):
    """Write a consistent copy of the database to PATH while the app keeps running."""
    if path.exists() and not force:
        raise BackupError(f"{path} exists (use --force to overwrite)")
    url = db.engine.url
    partial = path.with_name(path.name + ".partial")
    try:
        (_sqlite_backup if url.get_backend_name() == "sqlite" else _pg_dump)(url, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    click.echo(f"backup written: {path} ({path.stat().st_size} bytes)")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="do not ask for confirmation")
@with_appcontext
def restore_cmd(path, yes):
    """Replace every table of the database with the contents of a backup (stop the app servers first)."""
    url = db.engine.url
    sqlite = url.get_backend_name() == "sqlite"
    (_check_sqlite_backup if sqlite else _check_pg_backup)(path)
    if not yes:
        click.confirm(f"Replace all data in {url.render_as_string(hide_password=True)} with {path}?", abort=True)
    db.session.remove()
    db.engine.dispose()
    (_sqlite_restore if sqlite else _pg_restore)(url, path)
    db.engine.dispose()
    click.echo(f"restored from {path}")


def _sqlite_file(url) -> str:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return url.database


def _sqlite_backup(url, target: Path) -> None:
    """Copy page by page with SQLite's online backup API (readers and writers may continue)."""
    _copy_sqlite(_sqlite_file(url), str(target))
    _check_sqlite_backup(target)


def _sqlite_restore(url, source: Path) -> None:
    """Copy the backup over the live file through the backup API, so the WAL and open readers stay consistent."""
    _copy_sqlite(str(source), _sqlite_file(url))


def _copy_sqlite(source: str, target: str) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    except sqlite3.Error as err:
        raise BackupError(f"SQLite backup failed: {err}") from None
    finally:
        dst.close()
        src.close()


def _check_sqlite_backup(path: Path) -> None:
    """Refuse anything that is not an intact ImmuQC SQLite database."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        ok, version = False, None
    if not ok or version is None:
        raise BackupError(f"{path} is not an intact ImmuQC SQLite backup")


def _pg_env(url) -> tuple[list[str], dict]:
    """Connection arguments for the PostgreSQL client tools; the password goes through the environment."""
    url = make_url(url)
    args = ["--host", url.host or "127.0.0.1", "--port", str(url.port or 5432), "--dbname", url.database]
    if url.username:
        args += ["--username", url.username]
    env = dict(os.environ, PGPASSWORD=url.password or os.environ.get("PGPASSWORD", ""))
    return args, env


def _run(cmd: list[str], env: dict, what: str) -> None:
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError:
        raise BackupError(f"{cmd[0]} not found: install the PostgreSQL client tools") from None
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip()[-500:]}")


def _pg_dump(url, target: Path) -> None:
    """pg_dump in the custom format (compressed, restorable table by table)."""
    args, env = _pg_env(url)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env,
         "pg_dump")


def _check_pg_backup(path: Path) -> None:
    """Refuse a file pg_restore cannot list, or one without the alembic_version table."""
    done = subprocess.run(["pg_restore", "--list", str(path)], capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or "alembic_version" not in done.stdout:
        raise BackupError(f"{path} is not an ImmuQC PostgreSQL backup (pg_dump --format=custom)")


def _pg_restore(url, source: Path) -> None:
    """Drop and recreate every object of the backup in one transaction: all of it or none of it."""
    args, env = _pg_env(url)
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", *args, str(source)], env, "pg_restore")


def register(app) -> None:
    """Attach backup and restore to the app's CLI."""
    app.cli.add_command(backup_cmd)
    app.cli.add_command(restore_cmd)

"""Test databases: a fresh SQLite file and a fresh PostgreSQL database per test session, migrated to head."""

import os
import uuid

import psycopg
import pytest
from sqlalchemy import text

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgresql")


def in_ci() -> bool:
    """CI=true makes an unreachable PostgreSQL a failure instead of a skip."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def create_pg_database() -> tuple[str, str]:
    """Create a throwaway database on the test server; return (sqlalchemy url, name)."""
    name = f"immuqc_t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as err:
        message = f"PostgreSQL at {PG_ADMIN_URL} is not reachable: {type(err).__name__}"
        if in_ci():
            pytest.fail(message + " (CI=true: PostgreSQL is required)", pytrace=False)
        pytest.skip(message)
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{name}", name


def drop_pg_database(name: str) -> None:
    """Drop a throwaway database, disconnecting anyone still on it."""
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_url(backend: str, tmp_dir) -> tuple[str, str | None]:
    """A URL for a fresh database of the given backend, and the PG name to drop afterwards."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_dir / 'test.sqlite'}", None
    return create_pg_database()


def truncate_all(db) -> None:
    """Empty every table (not alembic_version) so the next test starts clean."""
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))

"""`flask backup` and `flask restore`: a round trip with data on SQLite and PostgreSQL, and refusals that change
nothing."""

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from tests import dbsetup
from tests.factories import add_record
from tests.fresh_db import fresh_app
from webapp.demo.seed import seed_demo
from webapp.extensions import db
from webapp.models import AuditEvent, Record
from webapp.services.accounts.users import find_user

CHILD = {"unit_code": "U01", "name": "王小明", "sex": "M", "birth_date": "2025-03-04", "residence": "local",
         "guardian_phone": "13800138000"}


@pytest.fixture(params=dbsetup.BACKENDS)
def seeded(request, tmp_path):
    """A fresh database with the demo organisation and one child record."""
    with fresh_app(request.param, tmp_path) as app:
        seed_demo(org_only=True)
        add_record("child", CHILD, id="6f1c1a52-7d1e-4f57-9a55-0c0d3e0e0001")
        db.session.commit()
        yield app


def _cli(app, *args):
    db.session.remove()
    return app.test_cli_runner().invoke(args=list(args))


def test_backup_and_restore_round_trip_keeps_every_row(seeded, tmp_path):
    audits = db.session.scalar(select(func.count()).select_from(AuditEvent))
    path = tmp_path / "immuqc.backup"
    result = _cli(seeded, "backup", str(path))
    assert result.exit_code == 0, result.output
    assert path.stat().st_size > 0 and not path.with_name(path.name + ".partial").exists()

    add_record("child", {**CHILD, "name": "后来的记录"}, id="6f1c1a52-7d1e-4f57-9a55-0c0d3e0e0002")
    find_user("demo-nurse").display_name = "改过的名字"
    db.session.commit()

    result = _cli(seeded, "restore", str(path), "--yes")
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(Record.id)).all() == ["6f1c1a52-7d1e-4f57-9a55-0c0d3e0e0001"]
    assert db.session.get(Record, "6f1c1a52-7d1e-4f57-9a55-0c0d3e0e0001").data == CHILD
    assert find_user("demo-nurse").display_name == "王护士"
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == audits


def test_a_restored_database_keeps_the_audit_log_append_only(seeded, tmp_path):
    path = tmp_path / "immuqc.backup"
    assert _cli(seeded, "backup", str(path)).exit_code == 0
    assert _cli(seeded, "restore", str(path), "--yes").exit_code == 0
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text("UPDATE audit_events SET actor = 'x'"))
    db.session.rollback()


def test_backup_refuses_to_overwrite_an_existing_file(seeded, tmp_path):
    path = tmp_path / "old.backup"
    path.write_bytes(b"keep me")
    result = _cli(seeded, "backup", str(path))
    assert result.exit_code != 0 and "exists" in result.output
    assert path.read_bytes() == b"keep me"


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(seeded, tmp_path):
    path = tmp_path / "garbage.backup"
    path.write_bytes(b"this is not a database" * 100)
    result = _cli(seeded, "restore", str(path), "--yes")
    assert result.exit_code != 0 and "not" in result.output
    assert db.session.scalar(select(func.count()).select_from(Record)) == 1

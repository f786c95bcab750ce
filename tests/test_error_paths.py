"""Error paths: the database going away mid-push (503, nothing partial, recovery), a database that is down, a
read-only SQLite file and a full disk (a clear 503, nothing lost), and 500s that never leak exception text."""

import logging

import psycopg
import pytest
from sqlalchemy import event, text

from tests import dbsetup
from tests.factories import child_data, push_body, push_item
from tests.fresh_db import fresh_app
from webapp import create_app
from webapp.demo.seed import DEMO_PASSWORD, seed_demo
from webapp.extensions import db
from webapp.models import Record, RecordRevision
from webapp.services.sync import pipeline as sync_service
from webapp.services.sync import push as sync_push

SECRET = "test-secret-key-that-is-long-enough-0123456789"


def _token(client, username="demo-nurse"):
    resp = client.post("/api/v1/auth/token", json={"username": username, "password": DEMO_PASSWORD,
                                                   "device_id": "dev-e", "device_name": "phone"})
    assert resp.status_code == 201, resp.get_json()
    return {"Authorization": f"Bearer {resp.get_json()['token']}"}


def _stored(ids) -> int:
    db.session.expire_all()
    return db.session.query(Record).filter(Record.id.in_(ids)).count() + \
        db.session.query(RecordRevision).filter(RecordRevision.record_id.in_(ids)).count()


def _assert_503_problem(resp):
    assert resp.status_code == 503, resp.get_data(as_text=True)
    assert resp.mimetype == "application/problem+json" and resp.headers["Retry-After"]
    assert resp.get_json()["title"] == "服务暂时不可用，请稍后再试"


def test_postgres_going_away_mid_push_is_a_503_with_nothing_stored_then_recovers(app, client, token_for, db,
                                                                                monkeypatch):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a server connection can only be killed on PostgreSQL")
    headers = token_for("demo-nurse")
    items = [push_item("child", child_data(name=f"儿童{i}")) for i in range(20)]
    original = sync_push._audit_rejections

    def kill_connection_after_the_writes(*args):
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        with psycopg.connect(dbsetup.PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return original(*args)

    monkeypatch.setattr(sync_push, "_audit_rejections", kill_connection_after_the_writes)
    body = push_body(items)
    _assert_503_problem(client.post("/api/v1/sync/push", json=body, headers=headers))
    assert _stored([i["id"] for i in items]) == 0
    monkeypatch.setattr(sync_push, "_audit_rejections", original)
    resp = client.post("/api/v1/sync/push", json=body, headers=headers)
    assert resp.status_code == 200 and {r["status"] for r in resp.get_json()["results"]} == {"created"}
    assert _stored([i["id"] for i in items]) == 40


def test_postgres_going_away_during_the_batch_write_is_a_503_not_rejected_items(app, client, token_for, db,
                                                                               monkeypatch):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a server connection can only be killed on PostgreSQL")
    headers = token_for("demo-nurse")
    items = [push_item("child", child_data()) for _ in range(10)]
    original = sync_service.load_view

    def kill_connection_then_load(*args):
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        with psycopg.connect(dbsetup.PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return original(*args)

    monkeypatch.setattr(sync_service, "load_view", kill_connection_then_load)
    _assert_503_problem(client.post("/api/v1/sync/push", json=push_body(items), headers=headers))
    monkeypatch.setattr(sync_service, "load_view", original)
    assert _stored([i["id"] for i in items]) == 0


@pytest.mark.parametrize("method, path", [("GET", "/api/v1/auth/me"), ("POST", "/api/v1/auth/token")])
def test_a_database_that_is_down_answers_503_not_500(method, path):
    down = create_app({"TESTING": False, "DATABASE_URL": "postgresql://postgres@127.0.0.1:1/none",
                       "SECRET_KEY": SECRET, "ENV_NAME": "testing"})
    resp = down.test_client().open(path, method=method, headers={"Authorization": "Bearer x"},
                                   json={"username": "a", "password": "b", "device_id": "c", "device_name": "d"})
    _assert_503_problem(resp)
    assert "127.0.0.1:1" not in resp.get_data(as_text=True) and "connect" not in resp.get_data(as_text=True)


@pytest.fixture
def sqlite_file(tmp_path):
    """A fresh SQLite database with the demo organisation; yields its path."""
    with fresh_app("sqlite", tmp_path) as app:
        seed_demo(org_only=True)
        db.session.commit()
        yield tmp_path / "test.sqlite", app


def _second_app(url, connect_hook=None):
    other = create_app({"TESTING": False, "DATABASE_URL": url, "SECRET_KEY": SECRET, "ENV_NAME": "testing"})
    if connect_hook:
        with other.app_context():
            event.listen(db.engine, "connect", connect_hook)
    return other


def test_a_read_only_sqlite_file_is_a_clear_503_and_nothing_is_lost(sqlite_file, caplog):
    path, app = sqlite_file
    headers = _token(app.test_client())
    kept = push_item("child", child_data())
    assert app.test_client().post("/api/v1/sync/push", json=push_body([kept]), headers=headers).status_code == 200
    readonly = _second_app(f"sqlite:///file:{path}?mode=ro&uri=true")
    items = [push_item("child", child_data()) for _ in range(5)]
    with caplog.at_level(logging.WARNING):
        resp = readonly.test_client().post("/api/v1/sync/push", json=push_body(items), headers=headers)
    _assert_503_problem(resp)
    assert any("SQLITE_READONLY" in r.getMessage() for r in caplog.records), "the log must say why"
    resp = app.test_client().post("/api/v1/sync/push", json=push_body(items + [kept]), headers=headers)
    assert [r["status"] for r in resp.get_json()["results"]] == ["created"] * 5 + ["duplicate"]


def test_a_full_disk_is_a_clear_503_not_a_rejection_and_nothing_is_lost(sqlite_file, caplog):
    path, app = sqlite_file
    headers = _token(app.test_client())
    pages = db.session.execute(text("PRAGMA page_count")).scalar()
    db.session.remove()

    def disk_full(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    full = _second_app(f"sqlite:///{path}", disk_full)
    items = [push_item("child", child_data(name="张" * 40, certificate_no="C" * 30)) for _ in range(200)]
    with caplog.at_level(logging.WARNING):
        resp = full.test_client().post("/api/v1/sync/push", json=push_body(items), headers=headers)
    _assert_503_problem(resp)
    assert any("SQLITE_FULL" in r.getMessage() for r in caplog.records), "the log must say why"
    assert _stored([i["id"] for i in items]) == 0
    resp = app.test_client().post("/api/v1/sync/push", json=push_body(items), headers=headers)
    assert {r["status"] for r in resp.get_json()["results"]} == {"created"}


def test_a_500_never_carries_exception_text_on_either_database(app):
    boom = create_app({"TESTING": False, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
                       "SECRET_KEY": SECRET, "ENV_NAME": "testing"})

    @boom.get("/api/v1/boom-sql")
    def boom_sql():
        db.session.execute(text("SELECT no_such_column FROM counties"))

    boom_sql.access_rule = {"kind": "public", "roles": ()}
    resp = boom.test_client().get("/api/v1/boom-sql")
    body = resp.get_data(as_text=True)
    assert resp.status_code == 500 and resp.mimetype == "application/problem+json"
    assert "no_such_column" not in body and "SELECT" not in body and "Error" not in body

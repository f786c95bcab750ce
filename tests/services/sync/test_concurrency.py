"""Concurrent pushes: the same id from two threads is stored once; pull cursors never skip a late commit."""

import threading
import time

import pytest

from tests.factories import child_data, push_body, push_item
from webapp.models import Record, RecordRevision
from webapp.models.sync import SyncCounter
from webapp.services.sync import write as sync_write


@pytest.fixture
def primed(app, db, token_for):
    """One push before the scenario, so the change-log counter row exists as in any running system.

    Without it the first writer *inserts* the counter row and a second writer waits on that insert, which
    hides a missing row lock (the tables are emptied before each test). Returns the primed child's id.
    """
    item = push_item("child", child_data(), captured_by="demo-nurse-b")
    item["data"]["unit_code"] = "U03"
    resp = app.test_client().post("/api/v1/sync/push", json=push_body([item], device_id="dev-prime"),
                                  headers=token_for("demo-nurse-b", "dev-prime"))
    assert resp.get_json()["results"][0]["status"] == "created"
    db.session.expire_all()
    assert db.session.get(SyncCounter, 1).value >= 1
    return item["id"]


def _run_together(*targets):
    errors = []

    def guard(fn):
        def run():
            try:
                fn()
            except Exception as exc:  # noqa: BLE001  (reported by the assertion below)
                errors.append(exc)
        return run
    threads = [threading.Thread(target=guard(fn)) for fn in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def test_the_same_id_pushed_at_once_by_two_threads_is_stored_once(app, db, token_for, primed):
    headers = [token_for("demo-nurse", "dev-a"), token_for("demo-nurse2", "dev-b")]
    item = push_item("child", child_data())
    barrier, statuses = threading.Barrier(2), []

    def send(h):
        def run():
            client = app.test_client()
            barrier.wait()
            resp = client.post("/api/v1/sync/push", json=push_body([item]), headers=h)
            statuses.append(resp.get_json()["results"][0]["status"])
        return run
    _run_together(send(headers[0]), send(headers[1]))
    assert sorted(statuses) == ["created", "duplicate"]
    db.session.expire_all()
    assert db.session.query(Record).filter(Record.id == item["id"]).count() == 1
    assert db.session.query(RecordRevision).filter(RecordRevision.record_id == item["id"]).count() == 1


def test_a_cursor_never_skips_a_change_that_commits_late(app, db, token_for, monkeypatch, primed):
    """Writer A holds its transaction open after writing; writer B pushes meanwhile; a device pulls throughout.

    With change numbers in call order B could commit a higher number first and the device's cursor would pass
    A's rows before they become visible. The change-log lock makes B wait, so the device sees everything.
    """
    nurse, reader = token_for("demo-nurse", "dev-a"), token_for("demo-nurse2", "dev-r")
    nurse_b = token_for("demo-nurse2", "dev-b")
    slow = threading.Event()
    original = sync_write.Writes.flush

    def flush_then_linger(self, clock):
        written = original(self, clock)
        if threading.current_thread().name == "writer-a":
            slow.set()
            time.sleep(0.6)  # the rows are written and numbered, the commit comes late
        return written
    monkeypatch.setattr(sync_write.Writes, "flush", flush_then_linger)
    items_a = [push_item("child", child_data()) for _ in range(3)]
    items_b = [push_item("child", child_data(), captured_by="demo-nurse2") for _ in range(3)]
    seen, cursor = set(), None

    def writer(headers, items):
        def run():
            app.test_client().post("/api/v1/sync/push", json=push_body(items), headers=headers)
        return run

    def pulls():
        nonlocal cursor
        client = app.test_client()
        slow.wait(10)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            body = client.get("/api/v1/sync/pull", query_string={"cursor": cursor or ""}, headers=reader).get_json()
            seen.update(c["id"] for c in body["changes"] if c["kind"] == "child")
            cursor = body["cursor"]
            time.sleep(0.05)
    thread_a = threading.Thread(target=writer(nurse, items_a), name="writer-a")
    thread_a.start()
    slow.wait(10)
    _run_together(writer(nurse_b, items_b), pulls)
    thread_a.join(30)
    assert seen == {i["id"] for i in items_a + items_b}
    db.session.expire_all()
    seq_a = {r.change_seq for r in db.session.query(Record).filter(Record.captured_by == "demo-nurse")}
    seq_b = {r.change_seq for r in db.session.query(Record).filter(Record.captured_by == "demo-nurse2")}
    assert max(seq_a) < min(seq_b)


@pytest.mark.parametrize("writers", [4])
def test_concurrent_writers_get_distinct_change_numbers(app, db, token_for, writers, primed):
    headers = [token_for("demo-nurse", f"dev-{i}") for i in range(writers)]
    batches = [[push_item("child", child_data()) for _ in range(20)] for _ in range(writers)]
    barrier = threading.Barrier(writers)

    def send(h, items):
        def run():
            client = app.test_client()
            barrier.wait()
            assert client.post("/api/v1/sync/push", json=push_body(items), headers=h).status_code == 200
        return run
    _run_together(*(send(h, b) for h, b in zip(headers, batches, strict=True)))
    db.session.expire_all()
    seqs = [r.change_seq for r in db.session.query(Record).filter(Record.id != primed)]
    assert len(seqs) == writers * 20 == len(set(seqs))


def test_two_zero_reports_for_one_unit_and_period_sent_at_once_store_one(app, db, token_for, primed):
    from tests.factories import zero_report_data
    headers = [token_for("demo-nurse", "dev-a"), token_for("demo-nurse2", "dev-b")]
    items = [push_item("aefi_zero_report", zero_report_data("2026-10"), captured_by=user)
             for user in ("demo-nurse", "demo-nurse2")]
    barrier, statuses = threading.Barrier(2), []

    def send(h, item):
        def run():
            client = app.test_client()
            barrier.wait()
            resp = client.post("/api/v1/sync/push", json=push_body([item]), headers=h)
            statuses.append(resp.get_json()["results"][0]["status"])
        return run
    _run_together(*(send(h, i) for h, i in zip(headers, items, strict=True)))
    assert sorted(statuses) == ["created", "rejected"]
    db.session.expire_all()
    assert db.session.query(Record).filter_by(kind="aefi_zero_report").count() == 1

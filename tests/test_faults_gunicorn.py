"""A bounded version of benches/faults.py: a real gunicorn on PostgreSQL (TEST_POSTGRES_URL's server), its workers
SIGKILLed while the phone retries the same batch; every record is stored exactly once.

The kills are placed, not left to chance: one lands mid-push (the push waits on the change-log row this test
holds locked, so nothing of it is committed), one after the commit and before the reply (the server holds each
push's reply 1.5 s, BENCH_REPLY_DELAY_S). The first retry must then create everything, the second must find
everything already stored (all duplicates).
"""

import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benches"))

pytestmark = pytest.mark.slow
SIZE = 50


@pytest.fixture
def gunicorn_on_postgres():
    """A throwaway database with one phone and a 2-worker gunicorn on a loopback port (always stopped)."""
    from bench_support import BenchDatabase, Server

    from tests import dbsetup

    try:
        bench_db = BenchDatabase("postgresql", 1, admin_url=dbsetup.PG_ADMIN_URL).__enter__()
    except OSError as err:  # psycopg.OperationalError is an OSError subclass
        if dbsetup.in_ci():
            raise
        pytest.skip(f"PostgreSQL not reachable: {type(err).__name__}")
    server = Server(bench_db.url, workers=2, threads=2, env={"BENCH_REPLY_DELAY_S": "1.5"})
    try:
        server.start()
        yield bench_db, server
    finally:
        server.stop()
        bench_db.__exit__(None, None, None)


def _wait_for(query, params, condition, db_url, timeout=60):
    """Poll a query (autocommit) until `condition(value)`; fails the test on timeout."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(db_url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            if condition(conn.execute(query, params).fetchone()[0]):
                return
            time.sleep(0.02)
    pytest.fail(f"timed out waiting for: {query}")


def _push_in_background(bench_db, server):
    from faults import Push

    push = Push(bench_db.tokens[0], server.base, SIZE)
    thread = threading.Thread(target=push.run, daemon=True)
    thread.start()
    return push, thread


def _kill_mid_push(bench_db, server):
    """Hold the change-log row, wait until the push waits on it (validated, not written), kill the workers."""
    from faults import kill_workers

    name = bench_db.url.rsplit("/", 1)[1]
    with psycopg.connect(bench_db.url) as holder:
        holder.execute("SELECT value FROM sync_counter WHERE id = 1 FOR UPDATE")
        push, thread = _push_in_background(bench_db, server)
        _wait_for("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'", (name,),
                  lambda n: n >= 1, bench_db.url)
        assert kill_workers(server) >= 1
        holder.rollback()
    thread.join(timeout=300)
    return push


def _kill_after_commit(bench_db, server):
    """Wait until the push's records are committed (its reply is still held), then kill the workers."""
    from faults import kill_workers

    push, thread = _push_in_background(bench_db, server)
    ids = [item["id"] for item in push.items]
    _wait_for("SELECT count(*) FROM records WHERE id = ANY(%s)", (ids,), lambda n: n == SIZE, bench_db.url)
    assert kill_workers(server) >= 1
    thread.join(timeout=300)
    return push


def test_sigkilled_workers_mid_push_and_after_commit_leave_every_record_stored_once(gunicorn_on_postgres):
    from bench_support import exactly_once
    from faults import calibrate

    bench_db, server = gunicorn_on_postgres
    _, pushed = calibrate(server, bench_db.tokens[0], SIZE)  # also creates the change-log row
    mid = _kill_mid_push(bench_db, server)
    assert mid.sample.retries >= 1 and mid.statuses() == ["created"] * SIZE
    late = _kill_after_commit(bench_db, server)
    assert late.sample.retries >= 1 and late.statuses() == ["duplicate"] * SIZE
    check = exactly_once(bench_db, pushed | {i["id"] for i in mid.items + late.items})
    assert check["holds"] and check["records"] == 3 * SIZE, check

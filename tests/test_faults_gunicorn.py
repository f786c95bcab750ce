"""A bounded version of benches/faults.py: a real gunicorn on PostgreSQL, its workers SIGKILLed in the middle of
a push while the phone retries the same batch; every record is stored exactly once."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benches"))

pytestmark = pytest.mark.slow
KILLS = 2


@pytest.fixture
def gunicorn_on_postgres():
    """A throwaway database with one phone and a 2-worker gunicorn on a loopback port (always stopped)."""
    from bench_support import BenchDatabase, Server

    from tests import dbsetup

    try:
        bench_db = BenchDatabase("postgresql", 1).__enter__()
    except OSError as err:  # psycopg.OperationalError is an OSError subclass
        if dbsetup.in_ci():
            raise
        pytest.skip(f"PostgreSQL not reachable: {type(err).__name__}")
    server = Server(bench_db.url, workers=2, threads=2)
    try:
        server.start()
        yield bench_db, server
    finally:
        server.stop()
        bench_db.__exit__(None, None, None)


def test_sigkilled_workers_mid_push_leave_every_record_stored_once(gunicorn_on_postgres):
    from random import Random

    from bench_support import exactly_once
    from faults import calibrate, inject

    bench_db, server = gunicorn_on_postgres
    duration, pushed = calibrate(server, bench_db.tokens[0], 200)
    tally = dict.fromkeys(("faults", "processes killed", "connections cut", "mid-push (client saw it and retried)",
                           "replies lost after commit (duplicate on retry)", "failed pushes"), 0)
    for _ in range(KILLS):
        pushed |= inject("kill", server, bench_db, bench_db.tokens[0], 200, Random(1), tally, duration)
    assert tally["processes killed"] >= KILLS and tally["failed pushes"] == 0
    check = exactly_once(bench_db, pushed)
    assert check["holds"], check

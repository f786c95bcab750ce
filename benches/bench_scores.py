"""Benchmark: every scorecard of both plans for a county year, against a pass that only counts the same rows.

A synthetic county of 15 units is generated with the demo generator (doses by schedule, pre-checks, consents)
at about 30,000 and 300,000 records, on SQLite and on PostgreSQL (a throwaway database). For each it prints
the time to compute every unit's `evaluation-standard` and `county-plan-2014` scorecards for the year (one
call), the time of one grouped COUNT over the same records (the best of 5 before and 5 after the states), and
their ratio, in five states of what is kept between computations (the schedule views of
services/scoring/schedule_statuses.py, the measures of services/scoring/stored_measures.py):

- cold: nothing stored (a new server, or the engine changed): every registry child is evaluated on each part's
  last day, every measure computed from rows, and both stored;
- rows: the views stored, no measures (the metric code changed): every measure computed from rows fetched once;
- warm: all stored and current (after the nightly `flask scores recompute`, or any earlier computation that day,
  with no record written since): the unchanged measures are read back;
- day: later the same day, after a day's syncing: 1% of the registry children got a new dose (pushed through the
  API by each unit's nurse, so it passes the API's rules), so those children
  are evaluated again and every measure whose window holds today and that reads vaccinations or the views is
  computed again, the first half's standing;
- next: the next calendar day's first computation (best of the next two days, each after the day before): every
  window ending today moved, so its measures are computed from rows, and each child's view of yesterday is read
  back where it still holds on the new today (schedule_statuses' `valid_until`), the others evaluated again.

Beside them it prints the floor of the cold state, in the same run and as ratios to the same COUNT: reading every
registry child's birth date and doses (any unit), and the schedule engine's view of every registry child on one
day (on those inputs, read untimed). Coverage needs both, so a computation with nothing stored costs at least
their sum.

    .venv/bin/python benches/bench_scores.py [--sizes 30000,300000] [--backends sqlite,postgresql]
"""

import argparse
import contextvars
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import current_app  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import delete, func, select  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.models import County, Record, Township, Unit  # noqa: E402
from webapp.models.scoring import ScheduleStatus, StoredMeasure  # noqa: E402
from webapp.services import county

UNITS = [f"B{i:02d}" for i in range(1, 16)]
RECORDS_PER_CHILD = 23  # measured on the demo generator (children 0–6, this year's pre-checks and consents)
PG_ADMIN = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def database(backend, tmp):
    """A fresh database URL (and a cleanup function)."""
    if backend == "sqlite":
        path = Path(tmp) / f"bench-{uuid.uuid4().hex[:8]}.sqlite"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    import psycopg

    name = f"immuqc_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}", drop


def seed(records: int) -> int:
    """The bench county and about `records` records; returns the number stored."""
    from webapp.demo import records as demo

    db.session.add(County(code="BENCH", name="基准县"))
    db.session.add(Township(code="BENCH-T", name="基准镇", county_code="BENCH"))
    for code in UNITS:
        db.session.add(Unit(code=code, name=f"基准防保站{code}", kind="township_station", township_code="BENCH-T"))
    db.session.flush()
    rng = random.Random(300)
    zone, today = ZoneInfo("Asia/Shanghai"), demo.utcnow().date()
    batch = demo.Batch(zone, "monthly")
    per_unit = max(1, records // RECORDS_PER_CHILD // len(UNITS))
    for i, code in enumerate(UNITS):
        miss, delay, sloppy = 0.004 + 0.002 * (i % 5), 3 + i % 6, 0.02 + 0.01 * (i % 4)
        spec = (per_unit, ("BV1", "BV2"), "bench", "基准护士", miss, delay, sloppy)
        for _ in range(per_unit):
            demo._child(batch, rng, code, spec, today, demo._id(rng))
    batch.flush()
    db.session.commit()
    return len(batch.records)


def settle(backend):
    """On PostgreSQL, what autovacuum does soon after a bulk load (statistics, and the visibility map that lets
    index-only scans skip the table): without it a freshly seeded county is read as no running county is."""
    if backend == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE records")


def best_of(n, fn, prepare=None):
    """The fastest of n runs of fn (seconds, each after an untimed `prepare()`) and the last result."""
    times, result = [], None
    for _ in range(n):
        if prepare is not None:
            prepare()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def commit_after(fn):
    """Run fn and commit, as a request does (the views it stored become visible to the next one)."""
    result = fn()
    db.session.commit()
    return result


def forget_views():
    """Drop every stored schedule view and measure (a cold start)."""
    db.session.execute(delete(ScheduleStatus))
    forget_measures()


def forget_measures():
    """Drop every stored measure (the views stay)."""
    db.session.execute(delete(StoredMeasure))
    db.session.commit()


_NURSE_TOKENS: dict = {}


def _isolated(send, *args, **kwargs):
    """A request in its own context (its own app context and db session), as in production."""
    return contextvars.Context().run(send, *args, **kwargs)
BENCH_PASSWORD = "Bench-2026-password!"


def _nurse_headers(client, unit: str) -> dict:
    """A device token of the unit's bench nurse (created on first use), as the phone holds one."""
    from webapp.services.accounts.users import create_user

    if unit not in _NURSE_TOKENS:
        create_user(f"bench-{unit.lower()}", BENCH_PASSWORD, "nurse", unit, "基准护士", actor="bench")
        db.session.commit()
        login = {"username": f"bench-{unit.lower()}", "password": BENCH_PASSWORD, "device_id": f"bench-{unit}",
                 "device_name": "bench"}
        resp = _isolated(client.post, "/api/v1/auth/token", json=login)
        assert resp.status_code == 201, resp.get_json()
        _NURSE_TOKENS[unit] = {"Authorization": f"Bearer {resp.get_json()['token']}"}
    return _NURSE_TOKENS[unit]


def touch_children(share: float):
    """A day of syncing: a new dose for `share` of the registry children, at random, pushed by each unit's nurse
    through POST /api/v1/sync/push (so the doses pass the API's validation, scope and reference rules)."""
    from tests.factories import vaccination_data

    rng, client, now = random.Random(len(UNITS)), current_app.test_client(), datetime.now(UTC).isoformat()
    children = db.session.execute(select(Record.id, Record.unit_code).where(
        Record.kind == "child", Record.unit_code.in_(UNITS)).order_by(Record.id)).all()
    by_unit = {}
    for child in rng.sample(children, max(1, int(len(children) * share))):
        data = vaccination_data(child.id, unit=child.unit_code, vaccine="HepA-L", dose=1, strategy="catch_up")
        by_unit.setdefault(child.unit_code, []).append({
            "kind": "vaccination", "id": str(uuid.uuid4()), "base_rev": None, "captured_at": now,
            "captured_by": f"bench-{child.unit_code.lower()}", "data": data})
    db.session.commit()
    for unit, items in sorted(by_unit.items()):
        headers = _nurse_headers(client, unit)
        for start in range(0, len(items), 500):
            body = {"device_id": f"bench-{unit}", "app_version": "bench", "schema_version": 1,
                    "items": items[start:start + 500]}
            resp = _isolated(client.post, "/api/v1/sync/push", json=body, headers=headers)
            assert resp.status_code == 200 and {r["status"] for r in resp.get_json()["results"]} == {"created"}, \
                resp.get_json()
    db.session.expire_all()


def count_pass():
    """The baseline: one grouped COUNT of the same records per unit and kind."""
    return db.session.execute(select(Record.unit_code, Record.kind, func.count()).where(
        Record.unit_code.in_(UNITS)).group_by(Record.unit_code, Record.kind)).all()


def engine_inputs():
    """A floor: every registry child's birth date and doses in any unit, as a cold computation reads them."""
    from webapp.services.scoring.rows import dose_histories

    children = db.session.execute(select(Record.id, Record.event_date).where(
        Record.kind == "child", Record.deleted.is_(False), Record.unit_code.in_(UNITS))).all()
    histories = dose_histories(UNITS, {c.id for c in children})
    return [(c.event_date, histories.get(c.id, ())) for c in children]


def engine_pass(inputs, day):
    """A floor: the national schedule engine's view of every registry child on one day (nothing read or stored)."""
    from webapp.domain.metrics.coverage import dose_status

    return [dose_status(birth, day, shots) for birth, shots in inputs if birth is not None and birth <= day]


def run(backend, size, tmp):
    """Seed one database and time both passes."""
    _NURSE_TOKENS.clear()  # the tokens of the previous database are not this one's (a 401 on PostgreSQL after SQLite)
    url, cleanup = database(backend, tmp)
    try:
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-" + "x" * 40, "ENV_NAME": "testing",
                          "TESTING": True, "TOKEN_RATE_LIMIT": "1000 per minute", "RATELIMIT_STORAGE_URI": "memory://"})
        with app.app_context():
            upgrade()
            start = time.perf_counter()
            stored = seed(size)
            settle(backend)
            seeded = time.perf_counter() - start
            from webapp.services.scoring.rubrics import get_template
            from webapp.services.scoring.scorecards import compute_many

            templates = [get_template("evaluation-standard"), get_template("county-plan-2014")]
            year = str(time.localtime().tm_year)
            count_s, _ = best_of(5, count_pass)  # and again after the states: the faster of the two runs
            score = lambda: commit_after(lambda: compute_many(templates, UNITS, year))  # noqa: E731
            cold_s, cards = best_of(2, score, prepare=forget_views)
            rows_s, _ = best_of(2, score, prepare=forget_measures)  # the last run stores them: warm next
            warm_s, _ = best_of(3, score)
            day_s, _ = best_of(2, score, prepare=lambda: touch_children(0.01))
            days_on = iter(county.today() + timedelta(days=n) for n in (1, 2))
            next_s, _ = best_of(2, lambda: commit_after(lambda: compute_many(templates, UNITS, year, next(days_on))))
            count_s = min(count_s, best_of(5, count_pass)[0])  # a busy moment of the machine is not the baseline
            read_s, inputs = best_of(3, engine_inputs)
            engine_s, _ = best_of(2, lambda: engine_pass(inputs, county.today()))
            cards_n = sum(len(v) for v in cards.values())
            times = {"cold": cold_s, "rows": rows_s, "warm": warm_s, "day": day_s, "next": next_s}
            print(f"{backend:10s} records {stored:7d} (seeded in {seeded:5.1f} s) | {cards_n} scorecards "
                  + ", ".join(f"{k} {v:6.2f} s" for k, v in times.items())
                  + f" | grouped count {count_s * 1000:7.1f} ms | ratio "
                  + ", ".join(f"{k} {v / count_s:6.1f}" for k, v in times.items()), flush=True)
            print(f"{backend:10s} cold floor, no scoring: reading every child's doses {read_s:5.2f} s "
                  f"(ratio {read_s / count_s:5.1f}), the engine on every child for one day {engine_s:5.2f} s "
                  f"(ratio {engine_s / count_s:5.1f}, {len(inputs)} children)", flush=True)
            db.session.remove()
            db.engine.dispose()
        return stored, times
    finally:
        cleanup()


def main():
    """Parse the arguments and run every backend × size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30000,300000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            results = [run(backend, size, tmp) for size in sizes]
            if len(results) > 1:
                (n0, t0), (n1, t1) = results[0], results[-1]
                print(f"{backend:10s} growth: records ×{n1 / n0:.1f} → scorecard time "
                      + ", ".join(f"{k} ×{t1[k] / t0[k]:.1f}" for k in t0), flush=True)

if __name__ == "__main__":
    main()

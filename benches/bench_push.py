"""Benchmark: push 10,000 records in batches of 500 to the real app under gunicorn, on SQLite and PostgreSQL.

The records are whole encounters (bench_support.encounter_batch): a child, its pre-check, the written consent with a
~10 KB PNG signature and the vaccination, each referring to the records before it, as a nurse's phone sends them.

For each backend it prints the app's records/s (one phone pushing its batches in order, as the PWA does) and,
measured in the same run on the same database, the limit for this work: marshmallow validation of the same
items plus one bulk INSERT of them into a plain table. The ratio app / limit is the figure to watch
(target: ≥ 5,000 records/s on SQLite, ratio ≥ 0.5).

    .venv/bin/python benches/bench_push.py [--records 10000] [--batch 500] [--backends sqlite,postgresql]
"""

import argparse
import json
import os
import time

import requests
from bench_support import BenchDatabase, Server, encounter_batch
from sqlalchemy import JSON, Column, MetaData, String, Table, create_engine


def push_all(base: str, device: dict, batches: list[list[dict]]) -> float:
    """Push every batch in order through the API; returns the seconds taken (all items must be created)."""
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {device['token']}", "Content-Type": "application/json"})
    bodies = [json.dumps({"device_id": device["device"], "app_version": "bench", "schema_version": 1,
                          "items": items}) for items in batches]  # the phone has its outbox ready to send
    start = time.perf_counter()
    for body in bodies:
        resp = session.post(base + "/api/v1/sync/push", data=body, timeout=300)
        resp.raise_for_status()
        statuses = {r["status"] for r in resp.json()["results"]}
        assert statuses == {"created"}, statuses
    return time.perf_counter() - start


def baseline(url: str, batches: list[list[dict]]) -> float:
    """Seconds to validate every item with its marshmallow schema and bulk-insert them into a plain table."""
    from webapp import create_app
    from webapp.schemas.records import schema_for
    from webapp.schemas.sync import PushItemSchema

    app = create_app({"DATABASE_URL": url, "ENV_NAME": "testing", "SECRET_KEY": "bench-" + "x" * 40})
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    table = Table("bench_plain_records", MetaData(), Column("id", String(36), primary_key=True),
                  Column("kind", String(32)), Column("captured_by", String(64)), Column("data", JSON))
    table.create(engine)
    envelope = PushItemSchema()
    try:
        with app.test_request_context():
            start = time.perf_counter()
            for items in batches:
                payload = json.loads(json.dumps(items))  # the same JSON parsing the app does
                rows = []
                for item in payload:
                    env = envelope.load(item)
                    schema_for(env["kind"]).load(env["data"])
                    rows.append({"id": item["id"], "kind": item["kind"], "captured_by": item["captured_by"],
                                 "data": item["data"]})
                with engine.begin() as conn:
                    conn.execute(table.insert(), rows)
            return time.perf_counter() - start
    finally:
        table.drop(engine)
        engine.dispose()


def run(backend: str, records: int, size: int, workers: int, rounds: int) -> None:
    """One backend: rounds of (the app under gunicorn, then the baseline on the same database), best of each."""
    app_times, limit_times = [], []
    with BenchDatabase(backend, devices=1) as db:
        device = db.tokens[0]
        server = Server(db.url, workers=workers, threads=1).start()
        try:
            push_all(server.base, device, [encounter_batch(device, 20)])  # warm up imports and caches
            for _ in range(rounds):  # alternate, so a burst of load on this shared machine hits both alike
                batches = [encounter_batch(device, size) for _ in range(records // size)]
                app_times.append(push_all(server.base, device, batches))
                limit_times.append(baseline(db.url, batches))
        finally:
            server.stop()
        stored = db.scalar("SELECT count(*) FROM records WHERE captured_by = :u", u=device["user"])
    n = records // size * size
    app_rate, limit_rate = n / min(app_times), n / min(limit_times)
    print(f"{backend:<10} app {app_rate:8.0f} records/s (best of {rounds} × {n}; stored {stored})   "
          f"limit (validate + bulk insert) {limit_rate:8.0f} records/s   ratio {app_rate / limit_rate:.2f}   "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


def main():
    """Parse arguments and run each backend."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers (one phone sends in order)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of app + limit; the best of each counts")
    args = parser.parse_args()
    for backend in args.backends.split(","):
        run(backend, args.records, args.batch, args.workers, args.rounds)


if __name__ == "__main__":
    main()

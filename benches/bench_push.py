"""Benchmark: push 10,000 records in batches of 500 to the real app under gunicorn, on SQLite and PostgreSQL.

The records are whole encounters (bench_support.encounter_batch): a child, its pre-check, the written consent with a
~10 KB PNG signature and the vaccination, each referring to the records before it, as a nurse's phone sends them.

For each backend it prints the app's records/s (one phone pushing its batches in order, as the PWA does) and,
measured in the same run on the same database, the limit for this work: marshmallow validation of the same
items plus one bulk INSERT of them into a plain table. The ratio app / limit is the figure to watch
(target: ≥ 5,000 records/s on SQLite, ratio ≥ 0.5).

`--compare REF` also runs the code of git commit REF (exported to a temporary directory) under a second gunicorn
on the same database, alternating old app, new app and limit in every round on the same data, so a change's
effect is measured under the same load.

    .venv/bin/python benches/bench_push.py [--records 10000] [--batch 500] [--backends sqlite,postgresql]
    .venv/bin/python benches/bench_push.py --compare HEAD~1 --rounds 4
"""

import argparse
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import requests
from bench_support import ROOT, BenchDatabase, Server, encounter_batch
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


TARGET_RATE, TARGET_RATIO = 5000, 0.5


@contextmanager
def checkout(ref: str):
    """The tree of git commit `ref` in a temporary directory, with this checkout's compiled translations."""
    with tempfile.TemporaryDirectory(prefix="immuqc-ref-") as tmp:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
        Path(tmp, "ref.tar").write_bytes(archive)
        with tarfile.open(Path(tmp, "ref.tar")) as tar:
            tar.extractall(Path(tmp, "tree"), filter="data")
        shutil.copytree(ROOT / "webapp/translations", Path(tmp, "tree/webapp/translations"), dirs_exist_ok=True)
        yield Path(tmp, "tree")


def run(backend: str, args, old_root: Path | None) -> None:
    """One backend: rounds of (old app, new app, the limit) on the same database and data; the best of each."""
    records, size = args.records, args.batch
    times = {"old": [], "new": [], "limit": []}
    with BenchDatabase(backend, devices=2) as db:
        roots = {"new": ROOT, **({"old": old_root} if old_root else {})}
        servers = {name: Server(db.url, workers=args.workers, threads=1, root=root).start()
                   for name, root in roots.items()}
        try:
            for server in servers.values():
                push_all(server.base, db.tokens[0], [encounter_batch(db.tokens[0], 20)])  # warm up imports and caches
            for turn in range(args.rounds):  # alternate, so a burst of load on this shared machine hits all alike
                order = list(servers) if turn % 2 == 0 else list(servers)[::-1]
                for name in order:  # equal batches (only ids vary), the old code's by a second nurse
                    device = db.tokens[0] if name == "new" else db.tokens[1]
                    batches = [encounter_batch(device, size) for _ in range(records // size)]
                    times[name].append(push_all(servers[name].base, device, batches))
                times["limit"].append(baseline(db.url, batches))
        finally:
            for server in servers.values():
                server.stop()
        stored = db.scalar("SELECT count(*) FROM records WHERE captured_by = :u", u=db.tokens[0]["user"])
    report(backend, records // size * size, times, stored, args.rounds)


def report(backend: str, n: int, times: dict, stored: int, rounds: int) -> None:
    """Print records/s of each code and the limit, the ratios, the targets and the load."""
    rate = {name: n / min(t) for name, t in times.items() if t}
    load = os.getloadavg()
    line = (f"{backend:<10} app {rate['new']:6.0f} records/s (best of {rounds} × {n}; stored {stored})   "
            f"limit (validate + bulk insert) {rate['limit']:6.0f} records/s   ratio {rate['new'] / rate['limit']:.2f}"
            f" (target ≥ {TARGET_RATIO}{', and ≥ 5,000 records/s' if backend == 'sqlite' else ''})")
    print(line)
    if "old" in rate:
        print(f"{'':<10} old code {rate['old']:6.0f} records/s, ratio {rate['old'] / rate['limit']:.2f}; "
              f"new / old {rate['new'] / rate['old']:.2f}   (each round: old, new, limit on the same items)")
    print(f"{'':<10} rounds s: " + "; ".join(f"{k} " + " ".join(f"{x:.2f}" for x in v) for k, v in times.items()
                                           if v) + f"   load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
          f"on {os.cpu_count()} CPUs (shared machine)")


def main():
    """Parse arguments and run each backend."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers (one phone sends in order)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of app + limit; the best of each counts")
    parser.add_argument("--compare", default=None, help="a git commit whose code runs beside this one")
    args = parser.parse_args()
    if args.compare:
        with checkout(args.compare) as old_root:
            for backend in args.backends.split(","):
                run(backend, args, old_root)
        return
    for backend in args.backends.split(","):
        run(backend, args, None)


if __name__ == "__main__":
    main()

"""Faults: SIGKILL gunicorn workers in the middle of pushes, and cut every database connection mid-push, while
the phones retry the very same batch; then count rows: exactly-once must hold.

Run: .venv/bin/python benches/faults.py --db postgresql [--kills 10 --cuts 5 --batch 200]
     .venv/bin/python benches/faults.py --db sqlite --cuts 0
"""

import argparse
import contextlib
import os
import random
import signal
import threading
import time

import psycopg
from bench_support import BenchDatabase, Device, Server, batch, exactly_once, exactly_once_line

ACCEPTED = ("created", "duplicate")


class Push(threading.Thread):
    """One phone pushing one batch in the background, retrying until it has verdicts."""

    def __init__(self, device, base, size):
        super().__init__(daemon=True)
        self.phone, self.items = Device(device, [base], max_retries=60), batch(device, size)
        self.sample = self.body = None

    def run(self):
        """Push until verdicts."""
        self.sample, self.body = self.phone.push(self.items)

    def statuses(self) -> list[str]:
        """The final verdicts ([] when none came)."""
        return [r["status"] for r in (self.body or {}).get("results", [])]


def kill_workers(server: Server) -> int:
    """SIGKILL every worker of the server (the one serving the push among them); the master respawns them."""
    pids = server.worker_pids()
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return len(pids)


def cut_connections(db: BenchDatabase) -> int:
    """Terminate every server connection to the bench database (as a PostgreSQL restart or failover would)."""
    with psycopg.connect(db.admin_url, autocommit=True) as conn:
        rows = conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                            "AND pid <> pg_backend_pid()", (db.url.rsplit("/", 1)[1],)).fetchall()
    return len(rows)


def calibrate(server, device, size) -> tuple[float, set]:
    """How long one push takes without faults (the faults land at a random moment inside that time)."""
    push = Push(device, server.base, size)
    push.run()
    return push.sample.seconds, {i["id"] for i in push.items}


def inject(kind, server, db, device, size, rng, tally, duration):
    """Start a push, wait a random moment into it, inject the fault, wait for the verdicts."""
    push = Push(device, server.base, size)
    push.start()
    time.sleep(rng.uniform(0.1, 0.95) * duration)
    if kind == "kill":
        tally["processes killed"] += kill_workers(server)
    else:
        tally["connections cut"] += cut_connections(db)
    push.join(timeout=300)
    statuses = push.statuses()
    tally["faults"] += 1
    tally["mid-push (client saw it and retried)"] += int(push.sample.retries > 0)
    tally["replies lost after commit (duplicate on retry)"] += int("duplicate" in statuses)
    tally["failed pushes"] += int(len(statuses) != size or any(s not in ACCEPTED for s in statuses))
    return {i["id"] for i in push.items}


def main():
    """Run the faults, stop the server, count rows, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--cuts", type=int, default=5)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    rng, tally, pushed = random.Random(args.seed), dict.fromkeys((
        "faults", "processes killed", "connections cut", "mid-push (client saw it and retried)",
        "replies lost after commit (duplicate on retry)", "failed pushes"), 0), set()
    plan = ["kill"] * args.kills + (["cut"] * args.cuts if args.db == "postgresql" else [])
    with BenchDatabase(args.db, 4) as db:
        server = Server(db.url, workers=4, threads=4).start()
        try:
            duration, pushed = calibrate(server, db.tokens[0], args.batch)
            for i, kind in enumerate(plan):
                pushed |= inject(kind, server, db, db.tokens[i % 4], args.batch, rng, tally, duration)
        finally:
            server.stop()
        check = exactly_once(db, pushed)
    print(f"faults: {args.db}, gunicorn 4 workers, {args.batch}-record pushes ({duration * 1000:.0f} ms each "
          f"unfaulted), {args.kills} worker SIGKILLs, {args.cuts if args.db == 'postgresql' else 0} connection cuts")
    for key, value in tally.items():
        print(f"  {key}: {value}")
    print(exactly_once_line(check))


if __name__ == "__main__":
    main()

"""Load: N simulated devices push M-record batches and pull, against gunicorn (4 workers) on PostgreSQL or SQLite.

Prints requests, errors, retries, p50/p95/p99 latency of pushes and pulls, records/s, and the exactly-once row
count. `--servers 2` runs two gunicorn servers on two loopback ports sharing the database, with Flask-Limiter's
storage in Redis, every device alternating between them; it also checks that the rate limit is shared.

Run: .venv/bin/python benches/load_sync.py --db postgresql [--devices 50 --batch 50 --rounds 4 --servers 1]
     .venv/bin/python benches/load_sync.py --db sqlite
     .venv/bin/python benches/load_sync.py --db postgresql --servers 2 --redis redis://127.0.0.1:6379
"""

import argparse
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests
from bench_support import BenchDatabase, Device, Server, batch, exactly_once, exactly_once_line, percentile

ACCEPTED = ("created", "duplicate")


def run_device(device: dict, bases: list[str], rounds: int, size: int) -> tuple[list, set, int, Counter]:
    """One phone: `rounds` × (push a batch, pull); returns samples, accepted ids, item errors, retry reasons."""
    phone, accepted, bad = Device(device, bases), set(), 0
    samples = phone.pull()  # the first sync brings the reference data
    for _ in range(rounds):
        items = batch(device, size)
        sample, body = phone.push(items)
        samples.append(sample)
        for result in (body or {}).get("results", []):
            if result["status"] in ACCEPTED:
                accepted.add(result["id"])
            else:
                bad += 1
        samples += phone.pull()
    return samples, accepted, bad, phone.retry_reasons


def shared_limit_check(servers: list[Server]) -> str:
    """12 bad sign-ins alternating between the servers: with a shared limiter (10/min) the last two get 429."""
    body = {"username": "nobody", "password": "wrong-password", "device_id": "x", "device_name": "x"}
    codes = [requests.post(servers[i % 2].base + "/api/v1/auth/token", json=body, timeout=10).status_code
             for i in range(12)]
    shared = codes[:10].count(429) == 0 and codes[10:] == [429, 429]
    return f"token limit across both servers: {codes.count(401)}×401 then {codes[10:]} → " + (
        "shared (Redis)" if shared else "NOT shared")


def report(args, samples, accepted, bad, wall, check, extra):
    """Print the figures."""
    pushes = [s for s in samples if s.kind == "push"]
    pulls = [s for s in samples if s.kind == "pull"]
    errors = sum(1 for s in samples if s.status != 200) + bad
    retries = sum(s.retries for s in samples)
    print(f"load_sync: {args.db}, {args.servers} server(s) × {args.workers} workers × {args.threads} threads, "
          f"{args.devices} devices × {args.rounds} rounds × {args.batch}-record batches")
    print(f"requests: {len(pushes)} pushes + {len(pulls)} pulls = {len(samples)}; errors {errors} "
          f"(item verdicts other than created/duplicate: {bad}); retries {retries}")
    for name, group in (("push", pushes), ("pull", pulls)):
        ms = [s.seconds * 1000 for s in group]
        print(f"{name} latency ms: p50 {percentile(ms, 50):.0f}  p95 {percentile(ms, 95):.0f}  "
              f"p99 {percentile(ms, 99):.0f}  max {max(ms):.0f}")
    print(f"records: {len(accepted)} accepted in {wall:.1f} s → {len(accepted) / wall:.0f} records/s")
    print(exactly_once_line(check))
    for line in extra:
        print(line)


def main():
    """Set up, run the devices, stop the servers, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--servers", type=int, choices=(1, 2), default=1)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--redis", default=None, help="RATELIMIT_STORAGE_URI (default: memory, or Redis for 2)")
    args = parser.parse_args()
    storage = args.redis or ("redis://127.0.0.1:6379" if args.servers == 2 else "memory://")
    env = {"RATELIMIT_STORAGE_URI": storage, "BENCH_RATELIMIT_PREFIX": f"immuqc-bench-{uuid.uuid4().hex[:8]}"}
    with BenchDatabase(args.db, args.devices) as db:
        servers = [Server(db.url, args.workers, args.threads, env) for _ in range(args.servers)]
        try:
            for server in servers:
                server.start()
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.devices) as pool:
                runs = list(pool.map(lambda d: run_device(d, [s.base for s in servers], args.rounds, args.batch),
                                     db.tokens))
            wall = time.perf_counter() - start
            extra = [shared_limit_check(servers)] if args.servers == 2 else []
        finally:
            for server in servers:
                server.stop()
        samples = [s for run in runs for s in run[0]]
        accepted = set().union(*(run[1] for run in runs))
        reasons = sum((run[3] for run in runs), Counter())
        extra.append(f"retried because of: {dict(reasons) or 'nothing'}")
        logs = "".join(s.log_path.read_text(errors="replace") for s in servers)
        extra.append(f"access log: {logs.count('/api/v1/sync/')} sync lines, query strings logged: "
                     f"{'cursor=' in logs}, storage {storage}")
        report(args, samples, accepted, sum(run[2] for run in runs), wall, exactly_once(db, accepted), extra)


if __name__ == "__main__":
    main()

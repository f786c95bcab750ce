"""Profile the push path in one process (issue 25): where the server's time goes for a batch of children + pre-checks.

Pushes `--batches` batches of `--batch` items through the Flask test client on a throwaway database under
cProfile, and prints the share of the push spent in validation, planning, the database writes and the rest,
then the top functions by own time.

    .venv/bin/python benches/profile_push.py [--db sqlite|postgresql] [--batches 10] [--batch 500] [--top 25]
"""

import argparse
import cProfile
import json
import os
import pstats
import time

from bench_support import BenchDatabase, batch

PHASES = {  # share of the push inside these functions (cumulative time, from the profile)
    "validate_item (marshmallow)": ("pipeline.py", "validate_item"),
    "load_view (reads)": ("view.py", "load_view"),
    "Planner.plan (verdicts)": ("plan.py", "plan"),
    "Writes.flush (bulk writes)": ("write.py", "flush"),
    "commit": ("session.py", "commit"),
}


def push(client, device, items) -> None:
    """One push through the test client; every item must be created."""
    body = json.dumps({"device_id": device["device"], "app_version": "bench", "schema_version": 1, "items": items})
    resp = client.post("/api/v1/sync/push", data=body, content_type="application/json",
                       headers={"Authorization": f"Bearer {device['token']}"})
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert {r["status"] for r in resp.get_json()["results"]} == {"created"}


def cumulative(stats: pstats.Stats, file_end: str, name: str) -> float:
    """Cumulative seconds of the functions called `name` in files ending with `file_end`."""
    return sum(row[3] for (path, _line, func), row in stats.stats.items() if path.endswith(file_end) and func == name)


def main():
    """Set up, profile, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--env", default="production", help="ENV_NAME (production: as gunicorn runs it)")
    args = parser.parse_args()
    from webapp import create_app

    with BenchDatabase(args.db, devices=1) as db:
        device = db.tokens[0]
        app = create_app({"DATABASE_URL": db.url, "ENV_NAME": args.env, "SECRET_KEY": "bench-" + "x" * 40,
                          "RATELIMIT_ENABLED": False})
        client = app.test_client()
        push(client, device, batch(device, 20))
        batches = [batch(device, args.batch) for _ in range(args.batches)]
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        for items in batches:
            push(client, device, items)
        profiler.disable()
        wall = time.perf_counter() - start
    stats = pstats.Stats(profiler)
    total = cumulative(stats, "sync.py", "push") or wall
    n = args.batches * args.batch
    print(f"profile_push: {args.db}, {n} records in {wall:.2f} s under cProfile ({n / wall:.0f} records/s, "
          f"profiled — slower than unprofiled); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for label, (file_end, name) in PHASES.items():
        secs = cumulative(stats, file_end, name)
        print(f"  {label:<30} {secs:6.2f} s  {100 * secs / total:5.1f} % of the push view")
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()

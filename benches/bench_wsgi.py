"""gunicorn entry point for the benchmarks: the real app with a rate limit sized for one client machine that
simulates many devices (every simulated phone shares 127.0.0.1, which the per-IP limit would otherwise throttle)."""

import os

from webapp import create_app

app = create_app({
    "API_RATE_LIMIT": os.environ.get("BENCH_API_RATE_LIMIT", "1000000 per minute"),
    "RATELIMIT_KEY_PREFIX": os.environ.get("BENCH_RATELIMIT_PREFIX", "immuqc-bench"),
})

"""gunicorn entry point for the benchmarks: the real app with a rate limit sized for one client machine that
simulates many devices (every simulated phone shares 127.0.0.1, which the per-IP limit would otherwise throttle).

BENCH_REPLY_DELAY_S (fault tests only) holds each push's reply that long after the app has returned it, so after
its commit: the window in which tests/test_faults_gunicorn.py kills a worker before the phone hears back.
"""

import os
import time

from webapp import create_app

app = create_app({
    "API_RATE_LIMIT": os.environ.get("BENCH_API_RATE_LIMIT", "1000000 per minute"),
    "RATELIMIT_KEY_PREFIX": os.environ.get("BENCH_RATELIMIT_PREFIX", "immuqc-bench"),
})


class DelayedPushReply:
    """WSGI middleware: a push's reply leaves `seconds` after the app committed and returned it."""

    def __init__(self, wsgi_app, seconds: float):
        self.wsgi_app, self.seconds = wsgi_app, seconds

    def __call__(self, environ, start_response):
        """Run the app, then wait before handing the body to gunicorn (which sends nothing before it)."""
        body = self.wsgi_app(environ, start_response)
        if environ.get("PATH_INFO") == "/api/v1/sync/push":
            time.sleep(self.seconds)
        return body


if float(os.environ.get("BENCH_REPLY_DELAY_S", "0")) > 0:
    app.wsgi_app = DelayedPushReply(app.wsgi_app, float(os.environ["BENCH_REPLY_DELAY_S"]))

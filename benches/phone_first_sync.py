"""Benchmark: a nurse's first sync on a slow phone (issue 25): Chromium with 4× CPU throttling and Fast 3G.

Serves the app on a loopback port (the database of benches/bench_pull.py: the demo county with 100 signed consents
of ~11 KB in U01; it is made when missing), opens the phone app at 360 px in Debian's Chromium with CDP network
conditions (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up) and CPU throttling ×4, and times:
- sign-in → the home screen shows a finished sync and the registry finds a child by name (target ≤ 30 s, aim 15 s);
- a second nurse of the same unit on the same phone, from her sign-in to the same point (target ≤ 3 s).
Prints each run and the median, with the machine's load average beside it (the figures move with the load).

    .venv/bin/python benches/phone_first_sync.py [--runs 3] [--database /tmp/bench_pull.sqlite]
"""

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("ENV_NAME", "development")  # the app refuses to start without one (issue 24)
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CONTEXT = {"viewport": {"width": 360, "height": 740}, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}
FAST_3G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
PASSWORD = "Demo-2026!"


def serve(database: Path):
    """The app on a free loopback port, in a thread."""
    from webapp import create_app

    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "RATELIMIT_ENABLED": False})
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def slow_phone(page):
    """CDP: Fast 3G and a CPU four times slower, on this page."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", FAST_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})


def sign_in_until_searchable(page, base: str, username: str, child_name: str, fresh: bool = True) -> float:
    """Seconds from tapping sign-in to a finished sync and the registry finding child_name."""
    if fresh:
        page.goto(f"{base}/app/#/signin")
    page.wait_for_selector("#signin-form")
    page.fill("#signin-form [name=username]", username)
    page.fill("#signin-form [name=password]", PASSWORD)
    page.fill("#signin-form [name=pin]", "1234")
    start = time.perf_counter()
    page.click("#signin-form button[type=submit]")
    page.wait_for_function("() => !/从未|never/.test(document.querySelector('#home-last')?.textContent || '从未')",
                           timeout=600_000)
    page.goto(f"{base}/app/#/children")
    page.fill("#child-search", child_name)
    page.wait_for_function("n => [...document.querySelectorAll('#child-list strong')].some(s => s.textContent === n)",
                           arg=child_name, timeout=600_000)
    return time.perf_counter() - start


def one_run(base: str, child_name: str) -> tuple[float, float]:
    """(first nurse, second nurse) seconds on one fresh phone profile."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, **CONTEXT)
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        page.goto(f"{base}/app/")
        page.evaluate("() => navigator.serviceWorker.ready")  # the shell is installed before the clock starts
        slow_phone(page)
        first = sign_in_until_searchable(page, base, "demo-nurse", child_name)
        page.goto(f"{base}/app/#/users")
        page.click("#add-user")  # a second nurse on the same phone: the first one's records stay
        second = sign_in_until_searchable(page, base, "demo-nurse2", child_name, fresh=False)
        ctx.close()
    return first, second


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database", type=Path, default=Path("/tmp/bench_pull.sqlite"))
    args = parser.parse_args()
    if not args.database.exists():
        subprocess.run([sys.executable, str(ROOT / "benches" / "bench_pull.py"), "--database", str(args.database)],
                       check=True)
    from sqlalchemy import create_engine, text

    with create_engine(f"sqlite:///{args.database}").connect() as conn:
        child_name = conn.execute(text("SELECT json_extract(data, '$.name') FROM records WHERE kind = 'child' "
                                       "AND unit_code = 'U01' ORDER BY change_seq DESC LIMIT 1")).scalar()
    server, base = serve(args.database)
    try:
        runs = []
        for n in range(args.runs):
            first, second = one_run(base, child_name)
            runs.append((first, second))
            print(f"run {n + 1}: first nurse {first:6.1f} s, second nurse {second:5.1f} s "
                  f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        print(f"median: first nurse {statistics.median(r[0] for r in runs):.1f} s (target ≤ 30 s, aim 15 s), "
              f"second nurse {statistics.median(r[1] for r in runs):.1f} s (target ≤ 3 s)")
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()

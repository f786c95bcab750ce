"""PWA budget figures: shell size (gzipped), save-tap-to-outbox time in the browser, Lighthouse scores.

Run: `.venv/bin/python benches/pwa_budget.py` (after `make pwa`). Starts the app on a throwaway SQLite database on a
free loopback port, drives Debian's Chromium with Playwright, runs Lighthouse (mobile) on the home and encounter
pages with a signed-in profile, prints every figure with its budget, and stops everything it started.
Budgets: shell JS+CSS ≤ 60 KB gzipped; save → outbox ≤ 50 ms; performance ≥ 90, accessibility ≥ 95,
best practices ≥ 95. Exit code 1 when a budget is missed.
"""

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: import the repo's webapp
DIST = ROOT / "pwa" / "dist"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CONTEXT = {"viewport": {"width": 360, "height": 740}, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}
PASSWORD = "Demo-2026!"
SAVES = 30


def gz_kb(path: Path) -> float:
    """Gzipped size of a file in KB."""
    return len(gzip.compress(path.read_bytes(), 9)) / 1024


def shell_size() -> dict:
    """Gzipped sizes of the shell's JS and CSS (and the service worker, reported apart)."""
    js, css, sw = gz_kb(DIST / "app.js"), gz_kb(DIST / "app.css"), gz_kb(DIST / "sw.js")
    return {"app.js": js, "app.css": css, "shell": js + css, "sw.js": sw}


def start_server(tmp: Path):
    """The app on a fresh SQLite database with the demo organisation, in a thread."""
    from flask_migrate import upgrade

    from webapp import create_app
    from webapp.demo.seed import seed_demo
    from webapp.extensions import db

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite'}", "SECRET_KEY": "bench-" + "x" * 40,
                      "TOKEN_RATE_LIMIT": "1000/minute", "RATELIMIT_STORAGE_URI": "memory://", "ENV_NAME": "testing"})
    with app.app_context():
        upgrade()
        seed_demo(org_only=True)
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def sign_in(page, base):
    """Sign in online with a PIN and wait for the first sync."""
    page.goto(f"{base}/app/")
    page.fill("#signin-form [name=username]", "demo-nurse")
    page.fill("#signin-form [name=password]", PASSWORD)
    page.fill("#signin-form [name=pin]", "1234")
    page.click("#signin-form button[type=submit]")
    page.wait_for_function("() => !/从未/.test(document.querySelector('#home-last')?.textContent || '从未')")


def register(page, base, name):
    """Register one child; returns the save → outbox time the app measured (ms)."""
    page.goto(f"{base}/app/#/child-new")
    page.wait_for_selector("#child-form")
    page.evaluate("performance.clearMeasures('save-to-outbox'); performance.clearMarks()")
    page.fill("#child-form [name=name]", name)
    page.click("#child-form .opt:has(input[name=sex][value=M])")
    page.fill("#child-form [name=birth_date]", "2026-06-01")
    page.click("#save-child")
    page.wait_for_selector("#precheck-form")
    return page.evaluate("performance.getEntriesByName('save-to-outbox').at(-1).duration")


def prepare_profile(profile: Path, base: str) -> tuple[list[float], str]:
    """Sign in inside a persistent profile, time SAVES saves offline, and return (times, a child id)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, **CONTEXT)
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        sign_in(page, base)
        page.evaluate("() => navigator.serviceWorker.ready")
        ctx.set_offline(True)  # time the save itself, not a sync racing it
        times = [register(page, base, f"测试儿童{i}") for i in range(SAVES)]
        child = page.evaluate("new URLSearchParams(location.hash.split('?')[1]).get('child')")
        ctx.set_offline(False)
        page.goto(f"{base}/app/#/home")
        page.click("#home-sync")
        page.wait_for_function("() => document.querySelector('#home-pending')?.textContent === '0'", timeout=60000)
        ctx.close()
    return times, child


def lighthouse(url: str, profile: Path, out: Path, marker: str) -> dict:
    """Lighthouse (mobile, default throttling) on a URL with the signed-in profile; category scores × 100."""
    flags = " ".join(["--headless=new", f"--user-data-dir={profile}", *ARGS])
    cmd = [str(ROOT / "pwa" / "node_modules" / ".bin" / "lighthouse"), url, f"--chrome-flags={flags}",
           "--disable-storage-reset", "--only-categories=performance,accessibility,best-practices",
           "--output=json", f"--output-path={out}", "--quiet"]
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    report = json.loads(out.read_text())
    scores = {k: round((v["score"] or 0) * 100) for k, v in report["categories"].items()}
    failing = [a["title"] for a in report["audits"].values()
               if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"]
    # proof that the audited page is the signed-in page itself, not the sign-in screen
    return {"scores": scores, "failing": failing[:8], "saw_page": marker in out.read_text(encoding="utf-8")}


def main() -> int:
    """Measure, print, and say whether every budget holds."""
    if not (DIST / "index.html").is_file():
        print("pwa/dist is missing: run `make pwa` first", file=sys.stderr)
        return 2
    ok = True
    size = shell_size()
    print(f"shell gzipped: app.js {size['app.js']:.1f} KB + app.css {size['app.css']:.1f} KB = {size['shell']:.1f} KB "
          f"(budget 60 KB); service worker {size['sw.js']:.1f} KB")
    ok &= size["shell"] <= 60
    out_dir = ROOT / "benches" / "out"
    out_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        server, base = start_server(tmp)
        try:
            times, child = prepare_profile(tmp / "profile", base)
            median, p95 = statistics.median(times), sorted(times)[int(len(times) * 0.95) - 1]
            print(f"save tap → outbox ({len(times)} saves): median {median:.1f} ms, p95 {p95:.1f} ms, "
                  f"max {max(times):.1f} ms (budget 50 ms)")
            ok &= p95 <= 50
            pages = (("home", "home", "同步状态"), ("encounter", f"encounter?child={child}", "precheck-form"))
            for name, route, marker in pages:
                result = lighthouse(f"{base}/app/#/{route}", tmp / "profile", out_dir / f"lighthouse-{name}.json",
                                    marker)
                s = result["scores"]
                print(f"lighthouse {name}: performance {s['performance']}, accessibility {s['accessibility']}, "
                      f"best practices {s['best-practices']} (budget 90/95/95)"
                      + ("" if result["saw_page"] else " — WARNING: the report does not show the page itself")
                      + (f"; failing audits: {result['failing']}" if result["failing"] else ""))
                ok &= s["performance"] >= 90 and s["accessibility"] >= 95 and s["best-practices"] >= 95
        finally:
            server.shutdown()
    print("budget:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

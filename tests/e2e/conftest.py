"""Browser tests: a live Flask server (werkzeug, a thread, a free loopback port) and Debian's Chromium.

Like every database test, each browser test runs on SQLite and on PostgreSQL; `_app` is overridden here only to
relax the token rate limit (the tests sign in many times).
"""

import subprocess
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server
from werkzeug.wsgi import ClosingIterator

from tests import dbsetup
from tests.conftest import migrated_app
from tests.e2e.netcut import NetCut

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PWA = Path(__file__).resolve().parents[2] / "pwa"
# Playwright's errors when Chromium does not start or dies while a context is being made, matched by
# pytest-rerunfailures against "ExceptionType: message": the only failures a browser test is run again for.
BROWSER_START_UP_ERRORS = [
    r"^(Error|TimeoutError|TargetClosedError): BrowserType\.launch(_persistent_context)?: ",
    r"^(Error|TargetClosedError): Browser\.new_context: Target page, context or browser has been closed",
]


def pytest_collection_modifyitems(items):
    """A browser test whose Chromium failed to start is run again up to twice (a loaded 2-core machine); a
    failed assertion, a JavaScript error or a timeout inside the test is never rerun. Each rerun is listed
    (R) in the run's summary (`-rR` in pyproject's addopts)."""
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.flaky(reruns=2, reruns_delay=1, only_rerun=BROWSER_START_UP_ERRORS))


@pytest.fixture(scope="session", params=dbsetup.BACKENDS)
def _app(request, tmp_path_factory):
    """One migrated app per backend for the browser tests, with a relaxed token rate limit."""
    yield from migrated_app(request.param, tmp_path_factory.mktemp(f"e2e-{request.param}"),
                            TOKEN_RATE_LIMIT="1000/minute")


@pytest.fixture(scope="session")
def built_pwa():
    """The built app (make setup builds it; build here when a developer has not)."""
    if not (PWA / "dist" / "index.html").is_file():
        subprocess.run(["npm", "run", "build", "--silent"], cwd=PWA, check=True)
    return PWA / "dist"


@pytest.fixture
def app_server(app, demo_org, built_pwa):
    """The app served on a free loopback port in a thread; stopped after the test. Every request it handles is
    noted in `steps.SERVER` (the "server received nothing" guards of the offline tests measure here, at the
    server, not at the proxy)."""
    from tests.e2e import steps

    steps.SERVER.clear()

    def noting(environ, start_response):
        steps.SERVER.begin(environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""))
        try:
            return ClosingIterator(app(environ, start_response), steps.SERVER.end)
        except BaseException:
            steps.SERVER.end()
            raise
    server = make_server("127.0.0.1", 0, noting, threaded=True)
    ended = server.shutdown_request  # called once for every connection the server accepted, when it ends

    def ending(request):
        try:
            ended(request)
        finally:
            steps.SERVER.connection_ended()
    server.shutdown_request = ending
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield ("127.0.0.1", server.server_port)
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def net(app_server):
    """The switchable network cut between Chromium and the app server (`net.down()`, `net.up()`)."""
    cut = NetCut(app_server)
    yield cut
    cut.close()


@pytest.fixture
def live_server(net):
    """The origin the browser uses: the network cut's, so the pages and the service worker go through it."""
    return net.origin


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright itself (skips when Chromium is not installed and CI is not set)."""
    if not Path(CHROMIUM).exists():
        if dbsetup.in_ci():
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)", pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """Debian's Chromium, headless."""
    b = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield b
    b.close()


CONTEXT = {"viewport": {"width": 360, "height": 740}, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def context(browser):
    """A fresh browser profile (its own IndexedDB and service worker) per test."""
    ctx = browser.new_context(**CONTEXT)
    ctx.set_default_timeout(20000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page whose JavaScript errors fail the test."""
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    assert not errors, errors

"""What a nurse does in the app, as reusable steps for the browser tests."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tests.conftest import DEMO_PASSWORD
from webapp.extensions import db
from webapp.models import Record, RecordRevision

TZ = ZoneInfo("Asia/Shanghai")
SETTLE_S = 30  # the longest a request the server began before a cut may take to end
PUSH = ("POST", "/api/v1/sync/push")


class ServerLog:
    """What the live app server handled in this test: (method, path) of every request, and how many are running."""

    def __init__(self):
        self.requests: list = []
        self.running = 0
        self.connections_ended = 0
        self._cond = threading.Condition()

    def clear(self):
        with self._cond:
            self.requests.clear()
            self.running = 0
            self.connections_ended = 0

    def connection_ended(self):
        with self._cond:
            self.connections_ended += 1
            self._cond.notify_all()

    def begin(self, method, path):
        with self._cond:
            self.requests.append((method, path))
            self.running += 1

    def end(self):
        with self._cond:
            self.running -= 1
            self._cond.notify_all()

    def settle(self, net):
        """After a cut: wait until the server has ended every connection the cut ever opened to it (so a request
        whose bytes passed before the cut is logged before the mark, not after it) and no request is running."""
        with self._cond:
            assert self._cond.wait_for(lambda: self.connections_ended >= net.opened and self.running <= 0,
                                       timeout=SETTLE_S), "the server never ended the connections of the cut"


SERVER = ServerLog()


def mark() -> int:
    """A mark in the server's log: how many requests it has handled so far in this test."""
    return len(SERVER.requests)


def since(mark_: int) -> list:
    """The requests the server handled after the mark."""
    return SERVER.requests[mark_:]


def assert_server_received_nothing(since_mark: int):
    """Nothing reached the app server since the mark: not one request of any kind (while the network is cut the
    phone's pushes, pulls and the service worker's fetches all end at the cut), measured at the server."""
    arrived = since(since_mark)
    assert arrived == [], f"{len(arrived)} request(s) reached the server while the network was cut: {arrived}"


def cut(net, context=None) -> int:
    """Cut the network (every connection closed, new ones refused) and return the mark for the guards. With
    `context`, Chromium is also told it is offline (navigator.onLine false, the 离线 label, Background Sync held):
    that is on top of the real cut, never instead of it."""
    net.down()
    if context is not None:
        context.set_offline(True)
        tried = net.tried_offline = []  # what the phone asked of the network while it knew it was offline
        context.on("request", lambda r: "/api/" in r.url and tried.append(f"{r.method} {r.url}"))
    SERVER.settle(net)
    return mark()


def restore(net, since_mark: int, context=None):
    """Reconnect: first the guard (the server received nothing while cut), then the network is back (and, with
    `context`, Chromium is told so; the `online` event and Background Sync then fire)."""
    assert_server_received_nothing(since_mark)
    if context is not None:  # Chromium knew it was offline: the phone (pages and service worker) must not even try
        assert net.tried_offline == [], f"the phone tried the network while it knew it was offline: {net.tried_offline}"
    net.up()
    if context is not None:
        context.set_offline(False)


def watch_errors(page) -> list:
    """The page's JavaScript errors, collected (for pages opened outside the `page` fixture); assert it is empty."""
    errors: list = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def count(page, which):
    """A number from the home page (pending, fixing, conflicts)."""
    page.wait_for_selector(f"#home-{which}")
    return int(page.text_content(f"#home-{which}"))


def go(page, base, route):
    """Open a page of the app by its route."""
    page.goto(f"{base}/app/#/{route}")


def sign_in(page, base, username="demo-nurse", pin="1234", *, fresh=True):
    """Sign in online (setting the offline PIN) and wait for the first sync to finish."""
    if fresh:
        page.goto(f"{base}/app/")
    page.wait_for_selector("#signin-form")
    page.fill("#signin-form [name=username]", username)
    page.fill("#signin-form [name=password]", DEMO_PASSWORD)
    page.fill("#signin-form [name=pin]", pin)
    page.click("#signin-form button[type=submit]")
    page.wait_for_selector("#home-pending")
    wait_synced(page)


def wait_synced(page, pending=0):
    """Wait until the home page shows `pending` records left and a successful sync."""
    page.wait_for_function("n => document.querySelector('#home-pending')?.textContent === String(n)", arg=pending,
                           timeout=30000)
    page.wait_for_function("() => !/从未|never/.test(document.querySelector('#home-last')?.textContent || '从未')",
                           timeout=30000)


def wait_worker(page):
    """Wait until the service worker is active (the shell is precached) and controls the page."""
    page.evaluate("() => navigator.serviceWorker.ready")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)


def sync_now(page, base):
    """Go home and tap sync."""
    go(page, base, "home")
    page.click("#home-sync")


def register_child(page, base, name, birth_date):
    """Register a child; lands on the encounter's pre-check."""
    go(page, base, "child-new")
    page.fill("#child-form [name=name]", name)
    page.click("#child-form .opt:has(input[name=sex][value=F])")
    page.fill("#child-form [name=birth_date]", birth_date)
    page.fill("#child-form [name=guardian_name]", "王芳")
    page.click("#save-child")
    page.wait_for_selector("#precheck-form")


def precheck(page):
    """Pre-check: all no, 36.6 ℃, the first due dose, vaccinate; lands on the informed notice."""
    page.click("#all-no")
    page.fill("#precheck-form [name=temperature_c]", "36.6")
    page.locator("#precheck-form input[name=planned]").first.check()
    page.click("#precheck-form .opt:has(input[name=decision][value=vaccinate])")
    page.click("#save-precheck")
    page.wait_for_selector("#consent-form")


def consent(page):
    """The notice: every item informed, agreed, a stroke signed; lands on the vaccination form."""
    for box in page.locator("#consent-form input[name=informed]").all():
        box.check()
    page.click("#consent-form .opt:has(input[name=decision][value=agree])")
    pad = page.locator("#signature").bounding_box()
    page.mouse.move(pad["x"] + 20, pad["y"] + 30)
    page.mouse.down()
    page.mouse.move(pad["x"] + 200, pad["y"] + 90, steps=10)
    page.mouse.up()
    page.click("#save-consent")
    page.wait_for_selector("#vaccination-form")


def encounter(page):
    """Pre-check (all no, 36.6 ℃, first due dose) → notice signed → vaccination; ends on the done screen."""
    precheck(page)
    consent(page)
    page.fill("#vaccination-form [name='v0.lot_no']", "202611A")
    page.fill("#vaccination-form [name='v0.manufacturer']", "北京天坛生物")
    page.select_option("#vaccination-form [name='v0.site']", "left_deltoid")
    page.click("#save-vaccination")
    page.wait_for_selector("#enc-done")


def receive(page, base, vaccine, lot, expiry, doses=20):
    """A receipt of a lot on the phone's stock page; waits until the lot is listed as held."""
    go(page, base, "stock")
    page.wait_for_selector("#stock-form")
    page.select_option("#stock-form [name=kind]", "receive")
    page.select_option("#stock-form [name=vaccine]", vaccine)
    page.fill("#stock-form [name=lot_no]", lot)
    page.fill("#stock-form [name=manufacturer]", "北京天坛生物")
    page.fill("#stock-form [name=expiry_date]", expiry)
    page.fill("#stock-form [name=doses]", str(doses))
    page.click("#save-stock")
    page.wait_for_selector(f"#stock-held li[data-lot='{lot}']")


def cold_reading(page, base, equipment_code, celsius, action=None):
    """A temperature reading of an appliance on the phone's cold-chain page, taken now; lands on home."""
    go(page, base, "cold-chain")
    page.wait_for_selector("#cold-form")
    page.select_option("#cold-form [name=equipment_code]", equipment_code)
    page.fill("#cold-form [name=celsius]", str(celsius))
    if action:
        page.fill("#cold-form [name=action]", action)
    page.click("#save-reading")
    page.wait_for_selector("#home-pending")


def aefi_last_month(page, base):
    """An AEFI report for a person not in the registry, vaccinated and ill last month (so this month can be zero)."""
    now = datetime.now(TZ)
    first = now.replace(day=1, hour=9, minute=0, second=0, microsecond=0)
    given = first - timedelta(days=10)
    go(page, base, "aefi")
    page.wait_for_selector("#aefi-form")
    page.fill("#aefi-form [name=name]", "刘小宝")
    page.click("#aefi-form .opt:has(input[name=sex][value=M])")
    page.fill("#aefi-form [name=birth_date]", (given - timedelta(days=400)).date().isoformat())
    page.fill("#aefi-form [name='m.vaccine']", "MMR")
    page.fill("#aefi-form [name='m.manufacturer']", "上海生物")
    page.fill("#aefi-form [name='m.lot_no']", "MMR2610")
    page.fill("#aefi-form [name='m.vaccinated_on']", given.date().isoformat())
    page.fill("#aefi-form [name='m.dose']", "1")
    page.fill("#aefi-form [name=onset_at]", (given + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#aefi-form [name=discovered_at]", (given + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#aefi-form [name=course]", "接种后第二天发热 38.5℃，口服退热药后好转")
    page.select_option("#aefi-form [name=fever_grade]", "2")
    page.click("#aefi-form .opt:has(input[name=hospitalized][value=no])")
    page.select_option("#aefi-form [name=outcome]", "recovered")
    page.click("#aefi-form .opt:has(input[name=serious][value=no])")
    page.select_option("#aefi-form [name=preliminary_class]", "general_reaction")
    page.click("#save-aefi")
    page.wait_for_selector("#home-pending")


def zero_report(page, base):
    """Zero report for the current month: tap, then confirm."""
    go(page, base, "zero")
    page.click("#zero-submit")
    page.click("#zero-confirm")
    page.wait_for_selector("#zero-submit[disabled]")


def server_records(kind=None):
    """Records the server stored (fresh from the database)."""
    db.session.rollback()  # end any earlier read transaction (SQLite WAL snapshot), then read fresh
    query = select(Record)
    if kind:
        query = query.where(Record.kind == kind)
    return list(db.session.execute(query).scalars())


def revisions_of(record_id):
    """Every stored revision of a record."""
    db.session.rollback()  # end any earlier read transaction (SQLite WAL snapshot), then read fresh
    return list(db.session.execute(select(RecordRevision).where(RecordRevision.record_id == record_id)).scalars())


def this_month():
    """The current monthly period in the county's zone."""
    return datetime.now(TZ).strftime("%Y-%m")

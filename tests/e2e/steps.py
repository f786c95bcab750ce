"""What a nurse does in the app, as reusable steps for the browser tests."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tests.conftest import DEMO_PASSWORD
from webapp.extensions import db
from webapp.models import Record, RecordRevision

TZ = ZoneInfo("Asia/Shanghai")
RECEIVED: list = []  # (method, path) of every request the live server received in this test
PUSH = ("POST", "/api/v1/sync/push")


def pushes() -> int:
    """How many push requests the live server has received so far in this test."""
    return RECEIVED.count(PUSH)


def assert_server_received_nothing(since: int):
    """Nothing left the phone since the mark: no push request reached the server and it stores no record."""
    assert pushes() == since, f"{pushes() - since} push request(s) reached the server while the phone was offline"
    assert server_records() == []


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

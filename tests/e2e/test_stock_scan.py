"""Scanning a vaccine pack on the phone's stock receipt: a real GS1 DataMatrix (drawn by bwip-js) read through
"scan from a photo" and through Chromium's fake camera fills the lot, expiry and trace code, and the receipt reaches
the server with them."""

import subprocess
from datetime import date, timedelta

import pytest

from tests.e2e import steps
from tests.e2e.conftest import ARGS, CHROMIUM, CONTEXT, PWA

pytestmark = pytest.mark.e2e

PHOTO = PWA / "test" / "fixtures" / "gs1-datamatrix.png"
PACK = "(01)06901234567892(17)281130(10)HB2611A(21)0000123"  # pwa/tools/scan-fixtures.mjs


def _filled(page):
    """Wait until a scan has filled the form: the toast saying what was filled comes after the fields are set (the
    sheet closes before: the phone's earlier movements are read in between)."""
    page.wait_for_selector("#scanner", state="detached")
    return page.wait_for_selector("#toast:has-text('已填入')", state="attached").text_content()


def _scanned_receipt_is_saved_and_synced(page, base, vaccine="HepB"):
    """After a scan: the form holds the pack's lot, expiry and code; the nurse adds the rest, saves and syncs."""
    _filled(page)
    assert page.input_value("#stock-form [name=lot_no]") == "HB2611A"
    assert page.input_value("#stock-form [name=expiry_date]") == "2028-11-30"
    assert page.input_value("#stock-form [name=trace_code]") == PACK
    page.select_option("#stock-form [name=vaccine]", vaccine)
    page.fill("#stock-form [name=manufacturer]", "北京天坛生物")
    page.fill("#stock-form [name=doses]", "20")
    page.click("#save-stock")
    page.wait_for_selector("#stock-held li[data-lot='HB2611A']")
    steps.sync_now(page, base)
    steps.wait_synced(page)
    [receipt] = steps.server_records("stock_movement")
    assert {k: receipt.data[k] for k in ("kind", "vaccine", "lot_no", "expiry_date", "trace_code", "doses")} == {
        "kind": "receive", "vaccine": vaccine, "lot_no": "HB2611A", "expiry_date": "2028-11-30", "trace_code": PACK,
        "doses": 20}


def _precached(page):
    """The paths under /app/ the service worker's precache holds, without their revision query."""
    return page.evaluate("""async () => {
      const names = [];
      for (const key of await caches.keys()) {
        for (const req of await (await caches.open(key)).keys()) names.push(new URL(req.url).pathname);
      }
      return names; }""")


def _loaded(page):
    """The scanner's files the page has fetched so far (its chunks and the WebAssembly reader)."""
    return page.evaluate("() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)"
                         ".filter((n) => /scan-into|ponyfill|zxing_reader/.test(n))")


def test_a_pack_scanned_from_a_photo_fills_the_receipt_that_reaches_the_server(page, live_server):
    steps.sign_in(page, live_server)
    steps.wait_worker(page)
    precached = _precached(page)  # the scanner works offline: its chunks and WebAssembly are in the precache
    assert "/app/wasm/zxing_reader.wasm" in precached
    assert any("/chunks/ponyfill-" in p for p in precached) and any("/chunks/scan-into-" in p for p in precached)
    steps.go(page, live_server, "stock")
    page.wait_for_selector("#scan-stock")
    assert _loaded(page) == []  # not part of the shell: nothing of the scanner is loaded before the first tap
    page.click("#scan-stock")
    page.wait_for_selector("#scanner label[for=scan-photo]", state="visible")  # the photo: offered, camera or not
    page.set_input_files("#scan-photo", str(PHOTO))
    _scanned_receipt_is_saved_and_synced(page, live_server)


@pytest.fixture
def camera_page(playwright_driver, tmp_path):
    """A page in a Chromium whose camera films the pack (a Y4M made by the fixture tool), camera allowed."""
    video = tmp_path / "pack.y4m"
    subprocess.run(["node", "tools/scan-fixtures.mjs", "--y4m", str(video)], cwd=PWA, check=True)
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=[
        *ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"])
    context = browser.new_context(**CONTEXT, permissions=["camera"])
    context.set_default_timeout(20000)
    page = context.new_page()
    errors = steps.watch_errors(page)
    yield page
    browser.close()
    assert not errors, errors


def test_a_pack_held_to_the_camera_fills_the_receipt_that_reaches_the_server(camera_page, live_server):
    page = camera_page
    steps.sign_in(page, live_server)
    steps.go(page, live_server, "stock")
    page.click("#scan-stock")
    _scanned_receipt_is_saved_and_synced(page, live_server)


def _scan_at_the_hepb_dose(page, base, received_as):
    """The pack is received by scanning (as `received_as`), with another HepB lot held; a newborn's HepB dose is
    reached and the pack scanned into it."""
    steps.sign_in(page, base)
    steps.go(page, base, "stock")
    page.click("#scan-stock")
    page.set_input_files("#scan-photo", str(PHOTO))
    _scanned_receipt_is_saved_and_synced(page, base, received_as)
    steps.receive(page, base, "HepB", "HB2610", "2028-10-31")
    steps.register_child(page, base, "钱小禾", (date.today() - timedelta(days=1)).isoformat())
    steps.precheck(page)
    steps.consent(page)
    assert "乙肝" in page.text_content("#vaccination-form fieldset legend")
    page.click("#scan-v0")
    page.set_input_files("#scan-photo", str(PHOTO))
    page.wait_for_selector("#scanner", state="detached")


def test_a_pack_scanned_at_the_dose_fills_it_and_picks_its_held_lot(page, live_server):
    _scan_at_the_hepb_dose(page, live_server, "HepB")
    _filled(page)
    assert page.input_value("#vaccination-form [name='v0.held']") == "HB2611A"
    assert page.input_value("#vaccination-form [name='v0.lot_no']") == "HB2611A"
    assert page.input_value("#vaccination-form [name='v0.expiry_date']") == "2028-11-30"
    assert page.input_value("#vaccination-form [name='v0.manufacturer']") == "北京天坛生物"


def test_a_pack_known_as_another_vaccine_is_refused_at_the_dose(page, live_server):
    _scan_at_the_hepb_dose(page, live_server, "BCG")
    assert "卡介苗" in page.wait_for_selector("#toast.toast-error").text_content()
    assert page.input_value("#vaccination-form [name='v0.lot_no']") == ""
    assert page.input_value("#vaccination-form [name='v0.held']") == ""


def test_a_reader_that_cannot_be_loaded_says_so_and_the_form_is_typed_by_hand(browser, live_server):
    """The WebAssembly reader cannot be fetched (offline before the app cached it; here the service worker is blocked
    so the request reaches the network and is refused): the sheet says the scanner could not be loaded instead of
    searching forever, and cancel returns to the form, untouched."""
    context = browser.new_context(**CONTEXT, service_workers="block")
    context.set_default_timeout(20000)
    page = context.new_page()
    errors = steps.watch_errors(page)
    page.route("**/wasm/zxing_reader.wasm", lambda route: route.abort())
    steps.sign_in(page, live_server)
    steps.go(page, live_server, "stock")
    page.click("#scan-stock")
    page.set_input_files("#scan-photo", str(PHOTO))
    page.wait_for_selector("#scan-status:has-text('扫码组件无法加载')")
    page.click("#scan-cancel")
    page.wait_for_selector("#scanner", state="detached")
    assert page.input_value("#stock-form [name=lot_no]") == ""
    context.close()
    assert not errors, errors


def test_a_traceability_code_carries_no_lot_but_scanned_again_brings_back_the_lot_received_with_it(page, live_server):
    code128 = PWA / "test" / "fixtures" / "trace-code128.png"  # 追溯码 81234560000012345678
    steps.sign_in(page, live_server)
    steps.go(page, live_server, "stock")
    page.click("#scan-stock")
    page.set_input_files("#scan-photo", str(code128))
    assert "不含批号" in _filled(page)
    assert page.input_value("#stock-form [name=trace_code]") == "81234560000012345678"
    assert page.input_value("#stock-form [name=lot_no]") == ""
    page.select_option("#stock-form [name=vaccine]", "MMR")
    page.fill("#stock-form [name=lot_no]", "MMR2611")
    page.fill("#stock-form [name=manufacturer]", "北京天坛生物")
    page.fill("#stock-form [name=expiry_date]", "2028-05-31")
    page.fill("#stock-form [name=doses]", "10")
    page.click("#save-stock")
    page.wait_for_selector("#stock-held li[data-lot='MMR2611']")

    page.select_option("#stock-form [name=kind]", "issue")  # the same box, scanned again to issue it
    page.click("#scan-stock")
    page.set_input_files("#scan-photo", str(code128))
    _filled(page)
    form = {name: page.input_value(f"#stock-form [name={name}]")
            for name in ("vaccine", "lot_no", "manufacturer", "expiry_date", "trace_code")}
    assert form == {"vaccine": "MMR", "lot_no": "MMR2611", "manufacturer": "北京天坛生物", "expiry_date": "2028-05-31",
                    "trace_code": "81234560000012345678"}

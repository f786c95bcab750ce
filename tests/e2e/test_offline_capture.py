"""Scenarios 1 and 2: capture offline, survive reloads and browser restarts, sync each record exactly once."""

from datetime import date, timedelta

import pytest

from tests.e2e import steps
from tests.e2e.conftest import ARGS, CHROMIUM, CONTEXT

pytestmark = pytest.mark.e2e


def test_offline_encounter_aefi_and_zero_report_survive_reload_and_sync_exactly_once(page, net, live_server):
    """The network is really cut while Chromium believes it is online (a signal bar, no internet): the phone tries
    to sync after every save, each try ends at the cut, and nothing is lost or sent twice."""
    steps.sign_in(page, live_server)
    steps.wait_worker(page)
    mark = steps.cut(net)
    steps.register_child(page, live_server, "陈小雨", (date.today() - timedelta(days=2)).isoformat())
    steps.encounter(page)
    steps.aefi_last_month(page, live_server)
    steps.zero_report(page, live_server)
    steps.go(page, live_server, "home")
    assert steps.count(page, "pending") == 6
    page.reload()
    assert steps.count(page, "pending") == 6
    steps.go(page, live_server, "children")
    page.wait_for_selector("#child-list li.card:has-text('陈小雨')")
    steps.restore(net, mark)  # the guard first: the server received nothing while cut
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    kinds = sorted(r.kind for r in steps.server_records())
    assert kinds == ["aefi_report", "aefi_zero_report", "child", "consent", "precheck", "vaccination"]
    for record in steps.server_records():
        assert record.captured_by == "demo-nurse"
        assert len(steps.revisions_of(record.id)) == 1
    consent = steps.server_records("consent")[0]
    assert consent.data["signature"].startswith("data:image/png;base64,")
    assert consent.data["method"] == "written" and len(consent.data["informed"]) == 5
    vaccination = steps.server_records("vaccination")[0]
    assert vaccination.data["consent_id"] == consent.id and vaccination.data["lot_no"] == "202611A"
    assert steps.server_records("aefi_zero_report")[0].data["period"] == steps.this_month()


def test_unsynced_records_survive_closing_the_browser_and_sync_after_reopening(playwright_driver, net, live_server,
                                                                             tmp_path):
    """The records are saved behind the cut, the browser closed and started again (its pending Background Sync
    fires at start-up and ends at the cut), then the network returns and each record reaches the server once."""
    profile = tmp_path / "profile"
    ctx = playwright_driver.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, **CONTEXT)
    page = ctx.pages[0] if ctx.pages else ctx.new_page()
    errors = steps.watch_errors(page)
    steps.sign_in(page, live_server)
    steps.wait_worker(page)
    mark = steps.cut(net)
    steps.register_child(page, live_server, "周小满", (date.today() - timedelta(days=30)).isoformat())
    steps.zero_report(page, live_server)
    steps.go(page, live_server, "home")
    assert steps.count(page, "pending") == 2
    steps.assert_server_received_nothing(mark)  # before the close: the records are still only on the phone
    ctx.close()
    assert errors == []

    ctx = playwright_driver.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, **CONTEXT)
    try:
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        errors = steps.watch_errors(page)
        steps.go(page, live_server, "home")  # still cut: the shell comes from the service worker's cache
        assert steps.count(page, "pending") == 2
        steps.restore(net, mark)  # the guard first: nothing left the restarted browser while cut
        steps.sync_now(page, live_server)
        steps.wait_synced(page)
        records = steps.server_records()
        assert sorted(r.kind for r in records) == ["aefi_zero_report", "child"]
        assert all(len(steps.revisions_of(r.id)) == 1 for r in records)
        assert errors == []
    finally:
        ctx.close()


def test_outbox_exported_to_a_file_is_imported_on_a_wiped_phone_and_synced_once(browser, page, context, net,
                                                                                 live_server, tmp_path):
    steps.sign_in(page, live_server)
    mark = steps.cut(net)
    steps.register_child(page, live_server, "冯小可", (date.today() - timedelta(days=45)).isoformat())
    steps.go(page, live_server, "transfer")
    with page.expect_download() as download:
        page.click("#export-outbox")
    backup = tmp_path / "outbox.json"
    download.value.save_as(backup)
    steps.assert_server_received_nothing(mark)  # before the close: only the file carries the record
    context.close()  # the phone's site data is cleared: the record lives on only in the file
    steps.restore(net, mark)

    wiped = browser.new_context(**CONTEXT)  # the same phone after its site data was cleared
    try:
        fresh = wiped.new_page()
        errors = steps.watch_errors(fresh)
        steps.sign_in(fresh, live_server)
        steps.go(fresh, live_server, "transfer")
        assert steps.server_records("child") == []  # before the import: the server has not seen the record
        fresh.set_input_files("#import-file", str(backup))
        fresh.wait_for_selector("#toast:has-text('已导入 1 条')")
        fresh.set_input_files("#import-file", str(backup))
        fresh.wait_for_selector("#toast:has-text('已导入 0 条')")
        steps.sync_now(fresh, live_server)
        steps.wait_synced(fresh)
        assert errors == []
    finally:
        wiped.close()
    (child,) = steps.server_records("child")
    assert child.data["name"] == "冯小可" and len(steps.revisions_of(child.id)) == 1

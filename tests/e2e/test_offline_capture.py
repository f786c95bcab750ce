"""Scenarios 1 and 2: capture offline, survive reloads and browser restarts, sync each record exactly once."""

from datetime import date, timedelta

import pytest

from tests.e2e import steps
from tests.e2e.conftest import ARGS, CHROMIUM, CONTEXT

pytestmark = pytest.mark.e2e


def test_offline_encounter_aefi_and_zero_report_survive_reload_and_sync_exactly_once(page, context, live_server):
    steps.sign_in(page, live_server)
    steps.wait_worker(page)
    context.set_offline(True)
    mark = steps.pushes()
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
    steps.assert_server_received_nothing(since=mark)

    context.set_offline(False)
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


def test_unsynced_records_survive_closing_the_browser_and_sync_after_reopening(playwright_driver, live_server,
                                                                             tmp_path):
    profile = tmp_path / "profile"
    ctx = playwright_driver.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, **CONTEXT)
    page = ctx.pages[0] if ctx.pages else ctx.new_page()
    errors = steps.watch_errors(page)
    steps.sign_in(page, live_server)
    steps.wait_worker(page)
    ctx.set_offline(True)
    mark = steps.pushes()
    steps.register_child(page, live_server, "周小满", (date.today() - timedelta(days=30)).isoformat())
    steps.zero_report(page, live_server)
    steps.go(page, live_server, "home")
    assert steps.count(page, "pending") == 2
    steps.assert_server_received_nothing(since=mark)  # before the close: the records are still only on the phone
    ctx.close()
    assert errors == []

    ctx = playwright_driver.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, **CONTEXT)
    try:
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        errors = steps.watch_errors(page)
        steps.go(page, live_server, "home")
        steps.wait_synced(page)
        assert sorted(r.kind for r in steps.server_records()) == ["aefi_zero_report", "child"]
        assert errors == []
    finally:
        ctx.close()


def test_outbox_exported_to_a_file_is_imported_on_a_wiped_phone_and_synced_once(browser, page, context, live_server,
                                                                                 tmp_path):
    steps.sign_in(page, live_server)
    context.set_offline(True)
    mark = steps.pushes()
    steps.register_child(page, live_server, "冯小可", (date.today() - timedelta(days=45)).isoformat())
    steps.go(page, live_server, "transfer")
    with page.expect_download() as download:
        page.click("#export-outbox")
    backup = tmp_path / "outbox.json"
    download.value.save_as(backup)
    steps.assert_server_received_nothing(since=mark)  # before the import: only the file carries the record

    wiped = browser.new_context(**CONTEXT)  # the same phone after its site data was cleared
    try:
        fresh = wiped.new_page()
        errors = steps.watch_errors(fresh)
        steps.sign_in(fresh, live_server)
        steps.go(fresh, live_server, "transfer")
        fresh.set_input_files("#import-file", str(backup))
        fresh.wait_for_selector("#toast:has-text('已导入 1 条')")
        fresh.set_input_files("#import-file", str(backup))
        fresh.wait_for_selector("#toast:has-text('已导入 0 条')")
        steps.sync_now(fresh, live_server)
        steps.wait_synced(fresh)
        assert errors == []
    finally:
        wiped.close()
    assert [r.data["name"] for r in steps.server_records("child")] == ["冯小可"]

"""Scenarios 3–6: server errors, a revoked token, a rejected record, and two nurses sharing one phone."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.e2e import steps
from tests.factories import add_record
from webapp.dbtypes import utcnow
from webapp.extensions import db
from webapp.models import DeviceToken

pytestmark = pytest.mark.e2e


def _birth(days):
    return (date.today() - timedelta(days=days)).isoformat()


def test_server_errors_lose_nothing_and_records_sync_after_recovery(page, context, live_server):
    steps.sign_in(page, live_server)
    failures = []

    def fail(route):
        failures.append(route.request.url)
        route.fulfill(status=500, content_type="application/problem+json", body='{"title": "boom", "status": 500}')

    context.route("**/api/v1/sync/push", fail)
    steps.register_child(page, live_server, "吴小星", _birth(60))
    steps.zero_report(page, live_server)
    steps.sync_now(page, live_server)
    page.wait_for_function("() => (document.querySelector('#home-result')?.textContent || '').includes('服务器')")
    assert failures
    assert steps.count(page, "pending") == 2
    assert steps.server_records() == []

    context.unroute("**/api/v1/sync/push")
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    records = steps.server_records()
    assert sorted(r.kind for r in records) == ["aefi_zero_report", "child"]
    assert all(len(steps.revisions_of(r.id)) == 1 for r in records)


def test_revoked_token_asks_to_sign_in_keeps_the_outbox_and_syncs_after_signing_in(page, net, live_server):
    steps.sign_in(page, live_server)
    mark = steps.cut(net)
    steps.register_child(page, live_server, "郑小安", _birth(90))
    for row in db.session.execute(select(DeviceToken)).scalars():
        row.revoked_at = utcnow()
    db.session.commit()

    steps.restore(net, mark)
    steps.sync_now(page, live_server)
    page.wait_for_selector("#banners .banner-warn button")
    assert "demo-nurse" in page.text_content("#banners")
    assert steps.count(page, "pending") == 1
    page.click("#banners .banner-warn button")
    page.wait_for_selector("#signin-form")
    assert page.input_value("#signin-form [name=username]") == "demo-nurse"
    page.fill("#signin-form [name=password]", "Demo-2026!")
    page.click("#signin-form button[type=submit]")
    page.wait_for_selector("#home-pending")
    steps.wait_synced(page)
    assert [r.data["name"] for r in steps.server_records("child")] == ["郑小安"]
    assert page.locator("#banners .banner-warn").count() == 0


def test_rejected_record_is_listed_with_the_chinese_field_error_fixed_and_resent(page, live_server):
    steps.sign_in(page, live_server)
    period = steps.this_month()
    add_record("aefi_zero_report", {"unit_code": "U01", "period": period, "attested_by": "demo-nurse2",
                                    "attested_at": datetime.now(steps.TZ).isoformat(timespec="seconds")},
               captured_by="demo-nurse2")
    db.session.commit()

    steps.zero_report(page, live_server)
    steps.sync_now(page, live_server)
    page.wait_for_function("() => document.querySelector('#home-fixing')?.textContent === '1'")
    steps.go(page, live_server, "fixing")
    form = page.locator("#fixing-list form.fix-item")
    assert "本单位该周期已有零报告" in form.text_content()
    assert "报告期" in form.text_content()
    first = date.today().replace(day=1) - timedelta(days=1)
    form.locator("[name=period]").fill(first.strftime("%Y-%m"))
    form.locator("button[type=submit]").click()
    steps.go(page, live_server, "home")
    steps.wait_synced(page)
    assert steps.count(page, "fixing") == 0
    mine = [r for r in steps.server_records("aefi_zero_report") if r.captured_by == "demo-nurse"]
    assert [r.period or r.data["period"] for r in mine] == [first.strftime("%Y-%m")]


def test_two_nurses_on_one_browser_each_record_is_attributed_to_its_author(page, net, live_server):
    steps.sign_in(page, live_server, "demo-nurse", "1111")
    steps.go(page, live_server, "users")
    page.click("#add-user")
    steps.sign_in(page, live_server, "demo-nurse2", "2222", fresh=False)
    mark = steps.cut(net)
    steps.register_child(page, live_server, "李甲", _birth(100))

    steps.go(page, live_server, "users")
    page.click("#switch-user")
    page.wait_for_selector("#unlock-form")
    page.click("#unlock-form .opt:has(input[value=demo-nurse])")
    page.fill("#unlock-form [name=unlock_pin]", "0000")
    page.click("#unlock-form button[type=submit]")
    page.wait_for_selector("#unlock-form .error:not([hidden])")
    page.fill("#unlock-form [name=unlock_pin]", "1111")
    page.click("#unlock-form button[type=submit]")
    page.wait_for_selector("#home-pending")
    steps.register_child(page, live_server, "王乙", _birth(120))

    steps.restore(net, mark)
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    by_name = {r.data["name"]: r for r in steps.server_records("child")}
    assert by_name["李甲"].captured_by == "demo-nurse2"
    assert by_name["王乙"].captured_by == "demo-nurse"
    assert [rev.pushed_by for rev in steps.revisions_of(by_name["李甲"].id)] == ["demo-nurse2"]
    assert [rev.pushed_by for rev in steps.revisions_of(by_name["王乙"].id)] == ["demo-nurse"]


def test_a_server_that_needs_a_newer_app_gets_nothing_lost_and_the_nurse_is_told_to_update(page, app, live_server):
    steps.sign_in(page, live_server)
    app.config.update(SYNC_MIN_SCHEMA_VERSION=2, SYNC_SCHEMA_VERSION=2)  # the server now refuses version 1 (426)
    try:
        steps.register_child(page, live_server, "冯小禾", _birth(30))
        steps.sync_now(page, live_server)
        page.wait_for_function("() => (document.querySelector('#home-result')?.textContent || '').includes('更新')")
        assert steps.count(page, "pending") == 1 and steps.server_records() == []
    finally:
        app.config.update(SYNC_MIN_SCHEMA_VERSION=1, SYNC_SCHEMA_VERSION=1)
    steps.sync_now(page, live_server)  # the server accepts the phone's version again: the record goes once
    steps.wait_synced(page)
    (child,) = steps.server_records("child")
    assert child.data["name"] == "冯小禾" and len(steps.revisions_of(child.id)) == 1

"""A report the county returned reaches the phone as a task, is fixed offline and stored as a new revision."""

import pytest

from tests.e2e import steps
from tests.factories import add_record, aefi_report_data, aefi_review_data
from webapp.extensions import db

pytestmark = pytest.mark.e2e


def test_returned_aefi_report_is_a_task_fixed_and_resent_as_revision_two(page, net, live_server):
    report = add_record("aefi_report", aefi_report_data(), captured_by="demo-nurse")
    add_record("aefi_review", aefi_review_data(report.id, status="returned", return_reason="请补充就诊单位"),
               captured_by="demo-county")
    db.session.commit()
    report_id = report.id
    steps.sign_in(page, live_server)
    steps.go(page, live_server, "tasks")
    page.wait_for_selector("#task-list li.card:has-text('请补充就诊单位')")

    mark = steps.cut(net)
    page.click("#task-list li.card button")
    page.wait_for_selector("#aefi-form")
    assert page.input_value("#aefi-form [name=name]") == "李小红"
    page.fill("#aefi-form [name=clinic]", "林西镇卫生院")
    page.click("#save-aefi")
    page.wait_for_selector("#home-pending")
    assert steps.count(page, "pending") == 1

    steps.restore(net, mark)
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    stored = next(r for r in steps.server_records("aefi_report") if r.id == report_id)
    assert stored.rev == 2
    assert stored.data["clinic"] == "林西镇卫生院"
    assert stored.data["vaccines"][0]["route"] == "IM"
    assert [rev.rev for rev in steps.revisions_of(report_id)] == [1, 2]


def test_conflicting_edit_is_shown_side_by_side_and_my_version_wins_when_chosen(page, context, live_server):
    from sqlalchemy import update

    from tests.factories import content_hash
    from webapp.dbtypes import utcnow
    from webapp.models import Record, RecordRevision

    first = aefi_report_data()
    report = add_record("aefi_report", first, captured_by="demo-nurse")
    add_record("aefi_review", aefi_review_data(report.id, status="returned", return_reason="请补充就诊单位"),
               captured_by="demo-county")
    report_id = report.id
    db.session.commit()
    steps.sign_in(page, live_server)
    steps.go(page, live_server, "tasks")
    page.wait_for_selector("#task-list li.card:has-text('请补充就诊单位')")

    # meanwhile the server got a second revision from elsewhere (a write transaction from the start: no stale read)
    db.session.rollback()
    theirs = {**first, "diagnosis": "发热（县级更正）"}
    db.session.execute(update(Record).where(Record.id == report_id)
                       .values(data=theirs, rev=2, content_hash=content_hash(theirs)))
    db.session.add(RecordRevision(record_id=report_id, rev=2, data=theirs, content_hash=content_hash(theirs),
                                  captured_at=utcnow(), captured_by="demo-nurse", pushed_by="demo-nurse",
                                  device_id="other-device"))
    db.session.commit()

    page.click("#task-list li.card button")
    page.fill("#aefi-form [name=clinic]", "林西镇卫生院")
    page.click("#save-aefi")
    page.wait_for_function("() => document.querySelector('#home-conflicts')?.textContent === '1'")
    steps.go(page, live_server, "conflicts")
    card = page.locator(f"section[data-id='{report_id}']")
    assert "发热（县级更正）" in card.text_content() and "林西镇卫生院" in card.text_content()
    card.locator("button.primary").click()
    steps.go(page, live_server, "home")
    page.wait_for_function("() => document.querySelector('#home-conflicts')?.textContent === '0'")
    steps.wait_synced(page)
    final = next(r for r in steps.server_records("aefi_report") if r.id == report_id)
    assert final.rev == 3 and final.data["clinic"] == "林西镇卫生院"

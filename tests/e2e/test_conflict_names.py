"""A conflict shows both versions as people read them: labels and vaccine names, never codes or field keys."""

import pytest
from sqlalchemy import update

from tests.e2e import steps
from tests.factories import add_record, aefi_report_data, aefi_review_data, content_hash
from webapp.dbtypes import utcnow
from webapp.extensions import db
from webapp.models import Record, RecordRevision

pytestmark = pytest.mark.e2e


def test_a_conflicting_aefi_edit_shows_labels_not_codes(page, live_server):
    first = aefi_report_data()
    report = add_record("aefi_report", first, captured_by="demo-nurse")
    add_record("aefi_review", aefi_review_data(report.id, status="returned", return_reason="请补充就诊单位"),
               captured_by="demo-county")
    report_id = report.id
    db.session.commit()
    steps.sign_in(page, live_server)
    steps.go(page, live_server, "tasks")
    page.wait_for_selector("#task-list li.card:has-text('请补充就诊单位')")
    db.session.rollback()
    theirs = {**first, "outcome": "improved", "preliminary_class": "pending"}
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
    text = page.locator(f"section[data-id='{report_id}']").text_content()
    assert "好转" in text and "痊愈" in text and "待定" in text and "一般反应" in text
    for code in ("improved", "recovered", "general_reaction", "preliminary_class"):
        assert code not in text

"""A reporter cannot change an AEFI report the county is investigating or has closed: rejected with the reason."""

import pytest

from tests.factories import aefi_report_data, aefi_review_data, push_item
from tests.sync_client import sync as sync_fixture
from webapp.models import Record

sync = sync_fixture


def _reviewed(sync, status):
    case = push_item("aefi_report", aefi_report_data())
    assert sync.statuses([case]) == ["created"]
    extra = {"return_reason": "请补充体温"} if status == "returned" else {}
    review = push_item("aefi_review", aefi_review_data(case["id"], status=status, **extra), captured_by="demo-county")
    assert sync.statuses([review], user="demo-county") == ["created"]
    return case


@pytest.mark.parametrize("status", ["investigating", "closed"])
def test_a_reporters_change_to_a_report_under_investigation_or_closed_is_rejected(sync, db, status):
    case = _reviewed(sync, status)
    edit = dict(case, base_rev=1, data={**case["data"], "course": "补充：体温已恢复正常。"})
    result = sync.results([edit])[0]
    assert result["status"] == "rejected" and list(result["errors"]) == ["id"]
    db.session.expire_all()
    row = db.session.get(Record, case["id"])
    assert row.rev == 1 and row.state == status


def test_a_returned_report_can_still_be_corrected(sync, db):
    case = _reviewed(sync, "returned")
    edit = dict(case, base_rev=1, data={**case["data"], "course": "补充：体温已恢复正常。"})
    assert sync.statuses([edit]) == ["updated"]

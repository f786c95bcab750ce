"""POST /api/v1/sync/push: every per-item status with its exact body, order, in-batch references, replays."""

import pytest

from tests.factories import (
    aefi_report_data,
    child_data,
    consent_data,
    new_id,
    precheck_data,
    push_body,
    push_item,
    vaccination_data,
)
from webapp.models import Record, RecordRevision


@pytest.fixture
def push(client, token_for):
    """Push items as a user; returns the response."""
    headers = {}

    def send(items, user="demo-nurse", device_id="dev-1", **body):
        if user not in headers:
            headers[user] = token_for(user, device_id)
        return client.post("/api/v1/sync/push", json=push_body(items, device_id=device_id, **body),
                           headers=headers[user])
    return send


def results(resp):
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["results"]


def test_new_record_is_created_with_rev_1(push, db):
    item = push_item("child", child_data())
    assert results(push([item])) == [{"id": item["id"], "status": "created", "rev": 1}]
    db.session.expire_all()
    stored = db.session.get(Record, item["id"])
    assert stored.data == item["data"] and stored.unit_code == "U01" and stored.child_id == item["id"]
    assert stored.change_seq is not None


def test_replayed_push_is_a_duplicate_not_a_second_record(push, db):
    item = push_item("child", child_data())
    push([item])
    assert results(push([item])) == [{"id": item["id"], "status": "duplicate", "rev": 1}]
    assert db.session.query(Record).count() == 1 and db.session.query(RecordRevision).count() == 1


def test_edit_on_the_current_rev_is_updated_and_keeps_both_revisions(push, db):
    item = push_item("child", child_data())
    push([item])
    edit = dict(item, base_rev=1, data=child_data(name="王晓明"))
    assert results(push([edit])) == [{"id": item["id"], "status": "updated", "rev": 2}]
    db.session.expire_all()
    assert db.session.get(Record, item["id"]).data["name"] == "王晓明"
    assert sorted(r.rev for r in db.session.query(RecordRevision).all()) == [1, 2]


def test_edit_on_an_old_rev_is_a_conflict_with_the_current_version(push, db):
    item = push_item("child", child_data())
    push([item])
    push([dict(item, base_rev=1, data=child_data(name="王晓明"))])
    stale = dict(item, base_rev=1, data=child_data(name="王小名"))
    assert results(push([stale])) == [{"id": item["id"], "status": "conflict", "rev": 2, "current": {
        "kind": "child", "id": item["id"], "rev": 2, "data": child_data(name="王晓明")}}]


def test_same_id_other_content_without_base_rev_is_a_conflict(push):
    item = push_item("child", child_data())
    push([item])
    other = dict(item, data=child_data(name="赵六"))
    res = results(push([other]))[0]
    assert res["status"] == "conflict" and res["current"]["data"] == item["data"]


def test_invalid_item_is_rejected_with_field_paths_and_others_are_stored(push, db):
    good = push_item("child", child_data())
    bad = push_item("precheck", precheck_data(good["id"], planned=[{"vaccine": "HepB"}], temperature_c="37"))
    res = results(push([bad, good]))
    assert res[0] == {"id": bad["id"], "status": "rejected",
                      "errors": {"planned.0.dose": ["必填字段"], "temperature_c": ["应为数字"]}}
    assert res[1]["status"] == "created"
    assert db.session.query(Record).count() == 1


def test_unknown_parent_is_deferred_naming_the_field(push, db):
    missing = new_id()
    item = push_item("precheck", precheck_data(missing))
    assert results(push([item])) == [{"id": item["id"], "status": "deferred",
                                      "errors": {"child_id": [f"引用的记录尚未收到：{missing}"]}}]
    assert db.session.query(Record).count() == 0


def test_a_record_may_reference_one_earlier_in_the_same_push(push):
    child = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(child["id"]))
    con = push_item("consent", consent_data(child["id"], pre["id"]))
    vac = push_item("vaccination", vaccination_data(child["id"], precheck_id=pre["id"], consent_id=con["id"]))
    assert [r["status"] for r in results(push([child, pre, con, vac]))] == ["created"] * 4


def test_order_matters_a_child_after_its_precheck_defers_the_precheck(push):
    child = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(child["id"]))
    assert [r["status"] for r in results(push([pre, child]))] == ["deferred", "created"]
    assert [r["status"] for r in results(push([pre]))] == ["created"]


def test_aefi_report_with_onset_before_vaccination_is_rejected(push):
    item = push_item("aefi_report", aefi_report_data(onset_hours=-24 * 10, discovered_at=None))
    item["data"].pop("discovered_at")
    item["data"]["discovered_at"] = item["data"]["reported_at"]
    res = results(push([item]))[0]
    assert res["status"] == "rejected" and res["errors"]["onset_at"] == ["发病时间不能早于接种日期"]

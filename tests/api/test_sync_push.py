"""POST /api/v1/sync/push: every per-item status with its exact body, order, in-batch references, replays."""

from tests.factories import (
    aefi_report_data,
    child_data,
    consent_data,
    new_id,
    precheck_data,
    push_item,
    vaccination_data,
)
from tests.sync_client import sync as sync_fixture
from webapp.models import Record, RecordRevision

sync = sync_fixture  # the fixture, for the tests below


def test_new_record_is_created_with_rev_1(sync, db):
    item = push_item("child", child_data())
    assert sync.results([item]) == [{"id": item["id"], "status": "created", "rev": 1}]
    db.session.expire_all()
    stored = db.session.get(Record, item["id"])
    assert stored.data == item["data"] and stored.unit_code == "U01" and stored.child_id == item["id"]
    assert stored.change_seq is not None and stored.captured_by == "demo-nurse" and stored.device_id == "dev-1"


def test_response_carries_server_time_and_clock_offset(sync):
    resp = sync.push([], device_time="2020-01-01T00:00:00+08:00")
    body = resp.get_json()
    assert resp.status_code == 200 and body["results"] == []
    assert body["server_time"].endswith("+00:00") and body["clock_offset_s"] < -1e8


def test_replayed_push_is_a_duplicate_not_a_second_record(sync, db):
    item = push_item("child", child_data())
    sync.push([item])
    assert sync.results([item]) == [{"id": item["id"], "status": "duplicate", "rev": 1}]
    assert db.session.query(Record).count() == 1 and db.session.query(RecordRevision).count() == 1


def test_edit_on_the_current_rev_is_updated_and_keeps_both_revisions(sync, db):
    item = push_item("child", child_data())
    sync.push([item])
    edit = dict(item, base_rev=1, data=child_data(name="王晓明"))
    assert sync.results([edit]) == [{"id": item["id"], "status": "updated", "rev": 2}]
    db.session.expire_all()
    assert db.session.get(Record, item["id"]).data["name"] == "王晓明"
    revisions = db.session.query(RecordRevision).order_by(RecordRevision.rev).all()
    assert [(r.rev, r.data["name"], r.pushed_by) for r in revisions] == [(1, "王小明", "demo-nurse"),
                                                                         (2, "王晓明", "demo-nurse")]


def test_a_replayed_edit_is_a_duplicate(sync):
    item = push_item("child", child_data())
    sync.push([item])
    edit = dict(item, base_rev=1, data=child_data(name="王晓明"))
    sync.push([edit])
    assert sync.results([edit]) == [{"id": item["id"], "status": "duplicate", "rev": 2}]


def test_a_late_replay_of_the_first_revision_is_a_duplicate_not_a_conflict(sync):
    item = push_item("child", child_data())
    sync.push([item])
    sync.push([dict(item, base_rev=1, data=child_data(name="王晓明"))])
    assert sync.results([item]) == [{"id": item["id"], "status": "duplicate", "rev": 1}]


def test_edit_on_an_old_rev_is_a_conflict_with_the_current_version(sync, db):
    item = push_item("child", child_data())
    sync.push([item])
    sync.push([dict(item, base_rev=1, data=child_data(name="王晓明"))])
    stale = dict(item, base_rev=1, data=child_data(name="王小名"))
    assert sync.results([stale]) == [{"id": item["id"], "status": "conflict", "rev": 2, "current": {
        "kind": "child", "id": item["id"], "rev": 2, "data": child_data(name="王晓明")}}]
    db.session.expire_all()
    assert db.session.get(Record, item["id"]).rev == 2


def test_same_id_other_content_without_base_rev_is_a_conflict(sync):
    item = push_item("child", child_data())
    sync.push([item])
    res = sync.results([dict(item, data=child_data(name="赵六"))])[0]
    assert res == {"id": item["id"], "status": "conflict", "rev": 1,
                   "current": {"kind": "child", "id": item["id"], "rev": 1, "data": item["data"]}}


def test_invalid_item_is_rejected_with_field_paths_and_others_are_stored(sync, db):
    good = push_item("child", child_data())
    bad = push_item("precheck", precheck_data(good["id"], planned=[{"vaccine": "HepB"}], temperature_c="37"))
    res = sync.results([bad, good])
    assert res[0] == {"id": bad["id"], "status": "rejected",
                      "errors": {"planned.0.dose": ["必填字段"], "temperature_c": ["应为数字"]}}
    assert res[1] == {"id": good["id"], "status": "created", "rev": 1}
    assert db.session.query(Record).count() == 1


def test_unknown_parent_is_deferred_naming_the_field(sync, db):
    missing = new_id()
    item = push_item("precheck", precheck_data(missing))
    assert sync.results([item]) == [{"id": item["id"], "status": "deferred",
                                     "errors": {"child_id": [f"引用的记录尚未收到：{missing}"]}}]
    assert db.session.query(Record).count() == 0


def test_a_record_may_reference_one_earlier_in_the_same_push(sync, db):
    child = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(child["id"]))
    con = push_item("consent", consent_data(child["id"], pre["id"]))
    vac = push_item("vaccination", vaccination_data(child["id"], precheck_id=pre["id"], consent_id=con["id"]))
    assert sync.statuses([child, pre, con, vac]) == ["created"] * 4
    db.session.expire_all()
    assert db.session.get(Record, con["id"]).parent_id == pre["id"]


def test_items_apply_in_order_so_a_child_after_its_precheck_defers_the_precheck(sync):
    child = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(child["id"]))
    assert sync.statuses([pre, child]) == ["deferred", "created"]
    assert sync.statuses([pre]) == ["created"]


def test_create_then_edit_in_one_push_stores_rev_2_and_two_revisions(sync, db):
    item = push_item("child", child_data())
    edit = dict(item, base_rev=1, data=child_data(name="王晓明"))
    assert sync.results([item, edit]) == [{"id": item["id"], "status": "created", "rev": 1},
                                          {"id": item["id"], "status": "updated", "rev": 2}]
    db.session.expire_all()
    assert db.session.get(Record, item["id"]).data["name"] == "王晓明"
    assert db.session.query(RecordRevision).count() == 2


def test_an_id_reused_for_another_kind_is_rejected(sync):
    child = push_item("child", child_data())
    sync.push([child])
    other = push_item("precheck", precheck_data(child["id"]), id=child["id"])
    assert sync.results([other]) == [{"id": child["id"], "status": "rejected",
                                      "errors": {"kind": ["该编号已用于另一类记录"]}}]


def test_a_reference_to_a_record_of_the_wrong_kind_is_rejected(sync):
    child = push_item("child", child_data())
    sync.push([child])
    con = push_item("consent", consent_data(child["id"], child["id"]))
    assert sync.results([con])[0]["errors"] == {"precheck_id": ["引用的记录类型不符"]}


def test_device_clock_offset_corrects_capture_time_and_is_stored_on_the_token(sync, db):
    from datetime import UTC, datetime, timedelta

    from webapp.models import DeviceToken
    ahead = datetime.now(UTC) + timedelta(hours=1)
    item = push_item("child", child_data(), captured_at=ahead.isoformat())
    resp = sync.push([item], device_time=ahead.isoformat(), outbox_depth=7,
                     oldest_unsynced_at="2026-11-20T08:00:00+08:00")
    assert 3590 < resp.get_json()["clock_offset_s"] < 3610
    db.session.expire_all()
    record = db.session.get(Record, item["id"])
    assert abs((record.corrected_at - (ahead - timedelta(hours=1))).total_seconds()) < 10
    assert record.captured_at == ahead.replace(microsecond=0) or abs((record.captured_at - ahead).total_seconds()) < 1
    token = db.session.query(DeviceToken).one()
    assert token.outbox_depth == 7 and token.app_version == "1.0.0" and 3590 < token.clock_offset_s < 3610
    assert token.oldest_unsynced_at == datetime(2026, 11, 20, 0, 0, tzinfo=UTC) and token.last_sync_at is not None


def test_a_reporting_time_that_is_only_future_on_a_fast_device_clock_is_accepted(sync):
    from datetime import UTC, datetime, timedelta
    ahead = datetime.now(UTC) + timedelta(hours=2)
    data = aefi_report_data(reported_at=ahead.isoformat())
    assert sync.statuses([push_item("aefi_report", data)], device_time=ahead.isoformat()) == ["created"]
    late = aefi_report_data(reported_at=ahead.isoformat())
    res = sync.results([push_item("aefi_report", late)])[0]
    assert res["errors"] == {"reported_at": ["日期不能晚于今天（已按设备时钟偏差校正）"]}


def test_an_edit_back_to_earlier_content_on_the_current_revision_is_an_update_not_a_replay(sync, db):
    child = push_item("child", child_data(guardian_phone="13800000001"))
    assert sync.statuses([child]) == ["created"]
    changed = dict(child, base_rev=1, data={**child["data"], "guardian_phone": "13900000002"})
    assert sync.results([changed]) == [{"id": child["id"], "rev": 2, "status": "updated"}]
    back = dict(child, base_rev=2)  # the nurse puts the first number back: the content of revision 1
    assert sync.results([back]) == [{"id": child["id"], "rev": 3, "status": "updated"}]
    assert sync.results([child]) == [{"id": child["id"], "rev": 3, "status": "duplicate"}]  # same content as now
    db.session.expire_all()
    assert db.session.get(Record, child["id"]).data["guardian_phone"] == "13800000001"

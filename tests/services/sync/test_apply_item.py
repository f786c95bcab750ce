"""apply_item (server-side writes by other areas) and the one-by-one path when the bulk write is refused."""

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from tests.factories import aefi_report_data, aefi_review_data, child_data, new_id, push_item
from tests.sync_client import sync as sync_fixture
from webapp.models import Record, RecordRevision
from webapp.services.accounts.users import find_user
from webapp.services.sync import write as sync_write
from webapp.services.sync.pipeline import apply_item

sync = sync_fixture  # the fixture, for the tests below


def test_apply_item_stores_a_record_like_a_push_without_committing(app, db, demo_org):
    item = push_item("child", child_data())
    assert apply_item(find_user("demo-nurse"), item) == {"id": item["id"], "status": "created", "rev": 1}
    row = db.session.get(Record, item["id"])
    assert row.device_id == "web" and row.change_seq is not None
    db.session.rollback()
    assert db.session.get(Record, item["id"]) is None


def test_apply_item_answers_with_the_push_verdicts(app, db, demo_org):
    nurse = find_user("demo-nurse")
    item = push_item("child", child_data())
    apply_item(nurse, item)
    assert apply_item(nurse, item)["status"] == "duplicate"
    assert apply_item(nurse, dict(item, data=child_data(name="x")))["status"] == "conflict"
    bad = apply_item(nurse, push_item("child", child_data(unit="U03")))
    assert bad["status"] == "rejected" and bad["errors"] == {"unit_code": ["无权写入 U03 的记录"]}


def test_a_county_review_written_on_the_server_marks_the_report(app, db, demo_org):
    case = push_item("aefi_report", aefi_report_data())
    apply_item(find_user("demo-nurse"), case)
    review = push_item("aefi_review", aefi_review_data(case["id"], status="closed", final_class="general_reaction"),
                       captured_by="demo-county")
    assert apply_item(find_user("demo-county"), review, device_id="review-page")["status"] == "created"
    db.session.commit()
    assert db.session.get(Record, case["id"]).state == "closed"


def test_apply_item_refreshes_a_record_the_caller_already_holds(app, db, demo_org):
    item = push_item("child", child_data())
    apply_item(find_user("demo-nurse"), item)
    held = db.session.get(Record, item["id"])
    assert held.rev == 1
    apply_item(find_user("demo-nurse"), dict(item, base_rev=1, data=child_data(name="王晓明")))
    assert held.rev == 2 and held.data["name"] == "王晓明"


def _refuse_bulk_writes_containing(monkeypatch, bad_ids):
    original = sync_write.Writes.flush
    calls = []

    def flush(self, clock):
        calls.append(sorted(self.inserts))
        if bad_ids & set(self.inserts):
            raise IntegrityError("INSERT", {}, Exception("refused"))
        return original(self, clock)
    monkeypatch.setattr(sync_write.Writes, "flush", flush)
    return calls


def test_when_the_bulk_write_is_refused_items_are_applied_one_by_one(sync, db, monkeypatch):
    items = [push_item("child", child_data()) for _ in range(4)]
    calls = _refuse_bulk_writes_containing(monkeypatch, {items[2]["id"]})
    res = sync.results(items)
    assert [r["status"] for r in res] == ["created", "created", "rejected", "created"]
    assert res[2]["errors"] == {"_schema": ["服务器无法保存此记录，请联系县级管理员"]}
    assert len(calls) == 5  # the batch, then each item alone
    db.session.expire_all()
    assert {r.id for r in db.session.query(Record)} == {items[i]["id"] for i in (0, 1, 3)}
    assert db.session.query(RecordRevision).count() == 3
    seqs = sorted(r.change_seq for r in db.session.query(Record))
    assert len(set(seqs)) == 3


def test_change_numbers_stay_unique_after_a_refused_bulk_write(sync, db, monkeypatch):
    first = [push_item("child", child_data()) for _ in range(2)]
    _refuse_bulk_writes_containing(monkeypatch, {first[0]["id"]})
    sync.push(first)
    monkeypatch.undo()
    second = [push_item("child", child_data()) for _ in range(2)]
    assert sync.statuses(second) == ["created", "created"]
    db.session.expire_all()
    seqs = [r.change_seq for r in db.session.query(Record)]
    assert len(seqs) == 3 == len(set(seqs))


@pytest.mark.parametrize("missing", ["child_id", "precheck_id"])
def test_apply_item_defers_an_unknown_reference(app, db, demo_org, missing):
    from tests.factories import consent_data, precheck_data
    nurse = find_user("demo-nurse")
    child = push_item("child", child_data())
    apply_item(nurse, child)
    if missing == "child_id":
        item = push_item("precheck", precheck_data(new_id()))
    else:
        item = push_item("consent", consent_data(child["id"], new_id()))
    res = apply_item(nurse, item)
    assert res["status"] == "deferred" and list(res["errors"]) == [missing]


def test_corrected_time_is_the_capture_time_on_the_server(app, db, demo_org):
    at = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    item = push_item("child", child_data(), captured_at=at.isoformat())
    apply_item(find_user("demo-nurse"), item)
    row = db.session.get(Record, item["id"])
    assert row.captured_at == at == row.corrected_at


def test_a_refused_bulk_insert_raises_a_database_error_on_both_databases(app, db, demo_org):
    from sqlalchemy.exc import DBAPIError

    from webapp.services.sync.write import insert_rows
    item = push_item("child", child_data())
    apply_item(find_user("demo-nurse"), item)
    row = {c.name: getattr(db.session.get(Record, item["id"]), c.name) for c in Record.__table__.columns}
    with pytest.raises(DBAPIError), db.session.begin_nested():
        insert_rows(Record.__table__, [row])
    assert db.session.query(Record).count() == 1


def test_a_server_fault_on_one_item_sets_it_aside_and_the_others_are_stored(sync, db, monkeypatch):
    from webapp.services.sync import plan as sync_plan
    items = [push_item("child", child_data()) for _ in range(3)]
    original = sync_plan.Planner._store

    def store(self, item, *args):
        if item.id == items[1]["id"]:
            raise KeyError("a bug that only this record triggers")
        return original(self, item, *args)
    monkeypatch.setattr(sync_plan.Planner, "_store", store)
    res = sync.results(items)
    assert [r["status"] for r in res] == ["created", "rejected", "created"]
    assert res[1]["errors"] == {"_schema": ["服务器无法处理此记录，请联系县级管理员"]}
    db.session.expire_all()
    assert {r.id for r in db.session.query(Record)} == {items[0]["id"], items[2]["id"]}

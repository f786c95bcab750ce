"""`child_merge` (records.md): the merged child's records re-pointed as new revisions, the child tombstoned, audited,
its revisions kept; a nurse inside her unit, a county user across its units."""

from sqlalchemy import select

from tests.factories import child_data, precheck_data, push_item, vaccination_data
from tests.sync_client import sync as sync_fixture
from webapp.models import AuditEvent, Record, RecordRevision

sync = sync_fixture  # the fixture, for the tests below


def _pair(sync, unit_b="U01", author_b="demo-nurse"):
    keep = push_item("child", child_data(name="王小明"))
    dup = push_item("child", child_data(unit=unit_b, name="王晓明"), captured_by=author_b)
    check = push_item("precheck", precheck_data(dup["id"], unit=unit_b), captured_by=author_b)
    shot = push_item("vaccination", vaccination_data(dup["id"], unit=unit_b), captured_by=author_b)
    assert sync.statuses([keep]) == ["created"]
    assert sync.statuses([dup, check, shot], user=author_b) == ["created"] * 3
    return keep["id"], dup["id"], check["id"], shot["id"]


def _merge(keep_id, merge_id, unit="U01", by="demo-nurse"):
    return push_item("child_merge", {"unit_code": unit, "keep_id": keep_id, "merge_id": merge_id,
                                     "reason": "重复登记"}, captured_by=by)


def test_a_nurse_merges_two_children_of_her_unit_and_every_record_follows(sync, db):
    keep, dup, check, shot = _pair(sync)
    _, cursor = sync.pull_all()
    assert sync.statuses([_merge(keep, dup)]) == ["created"]
    db.session.expire_all()
    for rid in (check, shot):
        row = db.session.get(Record, rid)
        assert (row.child_id, row.data["child_id"], row.rev) == (keep, keep, 2)
    merged = db.session.get(Record, dup)
    assert merged.deleted
    assert [r.data["name"] for r in db.session.execute(select(RecordRevision).where(
        RecordRevision.record_id == dup)).scalars()] == ["王晓明"]  # still readable in its revisions
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "child.merge")).scalar_one()
    assert (event.object_id, event.after["keep_id"], sorted(event.after["repointed"])) == (
        dup, keep, sorted([check, shot]))
    changes, _ = sync.pull_all(cursor=cursor)  # the phones receive the re-pointed records and the tombstone
    got = {c["id"]: c for c in changes}
    assert got[dup]["deleted"] is True
    assert got[shot]["rev"] == 2 and got[shot]["data"]["child_id"] == keep


def test_a_nurse_may_not_merge_a_child_of_another_unit_but_the_county_may(sync, db):
    keep, dup, _, shot = _pair(sync, unit_b="U03", author_b="demo-nurse-b")
    refused = sync.results([_merge(keep, dup)])[0]
    assert refused["status"] == "rejected" and refused["errors"] == {"merge_id": ["无权写入 U03 的记录"]}
    assert sync.statuses([_merge(keep, dup, by="demo-county")], user="demo-county") == ["created"]
    db.session.expire_all()
    assert db.session.get(Record, shot).child_id == keep
    assert db.session.get(Record, dup).deleted


def test_a_merge_with_itself_or_with_a_child_already_merged_is_rejected_naming_the_field(sync):
    keep, dup, _, _ = _pair(sync)
    assert sync.results([_merge(keep, keep)])[0]["errors"] == {"merge_id": ["不能与自身合并"]}
    assert sync.statuses([_merge(keep, dup)]) == ["created"]
    assert sync.results([_merge(keep, dup)])[0]["errors"] == {"merge_id": ["该儿童记录已被合并或撤销"]}


def test_a_school_user_may_not_merge_children(sync):
    keep, dup, _, _ = _pair(sync)
    item = _merge(keep, dup, by="demo-school")
    # the children lie outside a school's scope: the references are refused before the kind is (every reference
    # must be in the writer's scope), each naming its field
    result = sync.results([item], user="demo-school")[0]
    assert result["status"] == "rejected" and set(result["errors"]) == {"keep_id", "merge_id"}

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


def _revisions(db, record_id):
    return [(r.rev, r.data["child_id"]) for r in db.session.execute(
        select(RecordRevision).where(RecordRevision.record_id == record_id).order_by(RecordRevision.rev)).scalars()]


def test_a_record_pushed_for_a_child_merged_before_it_arrived_is_kept_and_re_pointed_as_a_new_revision(sync, db):
    keep, dup, _, _ = _pair(sync)
    _, cursor = sync.pull_all()
    assert sync.statuses([_merge(keep, dup)]) == ["created"]
    _, cursor = sync.pull_all(cursor=cursor)
    # a second phone that has not pulled the merge yet sends a pre-check and a dose of the merged child
    late_check = push_item("precheck", precheck_data(dup))
    late_shot = push_item("vaccination", vaccination_data(dup, precheck_id=late_check["id"]))
    results = sync.results([late_check, late_shot], device_id="dev-2")
    assert [(r["status"], r["rev"]) for r in results] == [("created", 2), ("created", 2)]
    db.session.expire_all()
    for rid in (late_check["id"], late_shot["id"]):
        row = db.session.get(Record, rid)
        assert (row.child_id, row.data["child_id"], row.deleted) == (keep, keep, False)
        assert _revisions(db, rid) == [(1, dup), (2, keep)]  # as sent, then re-pointed
    events = db.session.execute(select(AuditEvent).where(AuditEvent.action == "child.merge.follow")
                                .order_by(AuditEvent.object_id)).scalars().all()
    assert sorted((e.object_id, e.before["child_id"], e.after["child_id"], e.after["rev"]) for e in events) == sorted(
        [(late_check["id"], dup, keep, 2), (late_shot["id"], dup, keep, 2)])
    changes, _ = sync.pull_all(cursor=cursor)  # every phone receives them on the child kept
    got = {c["id"]: c for c in changes}
    assert got[late_shot["id"]]["rev"] == 2 and got[late_shot["id"]]["data"]["child_id"] == keep
    assert got[late_check["id"]]["data"]["child_id"] == keep


def test_a_late_record_is_a_duplicate_when_replayed_and_follows_a_chain_of_merges(sync, db):
    keep, dup, _, _ = _pair(sync)
    third = push_item("child", child_data(name="王小民"))
    assert sync.statuses([third]) == ["created"]
    assert sync.statuses([_merge(keep, dup)]) == ["created"]
    assert sync.statuses([_merge(third["id"], keep)]) == ["created"]  # dup → keep, then keep → third
    late = push_item("precheck", precheck_data(dup))
    assert sync.results([late], device_id="dev-2")[0] == {"id": late["id"], "status": "created", "rev": 2}
    assert sync.results([late], device_id="dev-2")[0] == {"id": late["id"], "status": "duplicate", "rev": 1}
    db.session.expire_all()
    assert db.session.get(Record, late["id"]).child_id == third["id"]
    assert _revisions(db, late["id"]) == [(1, dup), (2, third["id"])]


def test_a_record_of_a_child_withdrawn_by_an_administrator_is_not_re_pointed(sync, db):
    from webapp.services.sync.pipeline import delete_record

    keep, dup, _, _ = _pair(sync)
    delete_record("demo-admin", dup)
    db.session.commit()
    late = push_item("precheck", precheck_data(dup))
    assert sync.results([late])[0] == {"id": late["id"], "status": "created", "rev": 1}
    db.session.expire_all()
    assert db.session.get(Record, late["id"]).child_id == dup
    assert db.session.execute(select(AuditEvent).where(AuditEvent.action == "child.merge.follow")).first() is None


def test_an_edit_of_the_merged_child_itself_is_refused_saying_it_was_merged(sync):
    keep, dup, _, _ = _pair(sync)
    assert sync.statuses([_merge(keep, dup)]) == ["created"]
    edit = push_item("child", child_data(name="王晓明", guardian_phone="13811112222"), id=dup, base_rev=1)
    assert sync.results([edit], device_id="dev-2")[0] == {
        "id": dup, "status": "rejected", "errors": {"id": ["该儿童已合并到另一份档案，请在保留的档案上修改"]}}

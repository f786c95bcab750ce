"""GET /api/v1/sync/pull: cursor, limit and has_more, reference data, states, tombstones."""

from tests.factories import add_record, child_data, consent_data, precheck_data, push_item
from tests.sync_client import sync as sync_fixture
from webapp.services.reference_data import notice_versions

sync = sync_fixture  # the fixture, for the tests below

REFERENCE_KINDS = {"unit", "village", "school", "county_settings", "vaccine", "consent_template", "schedule", "fields",
                   "equipment", "survey_template"}


def _by_kind(changes):
    out = {}
    for change in changes:
        out.setdefault(change["kind"], []).append(change)
    return out


def test_a_full_pull_brings_the_countys_reference_data(sync):
    body = sync.pull().get_json()
    kinds = _by_kind(body["changes"])
    assert body["has_more"] is False and body["cursor"]
    assert {c["id"] for c in kinds["unit"]} == {"U01", "U02", "U03", "U04"}
    assert len(kinds["village"]) == 12 and {c["id"] for c in kinds["school"]} == {"S01", "S02", "S03", "S04"}
    hepb = next(c for c in kinds["vaccine"] if c["id"] == "HepB")["data"]
    assert (hepb["zh"], hepb["en"], hepb["category"], hepb["series"]) == ("乙肝疫苗", "Hepatitis B vaccine", "nip",
                                                                           "HepB")
    notice = next(c for c in kinds["consent_template"] if c["id"] == "notice-HepB@2026.1")["data"]
    assert notice["sha256"] == notice_versions()[("notice-HepB", "2026.1")]["sha256"]
    assert kinds["fields"][0]["data"]["child"]["birth_date"]["level"] == "required"
    assert [c["data"] for c in kinds["county_settings"]] == [{"zero_report_cadence": "monthly",
                                                              "timezone": "Asia/Shanghai"}]


def test_a_new_zero_report_cadence_reaches_the_phones_at_their_next_pull(sync, app):
    cursor = sync.pull().get_json()["cursor"]
    app.config["ZERO_REPORT_CADENCE"] = "weekly"
    changes = sync.pull(cursor=cursor).get_json()["changes"]
    assert [c["data"]["zero_report_cadence"] for c in changes if c["kind"] == "county_settings"] == ["weekly"]


def test_reference_data_is_not_resent_until_it_changes(sync, db):
    cursor = sync.pull().get_json()["cursor"]
    assert sync.pull(cursor=cursor).get_json()["changes"] == []
    from webapp.models import Village
    db.session.add(Village(code="V99", name="新村", unit_code="U01"))
    db.session.commit()
    changes = sync.pull(cursor=cursor).get_json()["changes"]
    assert {"kind": "village", "id": "V99", "rev": 1, "deleted": False,
            "data": {"code": "V99", "name": "新村", "unit_code": "U01"}} in changes


def test_removed_reference_data_comes_as_a_tombstone(sync, db):
    from webapp.models import Village
    db.session.add(Village(code="V99", name="新村", unit_code="U01"))
    db.session.commit()
    cursor = sync.pull().get_json()["cursor"]
    db.session.delete(db.session.get(Village, "V99"))
    db.session.commit()
    changes = sync.pull(cursor=cursor).get_json()["changes"]
    assert {"kind": "village", "id": "V99", "rev": 1, "deleted": True, "data": None} in changes


def test_records_come_after_the_cursor_page_by_page(sync):
    items = [push_item("child", child_data()) for _ in range(5)]
    sync.push(items)
    first = sync.pull(limit=2).get_json()
    records = [c for c in first["changes"] if c["kind"] == "child"]
    assert [c["id"] for c in records] == [i["id"] for i in items[:2]] and first["has_more"] is True
    second = sync.pull(cursor=first["cursor"], limit=2).get_json()
    assert [c["id"] for c in second["changes"]] == [i["id"] for i in items[2:4]] and second["has_more"] is True
    third = sync.pull(cursor=second["cursor"], limit=2).get_json()
    assert [c["id"] for c in third["changes"]] == [items[4]["id"]] and third["has_more"] is False
    assert sync.pull(cursor=third["cursor"]).get_json() == {"cursor": third["cursor"], "has_more": False,
                                                            "changes": [], "remaining": 0}


def test_a_pulled_record_has_its_data_rev_and_state(sync):
    child = push_item("child", child_data())
    sync.push([child])
    cursor = sync.pull().get_json()["cursor"]
    sync.push([dict(child, base_rev=1, data=child_data(name="王晓明"))])
    changes = sync.pull(cursor=cursor).get_json()["changes"]
    assert changes == [{"kind": "child", "id": child["id"], "rev": 2, "deleted": False,
                        "data": child_data(name="王晓明"), "state": None}]


def test_a_superseded_consent_comes_again_with_its_new_state(sync):
    child = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(child["id"]))
    con = push_item("consent", consent_data(child["id"], pre["id"]))
    sync.push([child, pre, con])
    cursor = sync.pull().get_json()["cursor"]
    fix = push_item("consent", consent_data(child["id"], pre["id"], supersedes=con["id"]))
    sync.push([fix])
    changes = {c["id"]: c for c in sync.pull(cursor=cursor).get_json()["changes"]}
    assert changes[con["id"]]["state"] == "superseded" and changes[fix["id"]]["state"] is None


def test_a_withdrawn_record_comes_as_a_tombstone(sync, db):
    from webapp.services.sync.pipeline import delete_record
    child = push_item("child", child_data())
    sync.push([child])
    cursor = sync.pull().get_json()["cursor"]
    delete_record("demo-admin", child["id"])
    db.session.commit()
    assert sync.pull(cursor=cursor).get_json()["changes"] == [
        {"kind": "child", "id": child["id"], "rev": 1, "deleted": True, "data": None}]


def test_records_added_by_the_factory_are_pulled_too(sync, db):
    record = add_record("child", child_data())
    db.session.commit()
    assert sync.records("demo-nurse") == {"child": {record.id}}


def test_a_bad_cursor_or_limit_is_a_422_naming_it(sync):
    resp = sync.pull(cursor="garbage!")
    assert resp.status_code == 422 and resp.get_json()["errors"] == {"cursor": ["同步游标无效，请重新全量同步"]}
    resp = sync.pull(limit=5000)
    assert resp.status_code == 422 and resp.get_json()["errors"] == {"limit": ["应在 1 到 1000 之间"]}


def test_pull_needs_a_token(client, demo_org):
    resp = client.get("/api/v1/sync/pull")
    assert resp.status_code == 401 and resp.mimetype == "application/problem+json"


def test_reference_kinds_are_the_documented_ones(sync):
    kinds = {c["kind"] for c in sync.pull().get_json()["changes"]}
    assert kinds <= REFERENCE_KINDS and {"unit", "village", "school", "vaccine", "consent_template",
                                         "fields"} <= kinds


def test_a_withdrawn_record_cannot_be_edited_back_to_life(sync, db):
    from webapp.services.sync.pipeline import delete_record
    child = push_item("child", child_data())
    sync.push([child])
    delete_record("demo-admin", child["id"])
    db.session.commit()
    edit = dict(child, base_rev=1, data=child_data(name="复活"))
    assert sync.results([edit]) == [{"id": child["id"], "status": "rejected",
                                     "errors": {"id": ["该记录已被县级管理员撤销，不能再修改"]}}]
    assert sync.statuses([child]) == ["duplicate"]


def _refer(student, unit, rev, on="2026-09-10"):
    data = {**student["data"], "referral": {"unit_code": unit, "notified_on": on}}
    return push_item("student_check", data, id=student["id"], base_rev=rev, captured_by="demo-school")


def _referred_students(sync, n=1):
    from tests.factories import school_check_data, student_check_data

    batch = push_item("school_check", school_check_data("S01"), captured_by="demo-school")
    students = [push_item("student_check", student_check_data(batch["id"]), captured_by="demo-school")
                for _ in range(n)]
    sync.push([batch, *students], user="demo-school")
    return students


def test_a_student_re_referred_to_another_unit_leaves_the_first_units_phones(sync):
    (student,) = _referred_students(sync)
    _, first = sync.pull_all("demo-nurse")
    _, other = sync.pull_all("demo-nurse-b")
    assert sync.statuses([_refer(student, "U03", 1)], user="demo-school") == ["updated"]
    changes, first = sync.pull_all("demo-nurse", first)
    assert changes == [{"kind": "student_check", "id": student["id"], "rev": 2, "deleted": True, "data": None}]
    batch, live = sync.pull_all("demo-nurse-b", other)[0]  # with its batch, which U03's phones did not have
    assert (batch["kind"], batch["id"]) == ("school_check", student["data"]["school_check_id"])
    assert (live["id"], live["rev"], live["deleted"]) == (student["id"], 2, False)
    full = [c for c in sync.pull_all("demo-nurse")[0] if c["kind"] == "student_check"]
    assert [c["deleted"] for c in full] == [True]  # a full re-pull drops it too (a phone keeps what it had)
    assert sync.statuses([_refer(student, "U01", 2, on="2026-09-20")], user="demo-school") == ["updated"]
    back = [c for c in sync.pull_all("demo-nurse", first)[0] if c["kind"] == "student_check"]
    (back,) = back  # referred back: the record itself, no stale tombstone
    assert (back["id"], back["rev"], back["deleted"]) == (student["id"], 3, False)


def test_tombstones_of_records_that_left_page_with_the_records_each_once(sync):
    students = _referred_students(sync, 3)
    _, cursor = sync.pull_all("demo-nurse")
    sync.push([_refer(s, "U03", 1) for s in students], user="demo-school")
    sync.push([push_item("child", child_data())])
    changes, _ = sync.pull_all("demo-nurse", cursor, limit=2)
    tombstones = [c["id"] for c in changes if c["deleted"]]
    assert sorted(tombstones) == sorted(s["id"] for s in students)
    assert [c["kind"] for c in changes if not c["deleted"]] == ["child"]


def test_a_referral_withdrawn_leaves_the_units_phones_too(sync):
    (student,) = _referred_students(sync)
    _, cursor = sync.pull_all("demo-nurse")
    data = {k: v for k, v in student["data"].items() if k != "referral"}
    withdrawn = push_item("student_check", data, id=student["id"], base_rev=1, captured_by="demo-school")
    assert sync.statuses([withdrawn], user="demo-school") == ["updated"]
    changes, _ = sync.pull_all("demo-nurse", cursor)
    assert [(c["id"], c["deleted"]) for c in changes] == [(student["id"], True)]


def test_a_unit_receives_the_batch_of_a_student_referred_after_its_cursor_passed_the_batch(sync):
    from tests.factories import school_check_data, student_check_data

    batch = push_item("school_check", school_check_data("S01"), captured_by="demo-school")
    sync.push([batch], user="demo-school")
    sync.push([push_item("child", child_data())])
    changes, cursor = sync.pull_all("demo-nurse")  # the cursor passes the batch, not the unit's yet
    assert [c["kind"] for c in changes if c["kind"] in ("child", "school_check")] == ["child"]
    student = push_item("student_check", student_check_data(batch["id"]), captured_by="demo-school")
    sync.push([student], user="demo-school")
    changes, cursor = sync.pull_all("demo-nurse", cursor)
    assert [(c["kind"], c["id"]) for c in changes] == [("school_check", batch["id"]), ("student_check", student["id"])]
    assert (changes[0]["data"]["school_code"], changes[0]["data"]["term"]) == ("S01", "2026-autumn")
    assert not [c for c in sync.pull_all("demo-nurse-b")[0] if c["kind"] in ("school_check", "student_check")]
    edited = push_item("school_check", school_check_data("S01", started_on="2026-09-03"), id=batch["id"], base_rev=1,
                       captured_by="demo-school")
    assert sync.statuses([edited], user="demo-school") == ["updated"]
    changes, _ = sync.pull_all("demo-nurse", cursor)  # a later edit of the batch reaches the unit too
    assert [(c["kind"], c["rev"], c["data"]["started_on"]) for c in changes] == [("school_check", 2, "2026-09-03")]

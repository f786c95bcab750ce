"""The catch-up loop through the API: a school pushes a check, the referral reaches the unit's nurses by pull, the
nurse records the catch-up, the status and the report rates change."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import add_record
from tests.schools.test_reports import rate_cell
from webapp.demo.schools import add_months, routine_doses
from webapp.models import Record, User
from webapp.services.schools import catch_up as school_catch_up

TODAY = date.today()
STARTED = TODAY - timedelta(days=20)
BIRTH = add_months(STARTED, -74)  # 6 years 2 months at the check: the MPSV-AC at 6 years is due


def now():
    return datetime.now(UTC).isoformat(timespec="seconds")


def push(client, headers, items, device_id="phone-1"):
    resp = client.post("/api/v1/sync/push", headers=headers, json={
        "device_id": device_id, "app_version": "test", "schema_version": 1, "device_time": now(), "items": items})
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["results"]


def item(kind, record_id, data, author, base_rev=None):
    return {"kind": kind, "id": record_id, "base_rev": base_rev, "captured_at": now(), "captured_by": author,
            "data": data}


def student_data(batch_id, name, skip=(), referral=True):
    data = {"school_check_id": batch_id, "name": name, "sex": "M", "birth_date": BIRTH.isoformat(),
            "class_name": "一(1)班", "certificate": "present", "doses": routine_doses(BIRTH, STARTED, skip),
            # what a phone believes; the server stores its own evaluation
            "evaluation": {"schedule": "phone", "complete": True, "missing": [], "not_counted": [], "notes": []}}
    if skip and referral:
        data["referral"] = {"unit_code": "U01", "notified_on": (STARTED + timedelta(days=1)).isoformat()}
        data["catch_up_status"] = "pending"
    return data


@pytest.fixture
def checked(client, token_for):
    """The school's phone pushes a batch, a complete student and one lacking the MPSV-AC dose at 6 years."""
    school = token_for("demo-school", "school-phone")
    batch_id, done_id, missing_id = (str(uuid.uuid4()) for _ in range(3))
    batch = {"school_code": "S01", "term": f"{STARTED.year}-autumn", "kind": "kindergarten",
             "started_on": STARTED.isoformat(), "checker": "赵老师"}
    results = push(client, school, [
        item("school_check", batch_id, batch, "demo-school"),
        item("student_check", done_id, student_data(batch_id, "周全"), "demo-school"),
        item("student_check", missing_id, student_data(batch_id, "吴缺", skip=(("MPSV-AC", 72),)), "demo-school"),
    ])
    assert [r["status"] for r in results] == ["created"] * 3
    return {"batch": batch_id, "done": done_id, "missing": missing_id}


def pulled(client, headers):
    changes, cursor = [], None
    for _ in range(20):
        resp = client.get("/api/v1/sync/pull" + (f"?cursor={cursor}" if cursor else ""), headers=headers)
        assert resp.status_code == 200
        body = resp.get_json()
        changes += body["changes"]
        cursor = body["cursor"]
        if not body["has_more"]:
            return changes
    raise AssertionError("pull never finished")


def test_server_stores_its_own_evaluation_of_the_pushed_student(db, checked):
    db.session.expire_all()
    record = db.session.get(Record, checked["missing"])
    assert record.data["evaluation"]["complete"] is False
    assert [(m["series"], m["dose"]) for m in record.data["evaluation"]["missing"]] == [("MenAC", 2)]


def test_referral_reaches_the_referred_units_nurses_and_no_other_unit(client, token_for, checked):
    mine = [c for c in pulled(client, token_for("demo-nurse", "nurse-phone")) if c["kind"] == "student_check"]
    assert [c["id"] for c in mine] == [checked["missing"]]
    assert mine[0]["data"]["referral"]["unit_code"] == "U01"
    other = pulled(client, token_for("demo-nurse-b", "other-phone"))
    assert not [c for c in other if c["kind"] == "student_check"]


def test_nurse_catch_up_pushed_from_the_phone_completes_the_referral_and_changes_the_report(
        client, auth, token_for, db, checked):
    auth.login("demo-county")
    html = client.get(f"/schools/report?year={STARTED.year}").get_data(as_text=True)
    assert rate_cell(html, "total", "合计", "caught_up_rate") == "0.0% 0/1"
    assert rate_cell(html, "total", "合计", "missed_rate") == "50.0% 1/2"

    nurse = token_for("demo-nurse", "nurse-phone")
    task = next(c for c in pulled(client, nurse) if c["id"] == checked["missing"])
    given = (TODAY - timedelta(days=2)).isoformat()
    data = {**task["data"], "catch_up": [{"vaccine": "MPSV-AC", "date": given, "unit_code": "U01"}],
            "catch_up_status": "complete"}
    [res] = push(client, nurse, [item("student_check", task["id"], data, "demo-nurse", base_rev=task["rev"])],
                 device_id="nurse-phone")
    assert res["status"] == "updated"

    html = client.get(f"/schools/report?year={STARTED.year}").get_data(as_text=True)
    assert rate_cell(html, "total", "合计", "caught_up_rate") == "100.0% 1/1"
    assert rate_cell(html, "total", "合计", "closed_30d_rate") == "100.0% 1/1"
    assert rate_cell(html, "total", "合计", "missed_rate") == "50.0% 1/2"  # still missed at check


def test_a_nurse_of_another_unit_cannot_add_catch_up(client, token_for, checked):
    other = token_for("demo-nurse-b", "other-phone")
    data = {**student_data(checked["batch"], "吴缺", skip=(("MPSV-AC", 72),)),
            "catch_up": [{"vaccine": "MPSV-AC", "date": TODAY.isoformat(), "unit_code": "U03"}]}
    [res] = push(client, other, [item("student_check", checked["missing"], data, "demo-nurse-b", base_rev=1)])
    assert res["status"] == "rejected"


def _form(auth, client, path, data):
    return client.post(path, data={**data, "csrf_token": auth.csrf("/schools/referrals")})


def test_nurse_task_page_lists_the_referral_and_records_a_partial_then_complete_catch_up(
        client, auth, db, token_for, demo_org):
    school = token_for("demo-school", "school-phone")
    batch_id, sid = str(uuid.uuid4()), str(uuid.uuid4())
    push(client, school, [
        item("school_check", batch_id, {"school_code": "S01", "term": f"{STARTED.year}-autumn",
                                        "kind": "primary", "started_on": STARTED.isoformat(), "checker": "赵老师"},
             "demo-school"),
        item("student_check", sid, student_data(batch_id, "郑二", skip=(("MPSV-AC", 72), ("bOPV", 48))),
             "demo-school")])
    auth.login("demo-nurse")
    page = client.get("/schools/referrals").get_data(as_text=True)
    assert "郑二" in page and "A群C群流脑多糖疫苗 第2剂" in page
    day = (TODAY - timedelta(days=1)).isoformat()
    assert _form(auth, client, f"/schools/referrals/{sid}/catch-up", {"vaccine": "bOPV", "given_on": day}
                 ).status_code == 302
    db.session.expire_all()
    record = db.session.get(Record, sid)
    assert record.data["catch_up_status"] == "partial" and record.rev == 2
    _form(auth, client, f"/schools/referrals/{sid}/catch-up", {"vaccine": "MPSV-AC", "given_on": day})
    db.session.expire_all()
    record = db.session.get(Record, sid)
    assert record.data["catch_up_status"] == "complete"
    assert [c["unit_code"] for c in record.data["catch_up"]] == ["U01", "U01"]
    assert "郑二" not in client.get("/schools/referrals").get_data(as_text=True)  # closed tasks leave the list


def test_a_future_catch_up_date_is_refused_with_the_field_named(client, auth, db, checked):
    auth.login("demo-nurse")
    future = (TODAY + timedelta(days=3)).isoformat()
    resp = _form(auth, client, f"/schools/referrals/{checked['missing']}/catch-up",
                 {"vaccine": "MPSV-AC", "given_on": future})
    assert "接种日期应在出生日期与今天之间" in client.get(resp.headers["Location"]).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Record, checked["missing"]).rev == 1


def test_contraindication_closes_the_referral_with_its_reason(client, auth, db, checked):
    auth.login("demo-nurse")
    _form(auth, client, f"/schools/referrals/{checked['missing']}/contraindication",
          {"reason": "严重过敏史", "recorded_on": TODAY.isoformat()})
    db.session.expire_all()
    assert db.session.get(Record, checked["missing"]).data["catch_up_status"] == "contraindicated"
    auth.login("demo-county")
    rows = client.get(f"/schools/{'S01'}/catch-up-register?year={STARTED.year}&format=xlsx")
    assert rows.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook
    values = [c for r in load_workbook(BytesIO(rows.data)).active.iter_rows(values_only=True) for c in r]
    assert "严重过敏史" in values and "有禁忌未补种" in values


def test_nurse_of_another_unit_cannot_record_catch_up_on_the_page(client, auth, db, checked):
    auth.login("demo-nurse-b")
    _form(auth, client, f"/schools/referrals/{checked['missing']}/catch-up",
          {"vaccine": "MPSV-AC", "given_on": TODAY.isoformat()})
    db.session.expire_all()
    assert db.session.get(Record, checked["missing"]).rev == 1


def test_a_catch_up_vaccination_for_a_referred_student_updates_the_student(db, checked):
    nurse = db.session.execute(select(User).where(User.username == "demo-nurse")).scalar_one()
    child = add_record("child", {"unit_code": "U01", "name": "吴缺", "sex": "M", "birth_date": BIRTH.isoformat(),
                                 "residence": "local"})
    given = (TODAY - timedelta(days=1)).isoformat()
    vaccination = add_record("vaccination", {
        "unit_code": "U01", "child_id": child.id, "vaccine": "MPSV-AC", "dose": 2, "given_on": given,
        "lot_no": "L1", "manufacturer": "M", "strategy": "catch_up", "nurse": "demo-nurse"})
    assert school_catch_up.on_vaccination_stored(nurse, vaccination) == [checked["missing"]]
    db.session.expire_all()
    assert db.session.get(Record, checked["missing"]).data["catch_up_status"] == "complete"
    assert school_catch_up.on_vaccination_stored(nurse, vaccination) == []  # not twice


def test_a_phone_claiming_complete_without_catch_up_doses_is_not_counted_as_caught_up(
        client, auth, token_for, db, demo_org):
    school = token_for("demo-school", "school-phone")
    batch_id, sid = str(uuid.uuid4()), str(uuid.uuid4())
    data = {**student_data(batch_id, "钱假", skip=(("MPSV-AC", 72),)), "catch_up_status": "complete"}
    push(client, school, [
        item("school_check", batch_id, {"school_code": "S01", "term": f"{STARTED.year}-autumn", "kind": "primary",
                                        "started_on": STARTED.isoformat(), "checker": "赵老师"}, "demo-school"),
        item("student_check", sid, data, "demo-school")])
    auth.login("demo-county")
    html = client.get(f"/schools/report?year={STARTED.year}").get_data(as_text=True)
    assert rate_cell(html, "total", "合计", "caught_up_rate") == "0.0% 0/1"


def test_nurse_phone_records_a_contraindication_with_its_reason_through_the_api(client, token_for, db, checked):
    nurse = token_for("demo-nurse", "nurse-phone")
    resp = client.post(f"/api/v1/schools/contraindications/{checked['missing']}", headers=nurse,
                       json={"reason": "正在接受免疫抑制治疗", "date": TODAY.isoformat()})
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["catch_up_status"] == "contraindicated"
    db.session.expire_all()
    assert db.session.get(Record, checked["missing"]).rev == 2


@pytest.mark.parametrize(("body", "field"), [({"reason": "", "date": "2026-09-01"}, "reason"),
                                             ({"reason": "过敏", "date": "09/01"}, "date")])
def test_a_contraindication_without_reason_or_date_is_refused_naming_the_field(client, token_for, checked, body,
                                                                                 field):
    resp = client.post(f"/api/v1/schools/contraindications/{checked['missing']}",
                       headers=token_for("demo-nurse", "nurse-phone"), json=body)
    assert resp.status_code == 422 and field in resp.get_json()["errors"]


def test_another_units_nurse_cannot_record_a_contraindication(client, token_for, checked):
    resp = client.post(f"/api/v1/schools/contraindications/{checked['missing']}",
                       headers=token_for("demo-nurse-b", "other-phone"), json={"reason": "过敏", "date": "2026-09-01"})
    assert resp.status_code == 404


def test_the_server_stores_the_catch_up_status_it_derives_not_the_phones(client, token_for, db, demo_org):
    school = token_for("demo-school", "school-phone")
    batch_id, sid = str(uuid.uuid4()), str(uuid.uuid4())
    data = {**student_data(batch_id, "钱假", skip=(("MPSV-AC", 72),)), "catch_up_status": "complete"}
    batch = {"school_code": "S01", "term": f"{STARTED.year}-autumn", "kind": "primary",
             "started_on": STARTED.isoformat(), "checker": "赵老师"}
    push(client, school, [item("school_check", batch_id, batch, "demo-school"),
                          item("student_check", sid, data, "demo-school")])
    db.session.expire_all()
    assert db.session.get(Record, sid).data["catch_up_status"] == "pending"
    [replay] = push(client, school, [item("student_check", sid, data, "demo-school")])
    assert replay["status"] == "duplicate"


def test_a_catch_up_vaccination_pushed_by_the_nurse_closes_the_referral(client, token_for, db, checked):
    nurse = token_for("demo-nurse", "nurse-phone")
    child_id, vaccination_id = str(uuid.uuid4()), str(uuid.uuid4())
    given = (TODAY - timedelta(days=1)).isoformat()
    child = {"unit_code": "U01", "name": "吴缺", "sex": "M", "birth_date": BIRTH.isoformat(), "residence": "local"}
    dose = {"unit_code": "U01", "child_id": child_id, "vaccine": "MPSV-AC", "dose": 2, "given_on": given,
            "lot_no": "L1", "manufacturer": "M", "strategy": "catch_up", "nurse": "demo-nurse"}
    results = push(client, nurse, [item("child", child_id, child, "demo-nurse"),
                                   item("vaccination", vaccination_id, dose, "demo-nurse")], device_id="nurse-phone")
    assert [r["status"] for r in results] == ["created", "created"]
    db.session.expire_all()
    student = db.session.get(Record, checked["missing"])
    assert student.data["catch_up"] == [{"vaccine": "MPSV-AC", "date": given, "unit_code": "U01"}]
    assert student.data["catch_up_status"] == "complete" and student.rev == 2

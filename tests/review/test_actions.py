"""Review actions write aefi_review records through the sync pipeline, with an audit event; a returned report
reaches the nurse's phone through pull and comes back as a new revision."""

import pytest

from tests.aefi_records import add_report, report_data
from tests.factories import push_body, push_item
from webapp.models import AuditEvent, Record
from webapp.models.aefi import AefiPreliminaryReport


@pytest.fixture
def report(db, demo_org):
    record = add_report("U01", onset="2026-03-10T08:00:00+08:00", name="退回儿童", serious=True)
    db.session.commit()
    return record


def _act(client, auth, case_id, action, prefix, **fields):
    token = auth.csrf(f"/review/cases/{case_id}")
    data = {f"{prefix}-csrf_token": token, **{f"{prefix}-{k}": v for k, v in fields.items()}}
    return client.post(f"/review/cases/{case_id}/{action}", data=data)


def _review(db, report_id):
    db.session.expire_all()
    return db.session.query(Record).filter_by(kind="aefi_review", parent_id=report_id).one_or_none()


def test_return_with_a_reason_writes_a_review_record_and_an_audit_event(auth, client, db, report):
    auth.login("demo-county")
    resp = _act(client, auth, report.id, "return", "ret", return_reason="发病时间缺失，请补充")
    assert resp.status_code == 302
    review = _review(db, report.id)
    assert review.data == {"aefi_id": report.id, "status": "returned", "return_reason": "发病时间缺失，请补充"}
    assert review.unit_code == "U01" and review.captured_by == "demo-county"
    assert db.session.get(Record, report.id).state == "returned"
    event = db.session.query(AuditEvent).filter_by(action="aefi_review.return").one()
    assert event.object_id == report.id and event.actor == "demo-county" and event.after["status"] == "returned"


def test_return_without_a_reason_is_refused_naming_the_field(auth, client, db, report):
    auth.login("demo-county")
    resp = _act(client, auth, report.id, "return", "ret", return_reason="")
    assert resp.status_code == 302
    assert "退回原因：此项为必填项" in client.get(f"/review/cases/{report.id}").get_data(as_text=True)
    assert _review(db, report.id) is None


def test_classification_and_close_update_the_same_review_record(auth, client, db, report):
    auth.login("demo-county")
    _act(client, auth, report.id, "classify", "cls", final_class="psychogenic", who_causality="")
    _act(client, auth, report.id, "close", "cls2", note="结案")
    review = _review(db, report.id)
    assert review.rev == 2
    assert review.data == {"aefi_id": report.id, "status": "closed", "final_class": "psychogenic",
                           "who_causality": "A4", "note": "结案"}


def test_inconsistent_who_category_is_refused(auth, client, db, report):
    auth.login("demo-county")
    _act(client, auth, report.id, "classify", "cls", final_class="coincidental", who_causality="A1")
    html = client.get(f"/review/cases/{report.id}").get_data(as_text=True)
    assert "WHO 因果关系：WHO 因果关系与最终分类不一致" in html
    assert _review(db, report.id) is None


def test_investigation_times_drive_the_timers_and_the_preliminary_report_is_kept(auth, client, db, report):
    auth.login("demo-county")
    resp = _act(client, auth, report.id, "investigate", "inv", investigation_started_at="2026-03-10T15:00",
                investigation_reported_at="2026-03-12T15:00", preliminary_reported_at="2026-03-13T09:00")
    assert resp.status_code == 302
    review = _review(db, report.id)
    assert review.data["investigation_started_at"] == "2026-03-10T15:00:00+08:00"
    assert db.session.get(AefiPreliminaryReport, report.id).recorded_by == "demo-county"
    html = client.get(f"/review/cases/{report.id}").get_data(as_text=True)
    assert "48小时内开始调查：按时" in html and "7日内初步调查报告：按时" in html


def test_nurse_cannot_post_a_review_action(auth, client, db, report):
    auth.login("demo-nurse")
    token = auth.csrf("/")
    resp = client.post(f"/review/cases/{report.id}/return", data={"ret-csrf_token": token,
                                                                "ret-return_reason": "x"})
    assert resp.status_code == 403 and _review(db, report.id) is None


def test_returned_report_round_trips_through_sync(auth, client, db, token_for):
    nurse = token_for("demo-nurse", "phone-1")
    item = push_item("aefi_report", report_data(name="往返儿童"), captured_at="2026-03-10T12:00:00+08:00")
    pushed = client.post("/api/v1/sync/push", json=push_body([item], device_id="phone-1"), headers=nurse)
    assert pushed.get_json()["results"][0]["status"] == "created"

    auth.login("demo-county")
    assert _act(client, auth, item["id"], "return", "ret", return_reason="请补充接种部位").status_code == 302

    changes = client.get("/api/v1/sync/pull", headers=nurse).get_json()["changes"]
    (review,) = [c for c in changes if c["kind"] == "aefi_review"]
    assert review["data"]["status"] == "returned" and review["data"]["return_reason"] == "请补充接种部位"
    assert review["data"]["aefi_id"] == item["id"]

    fixed = dict(item, base_rev=1, data=report_data(name="往返儿童", course="接种后发热，已补充接种部位"))
    again = client.post("/api/v1/sync/push", json=push_body([fixed], device_id="phone-1"), headers=nurse)
    assert again.get_json()["results"][0] == {"id": item["id"], "status": "updated", "rev": 2}
    html = client.get(f"/review/cases/{item['id']}").get_data(as_text=True)
    assert "已补充接种部位" in html
    queue = client.get("/review/?status=returned").get_data(as_text=True)
    assert "往返儿童" in queue and "报告已修改" in queue


def test_a_stale_review_is_a_conflict_with_a_clear_message(db, demo_org, report):
    from types import SimpleNamespace

    from webapp.models import User
    from webapp.services.aefi.cases import get_case
    from webapp.services.aefi.review import ReviewError, review_case

    county = db.session.query(User).filter_by(username="demo-county").one()
    review_case(county, get_case(county, report.id), "receive", {})
    review_case(county, get_case(county, report.id), "classify", {"final_class": "coincidental"})
    stale = get_case(county, report.id)
    stale.review = SimpleNamespace(id=stale.review.id, rev=1, data={"aefi_id": report.id, "status": "received"})
    with pytest.raises(ReviewError) as err:
        review_case(county, stale, "return", {"return_reason": "请补充"})
    assert err.value.errors == {"status": "该个案刚被他人修改，请刷新页面后再操作"}

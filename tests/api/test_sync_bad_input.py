"""Bad input to POST /sync/push: whole-request problems, and per-item rejections that store nothing of the item."""

import base64

import pytest

from tests.factories import (
    aefi_report_data,
    child_data,
    new_id,
    precheck_data,
    push_body,
    push_item,
    student_check_data,
    vaccination_data,
)
from tests.sync_client import sync as sync_fixture
from webapp.models import Record

sync = sync_fixture  # the fixture, for the tests below


def _problem(resp, status):
    assert resp.status_code == status and resp.mimetype == "application/problem+json", resp.get_data(as_text=True)
    body = resp.get_json()
    assert body["status"] == status and "Traceback" not in resp.get_data(as_text=True)
    return body


def test_malformed_json_is_a_400_problem(sync, client):
    resp = client.post("/api/v1/sync/push", data="{not json", content_type="application/json",
                       headers=sync.auth("demo-nurse"))
    assert _problem(resp, 400)["detail"] == "请求体不是有效的 JSON"


def test_an_envelope_with_wrong_types_is_a_422_naming_each_field(sync, client):
    body = {"device_id": 5, "schema_version": "1", "items": {}}
    resp = client.post("/api/v1/sync/push", json=body, headers=sync.auth("demo-nurse"))
    assert _problem(resp, 422)["errors"] == {"device_id": ["类型无效"], "schema_version": ["应为整数"],
                                            "items": ["应为列表"]}


def test_501_items_is_a_413_problem_and_nothing_is_stored(sync, db):
    items = [push_item("child", child_data()) for _ in range(501)]
    body = _problem(sync.push(items), 413)
    assert body["detail"] == "每次最多提交 500 条记录，请分批发送" and body["max_items"] == 500
    assert db.session.query(Record).count() == 0


def test_500_items_are_accepted(sync, db):
    items = [push_item("child", child_data()) for _ in range(500)]
    assert sync.statuses(items) == ["created"] * 500
    assert db.session.query(Record).count() == 500


def test_a_too_old_schema_version_is_a_426_saying_which_is_needed(sync, app):
    app.config.update(SYNC_SCHEMA_VERSION=3, SYNC_MIN_SCHEMA_VERSION=2)
    body = _problem(sync.push([], schema_version=1), 426)
    assert body["min_schema_version"] == 2 and body["schema_version"] == 3
    assert body["detail"] == "应用的数据版本 1 过旧，服务器需要版本 2 或更新，请更新应用后再同步"


def test_the_previous_schema_version_is_still_accepted(sync, app):
    app.config.update(SYNC_SCHEMA_VERSION=3, SYNC_MIN_SCHEMA_VERSION=2)
    assert sync.statuses([push_item("child", child_data())], schema_version=2) == ["created"]


def test_a_schema_version_newer_than_the_server_is_a_422(sync):
    assert _problem(sync.push([], schema_version=2), 422)["errors"] == {"schema_version": ["服务器尚不支持数据版本 2"]}


def test_no_token_is_a_401_problem_and_a_revoked_one_too(sync, client, db):
    resp = client.post("/api/v1/sync/push", json=push_body([]))
    assert _problem(resp, 401)["title"] == "需要登录" and resp.headers["WWW-Authenticate"] == "Bearer"
    headers = sync.auth("demo-nurse")
    from webapp.models import DeviceToken
    from webapp.services.accounts.tokens import revoke_token
    revoke_token("demo-admin", db.session.query(DeviceToken).one().id)
    db.session.commit()
    _problem(client.post("/api/v1/sync/push", json=push_body([]), headers=headers), 401)


def test_too_many_pushes_are_a_429_with_retry_after(sync, app):
    app.config["API_RATE_LIMIT"] = "2 per minute"
    assert sync.push([]).status_code == 200 and sync.push([]).status_code == 200
    resp = sync.push([])
    _problem(resp, 429)
    assert int(resp.headers["Retry-After"]) > 0


@pytest.mark.parametrize("item, errors", [
    ("not an object", {"_schema": ["应为对象"]}),
    ({"kind": "child", "id": "not-a-uuid", "captured_at": "2026-11-22T09:10:00+08:00", "captured_by": "demo-nurse",
      "data": {}}, {"id": ["应为 UUID"]}),
    ({"kind": "horse", "id": "a3bb189e-8bf9-4888-9912-ace4e6543002", "captured_at": "2026-11-22T09:10:00",
      "captured_by": "demo-nurse", "data": []},
     {"kind": ["未知记录类型"], "captured_at": ["时间必须带时区偏移，如 +08:00"], "data": ["应为对象"]}),
])
def test_a_broken_envelope_is_rejected_naming_the_field(sync, item, errors):
    res = sync.results([item])[0]
    assert res["status"] == "rejected" and res["errors"] == errors


def _rejected(sync, kind, data, user="demo-nurse", **kw):
    res = sync.results([push_item(kind, data, captured_by=user, **kw)], user=user)[0]
    assert res["status"] == "rejected", res
    return res["errors"]


def test_a_birth_date_in_the_future_is_rejected(sync):
    assert _rejected(sync, "child", child_data(birth_date="2999-01-01")) == {
        "birth_date": ["日期不能晚于今天（已按设备时钟偏差校正）"]}


def test_an_impossible_calendar_date_is_rejected(sync):
    assert _rejected(sync, "child", child_data(birth_date="2025-02-30")) == {
        "birth_date": ["日期无效，应为 YYYY-MM-DD"]}


def test_wrong_types_in_data_are_rejected_per_field(sync):
    data = child_data(sex="male", name=12, village_code=None)
    data["residence"] = True
    assert _rejected(sync, "child", data) == {"sex": ["应为以下之一：M, F"], "name": ["类型无效"],
                                              "residence": ["类型无效"]}


def test_a_missing_hard_required_field_is_rejected_and_a_missing_qc_field_is_accepted(sync):
    data = child_data()
    del data["guardian_phone"], data["certificate_no"]
    assert sync.statuses([push_item("child", data)]) == ["created"]
    del data["birth_date"]
    assert _rejected(sync, "child", data) == {"birth_date": ["必填字段"]}


def test_an_unknown_data_field_is_rejected(sync):
    assert _rejected(sync, "child", child_data(favourite_colour="红")) == {"favourite_colour": ["未知字段"]}


def test_an_unknown_vaccine_code_is_rejected(sync, db):
    child = push_item("child", child_data())
    sync.push([child])
    assert _rejected(sync, "vaccination", vaccination_data(child["id"], vaccine="COVID-X")) == {
        "vaccine": ["未知疫苗代码：COVID-X"]}
    assert _rejected(sync, "precheck", precheck_data(child["id"], planned=[{"vaccine": "XYZ", "dose": 1}])) == {
        "planned.0.vaccine": ["未知疫苗代码：XYZ"]}


def test_onset_before_vaccination_is_rejected_naming_onset_at(sync):
    data = aefi_report_data()
    data["vaccines"][0]["vaccinated_on"] = "2999-01-01"
    errors = _rejected(sync, "aefi_report", data)
    assert errors["onset_at"] == ["发病时间不能早于接种日期"]


def test_aefi_dates_out_of_order_are_rejected_with_the_field_named(sync):
    data = aefi_report_data()
    data["discovered_at"], data["reported_at"] = data["reported_at"], data["discovered_at"]
    assert _rejected(sync, "aefi_report", data) == {"reported_at": ["报告时间不能早于发现时间"]}
    late = aefi_report_data()
    late["discovered_at"] = "2020-01-01T00:00:00+08:00"
    assert _rejected(sync, "aefi_report", late)["discovered_at"] == ["发现时间不能早于发病时间"]


def test_an_aefi_report_without_child_needs_name_sex_and_birth_date(sync):
    data = aefi_report_data()
    del data["name"], data["sex"], data["birth_date"]
    assert _rejected(sync, "aefi_report", data) == {f: ["未关联受种者（child_id）时必填"]
                                                    for f in ("name", "sex", "birth_date")}


def test_four_suspected_vaccines_are_too_many(sync):
    data = aefi_report_data()
    data["vaccines"] = data["vaccines"] * 4
    assert _rejected(sync, "aefi_report", data) == {"vaccines": ["应有 1 到 3 项"]}


def test_a_dose_before_birth_on_a_certificate_is_rejected(sync):
    from tests.factories import school_check_data
    batch = push_item("school_check", school_check_data(), captured_by="demo-school")
    sync.push([batch], user="demo-school")
    data = student_check_data(batch["id"], doses=[{"vaccine": "BCG", "date": "2020-01-01"}])
    assert _rejected(sync, "student_check", data, user="demo-school") == {
        "doses.0.date": ["日期不能早于出生日期"]}


def _consent_with_signature(sync, signature):
    from tests.factories import consent_data
    child = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(child["id"]))
    sync.push([child, pre])
    return push_item("consent", consent_data(child["id"], pre["id"], signature=signature))


def test_an_oversize_signature_is_rejected_and_nothing_of_it_is_stored(sync, db):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * (70 * 1024)
    item = _consent_with_signature(sync, "data:image/png;base64," + base64.b64encode(png).decode())
    good = push_item("child", child_data())
    res = sync.results([item, good])
    assert res[0] == {"id": item["id"], "status": "rejected", "errors": {"signature": ["签名图片过大（最大 64 KB）"]}}
    assert res[1]["status"] == "created"
    assert db.session.get(Record, item["id"]) is None


def test_a_signature_that_is_not_a_png_is_rejected(sync):
    item = _consent_with_signature(sync, "data:image/jpeg;base64,/9j/4AAQ")
    assert sync.results([item])[0]["errors"] == {"signature": ["签名应为 PNG 图片（data:image/png;base64,…）"]}


def test_errors_speak_english_when_the_device_asks(sync, client):
    data = child_data()
    del data["birth_date"]
    body = push_body([push_item("child", data)])
    headers = {**sync.auth("demo-nurse"), "Accept-Language": "en"}
    res = client.post("/api/v1/sync/push", json=body, headers=headers).get_json()["results"][0]
    assert res["errors"] == {"birth_date": ["Required field"]}


def test_a_bad_item_among_good_ones_stores_exactly_the_good_ones(sync, db):
    items = [push_item("child", child_data()) for _ in range(3)]
    items.insert(1, push_item("child", child_data(sex="X")))
    items.insert(3, push_item("precheck", precheck_data(new_id())))
    assert sync.statuses(items) == ["created", "rejected", "created", "deferred", "created"]
    assert {r.id for r in db.session.query(Record).all()} == {items[i]["id"] for i in (0, 2, 4)}

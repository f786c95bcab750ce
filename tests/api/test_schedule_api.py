"""POST /api/v1/schedule/evaluate: the records.md shape, 422 naming the field, 401 without a token."""

import pytest

URL = "/api/v1/schedule/evaluate"
CHILD = {"birth_date": "2020-07-01", "on_date": "2026-09-01",
         "doses": [{"vaccine": "MPSV-A", "date": "2021-01-01"}, {"vaccine": "MPSV-A", "date": "2021-04-01"},
                   {"vaccine": "MPSV-AC", "date": "2023-07-01"}, {"vaccine": "MMR", "date": "2021-01-15"}]}


def test_evaluation_has_the_records_md_shape(client, token_for):
    resp = client.post(URL, json=CHILD, headers=token_for("demo-nurse"))
    body = resp.get_json()
    assert resp.status_code == 200
    assert set(body) == {"schedule", "complete", "missing", "not_counted", "notes"}
    assert body["schedule"] == "nip-2025" and body["complete"] is False
    assert {"series": "MenAC", "dose": 2, "vaccine": "MPSV-AC", "due_since": "2026-07-01"} in body["missing"]
    assert body["not_counted"] == [{"vaccine": "MMR", "date": "2021-01-15",
                                    "reason": "麻腮风疫苗在8月龄前接种，不计入常规剂次"}]


def test_school_checker_may_evaluate_too(client, token_for):
    assert client.post(URL, json=CHILD, headers=token_for("demo-school")).status_code == 200


def test_texts_follow_the_requested_language(client, token_for):
    headers = {**token_for("demo-nurse"), "Accept-Language": "en"}
    body = client.post(URL, json=CHILD, headers=headers).get_json()
    assert "does not count" in body["not_counted"][0]["reason"]


@pytest.mark.parametrize("change,field", [
    ({"doses": [{"vaccine": "XYZ", "date": "2021-01-01"}]}, "doses.0.vaccine"),
    ({"doses": [{"vaccine": "HepB", "date": "2020-06-30"}]}, "doses.0.date"),
    ({"doses": [{"vaccine": "HepB", "date": "2020-13-01"}]}, "doses.0.date"),
    ({"on_date": "2020-06-30"}, "on_date"),
    ({"birth_date": None}, "birth_date"),
    ({"schedule": "nip-1999"}, "schedule"),
])
def test_invalid_input_is_a_422_problem_naming_the_field(client, token_for, change, field):
    resp = client.post(URL, json={**CHILD, **change}, headers=token_for("demo-nurse"))
    body = resp.get_json()
    assert resp.status_code == 422 and resp.mimetype == "application/problem+json"
    assert list(body["errors"]) == [field]


def test_dose_before_birth_message_is_chinese(client, token_for):
    resp = client.post(URL, json={**CHILD, "doses": [{"vaccine": "HepB", "date": "2020-06-30"}]},
                       headers=token_for("demo-nurse"))
    assert resp.get_json()["errors"]["doses.0.date"] == ["日期不能早于出生日期"]


def test_without_a_token_it_is_401(client, demo_org):
    resp = client.post(URL, json=CHILD)
    assert resp.status_code == 401 and resp.mimetype == "application/problem+json"


def test_openapi_documents_the_request_and_the_response(client, demo_org):
    spec = client.get("/api/v1/openapi.json").get_json()
    op = spec["paths"]["/api/v1/schedule/evaluate"]["post"]
    assert op["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/EvaluateRequest")
    response = spec["components"]["schemas"]["EvaluateResponse"]
    assert set(response["properties"]) == {"schedule", "complete", "missing", "not_counted", "notes"}

"""The endpoints the fuzzer reaches through the OpenAPI document answer bad input with a 4xx problem, never a 5xx."""

import pytest

from tests.factories import push_item, school_check_data, student_check_data
from tests.sync_client import sync as sync_fixture

sync = sync_fixture
BAD_SCORES = [{}, {"unit": "U01"}, {"unit": "U01", "period": "20266"}, {"unit": "U01", "period": "0999"},
              {"unit": "U01", "period": "2026-13"}, {"unit": "U01", "period": "9999-12"},
              {"unit": "NOPE", "period": "2026"}, {"unit": "U01", "period": "2026", "template": "x" * 500},
              {"unit": "\u202e", "period": "2026-W99"}, {"unit": "U01", "period": "2026-11-D9"},
              {"unit": "U01", "period": "2026", "lang": "\x7f"}]
BAD_CALENDAR = [{"from": "20266-11"}, {"from": "2026-11", "to": "2020-01"}, {"from": "x", "to": "y"},
                {"from": "9999-12", "to": "9999-12"}, {"from": "0001-01"}, {"to": "2026-W60"},
                {"from": "1000-01", "to": "9999-12"}, {"from": "2026-Q9"}]
BAD_BODIES = [None, [], "text", {"reason": ""}, {"reason": "x", "date": "2026-02-30"},
              {"reason": "x", "date": "20266-01-01"}, {"reason": 7, "date": 7}, {"reason": ["x"], "date": ["x"]},
              {"reason": "x" * 5000, "date": "2026-09-20"}, {"reason": "x", "date": "9999-12-31"},
              {"reason": "x", "date": "0001-01-01"}, {"reason": {"a": 1}, "date": "2026-09-20"}]


@pytest.mark.parametrize("query", BAD_SCORES)
def test_scores_query_parameters_out_of_shape_are_4xx(client, token_for, query):
    resp = client.get("/api/v1/scores", query_string=query, headers=token_for("demo-county"))
    assert 400 <= resp.status_code < 500 or resp.status_code == 200, (query, resp.status_code)
    assert resp.get_json() is not None


@pytest.mark.parametrize("query", BAD_CALENDAR)
def test_zero_report_calendar_query_parameters_out_of_shape_are_4xx(client, token_for, query):
    resp = client.get("/api/v1/aefi/zero-report-calendar", query_string=query, headers=token_for("demo-county"))
    assert 400 <= resp.status_code < 500, (query, resp.status_code)
    assert resp.mimetype == "application/problem+json"


@pytest.fixture
def referred(sync):
    batch = push_item("school_check", school_check_data("S01"), captured_by="demo-school")
    pupil = push_item("student_check", student_check_data(batch["id"]), captured_by="demo-school")
    assert sync.statuses([batch, pupil], user="demo-school") == ["created", "created"]
    return pupil["id"]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_contraindication_bodies_out_of_shape_are_4xx(client, token_for, referred, body):
    resp = client.post(f"/api/v1/schools/contraindications/{referred}", json=body, headers=token_for("demo-nurse"))
    assert 400 <= resp.status_code < 500, (body, resp.status_code)
    assert resp.mimetype == "application/problem+json"


@pytest.mark.parametrize("birth_date", ["0001-01-01", "0999-12-31"])
def test_a_pushed_date_before_year_1000_is_rejected_naming_the_field(sync, birth_date):
    from tests.factories import child_data
    item = push_item("child", child_data(birth_date=birth_date))
    result = sync.results([item])[0]
    assert result["status"] == "rejected" and "birth_date" in result["errors"]

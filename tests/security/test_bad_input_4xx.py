"""Inputs that used to crash the server (500) now get a 4xx problem (API) or a Chinese error page, nothing stored."""

import base64

import pytest

from webapp.models import Record

DEEP = "[" * 5000 + "]" * 5000


@pytest.mark.parametrize("path", ["/api/v1/auth/token", "/api/v1/sync/push"])
def test_deeply_nested_json_is_a_problem_not_a_crash(client, token_for, db, path):
    resp = client.post(path, data=DEEP, content_type="application/json", headers=token_for("demo-nurse"))
    assert resp.status_code in (400, 422) and resp.mimetype == "application/problem+json"
    assert db.session.query(Record).count() == 0


def test_deeply_nested_json_in_an_object_is_a_problem_too(client, token_for):
    body = '{"device_id": "d", "items": ' + DEEP + "}"
    resp = client.post("/api/v1/sync/push", data=body, content_type="application/json",
                       headers=token_for("demo-nurse"))
    assert resp.status_code in (400, 422)


@pytest.mark.parametrize("seq", [2**63, 2**64 + 5, 10**30])
def test_a_sync_cursor_beyond_a_64_bit_change_number_is_a_422(client, token_for, seq):
    cursor = base64.urlsafe_b64encode(f"1:{seq}:x".encode()).decode().rstrip("=")
    resp = client.get("/api/v1/sync/pull", query_string={"cursor": cursor}, headers=token_for("demo-nurse"))
    assert resp.status_code == 422 and "cursor" in resp.get_json()["errors"]


@pytest.mark.parametrize("year", ["20266", "999", "0", "-5", "10000"])
def test_a_year_out_of_range_on_the_silent_units_page_is_a_400_page_in_chinese(auth, client, year):
    auth.login("demo-county")
    resp = client.get(f"/review/silent?year={year}")
    assert resp.status_code == 400 and "年份" in resp.get_data(as_text=True)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "NaN", "Infinity", "1e999"])
def test_nan_or_infinity_in_an_assessors_score_or_adjustment_is_named_and_nothing_stored(client, db, auth, value):
    from webapp.models import ScoreEntry
    auth.login("demo-county")
    url = "/scores/assess/evaluation-standard/2026/U01"
    token = auth.csrf(url)
    for field in ("score.assessment.notice_board", "adjust.assessment.precheck_register"):
        resp = client.post(url, data={"csrf_token": token, field: value, "note.assessment.notice_board": "理由",
                                      "note.assessment.precheck_register": "理由"})
        assert resp.status_code == 200 and "请输入数字" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.query(ScoreEntry).count() == 0
    scores = client.get("/api/v1/scores", query_string={"unit": "U01", "period": "2026",
                                                        "template": "evaluation-standard"})
    assert scores.status_code == 200 and scores.get_json() is not None


def test_a_nurse_cannot_file_the_summary_of_a_month_that_has_not_begun(client, db, auth):
    from datetime import date

    from webapp.models import MonthlySummary
    auth.login("demo-nurse")
    future = f"{date.today().year + 1}-01"
    url = f"/scores/summary/U01/{future}"
    resp = client.post(url, data={"csrf_token": auth.csrf(url), "text": "提前写好的总结", "action": "file"})
    assert resp.status_code == 302
    assert "尚未开始" in client.get(resp.headers["Location"]).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.query(MonthlySummary).count() == 0


@pytest.mark.parametrize("upload", [(b"GIF89a-not-supported", "board.gif"), (b"%PDF-1.4 text", "board.pdf"),
                                    (b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024), "huge.png")])
def test_an_unsupported_or_oversized_photo_is_refused_with_a_message_and_nothing_saved(client, db, auth, upload):
    import io

    from webapp.models import ScoreEntry
    auth.login("demo-county")
    url = "/scores/assess/evaluation-standard/2026/U01"
    content, name = upload
    resp = client.post(url, data={"csrf_token": auth.csrf(url), "score.assessment.notice_board": "3",
                                  "photo.assessment.notice_board": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")
    assert resp.status_code == 200 and "照片只支持 JPEG 或 PNG 格式" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.query(ScoreEntry).count() == 0


def test_a_stored_infinite_score_never_makes_the_scores_api_emit_invalid_json(app, client, token_for, db):
    import json

    from webapp.services.scoring.assessments import get_assessment
    assessment = get_assessment("evaluation-standard", "U01", "2026", create=True, assessor="demo-county")
    db.session.flush()
    from webapp.models import ScoreEntry
    db.session.add(ScoreEntry(assessment=assessment, part_code="assessment", item_code="notice_board",
                              score=float("-inf"), adjustment=0.0, note="旧数据", veto=False,
                              entered_by="demo-county"))
    db.session.commit()
    resp = client.get("/api/v1/scores", query_string={"unit": "U01", "period": "2026",
                                                       "template": "evaluation-standard"},
                      headers=token_for("demo-county"))
    assert resp.status_code == 200

    def refuse(name):
        raise AssertionError(f"invalid JSON constant {name}")
    json.loads(resp.get_data(as_text=True), parse_constant=refuse)
    assert app.json.dumps({"x": [float("nan"), 1.5]}) == '{"x": [null, 1.5]}'

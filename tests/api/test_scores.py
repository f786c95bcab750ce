"""GET /api/v1/scores: the records.md shape, scope (a nurse sees only her unit), parameter errors."""

from tests.services.scoring import data as scores_data


def test_scorecard_has_the_records_md_shape(client, db, token_for):
    ids = scores_data.build()
    db.session.commit()
    resp = client.get("/api/v1/scores?template=evaluation-standard&period=2026&unit=U01",
                      headers=token_for("demo-county"))
    assert resp.status_code == 200
    body = resp.get_json()
    assert {"template", "template_version", "period", "unit", "total", "items"} <= set(body)
    assert (body["template"], body["template_version"], body["period"], body["unit"]) == (
        "evaluation-standard", "2014.1", "2026", "U01")
    item = next(i for i in body["items"] if i["code"] == "precheck_register")
    assert {"code", "title", "max", "score", "source", "deductions"} <= set(item)
    assert item["max"] == 3 and item["source"] == "computed"
    assert item["deductions"][0]["points"] == -0.5
    assert item["deductions"][0]["evidence"] == [{"kind": "precheck", "id": ids["p2"]}]
    assert abs(body["total"] - sum(i["score"] for i in body["items"])) < 0.01


def test_a_nurse_gets_her_own_unit_and_nothing_else(client, token_for):
    headers = token_for("demo-nurse")
    own = client.get("/api/v1/scores?template=county-plan-2014&period=2026-H1", headers=headers)
    assert own.status_code == 200 and own.get_json()["unit"] == "U01"
    assert [p["code"] for p in own.get_json()["parts"]] == ["h1", "routine"]
    other = client.get("/api/v1/scores?template=county-plan-2014&period=2026-H1&unit=U03", headers=headers)
    assert other.status_code == 403


def test_a_county_user_cannot_read_another_countys_unit(client, token_for):
    resp = client.get("/api/v1/scores?template=evaluation-standard&period=2026&unit=NOPE",
                      headers=token_for("demo-county"))
    assert resp.status_code == 403


def test_bad_parameters_are_a_422_naming_the_fields(client, token_for):
    resp = client.get("/api/v1/scores?template=nope&period=2026-W47&unit=U01", headers=token_for("demo-county"))
    assert resp.status_code == 422
    assert set(resp.get_json()["errors"]) == {"template", "period"}


def test_reading_scores_keeps_the_score_history_and_the_schedule_views(client, db, token_for):
    from sqlalchemy import func, select

    from webapp.models.scoring import ScheduleStatus
    from webapp.services.scoring.history import history

    scores_data.build()
    db.session.commit()
    resp = client.get("/api/v1/scores?template=evaluation-standard&period=2026&unit=U01",
                      headers=token_for("demo-county"))
    assert resp.status_code == 200
    db.session.rollback()  # only what the request committed is left
    assert [s.cause for s in history("evaluation-standard", "U01", "2026")] == ["首次计算"]
    assert db.session.execute(select(func.count()).select_from(ScheduleStatus)).scalar_one() > 0


def test_pending_items_and_points_the_systems_settings_and_no_data(client, db, token_for):
    scores_data.build()
    db.session.commit()
    body = client.get("/api/v1/scores?template=county-plan-2014&period=2026&unit=U01",
                      headers=token_for("demo-county")).get_json()
    pending = [i for i in body["items"] if i["pending"]]
    survey = {"primary_coverage_12m", "nip_coverage", "bcg_scar", "booster_coverage_90", "booster_coverage_95",
              "survey_unvaccinated", "card_concordance", "card_rate", "certificate_rate",
              "schedule_correct"}  # 三 without a survey
    assert {i["code"] for i in pending if i["source"] != "manual"} == survey
    assert any(i["source"] == "manual" for i in pending)
    weight = {"h1": 0.5, "h2": 0.5, "routine": 1}
    # 三 without a survey: none of its lines (max 0, deducting from the section's 40) is judged: its 40 are pending
    assert body["pending_points"] == round(sum(weight[i["part"]] * i["max"] for i in pending
                                               if i["code"] not in ("afp_found", "other_cases_found", "hbig_bonus"))
                                           + 0.5 * 40 + 0.5 * 40, 2)
    assert body["scored"] == round(body["total"] - body["pending_points"], 2) and body["no_data"] is False
    late = next(i for i in body["items"] if i["code"] == "information_system")
    assert late["basis"] == "system" and "0.1" in late["setting"]
    assert next(i for i in body["items"] if i["code"] == "hbsag_screening")["basis"] == "plan"
    empty = client.get("/api/v1/scores?template=county-plan-2014&period=2026&unit=U02",
                       headers=token_for("demo-county")).get_json()
    assert (empty["total"], empty["scored"], empty["no_data"]) == (None, None, True)

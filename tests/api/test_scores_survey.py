"""范本1 三 from a village survey pushed through POST /api/v1/sync/push, read back from GET /api/v1/scores."""

import pytest

from tests.factories import child_data, push_item, survey_child_data, survey_data, vaccination_data
from tests.sync_client import sync as sync_fixture

sync = sync_fixture  # the fixture, for the tests below
BIRTH = "2025-03-01"
PRIMARY = [("HepB", "2025-03-01"), ("BCG", "2025-03-01"), ("HepB", "2025-04-01"), ("IPV", "2025-05-01"),
           ("DTaP", "2025-05-01"), ("IPV", "2025-06-01"), ("bOPV", "2025-07-01"), ("DTaP", "2025-07-01"),
           ("DTaP", "2025-09-01"), ("HepB", "2025-09-01"), ("MPSV-A", "2025-09-01"), ("JE-L", "2025-11-01"),
           ("MMR", "2025-11-01"), ("MPSV-A", "2025-12-01")]
SCORES = "/api/v1/scores?template=county-plan-2014&unit=U01&period="


def _registry_child(sync, doses):
    """A U01 child born 2025-03-01 with these doses, pushed by the unit's nurse; (child id, {vaccine+day: id})."""
    child = push_item("child", child_data(birth_date=BIRTH))
    shots, numbers = [], {}
    for vaccine, day in doses:
        numbers[vaccine] = numbers.get(vaccine, 0) + 1
        shots.append(push_item("vaccination", vaccination_data(child["id"], vaccine=vaccine, dose=numbers[vaccine],
                                                               given_on=day)))
    assert set(sync.statuses([child, *shots])) == {"created"}
    return child["id"], {(s["data"]["vaccine"], s["data"]["given_on"]): s["id"] for s in shots}


@pytest.fixture
def surveyed(sync):
    """U01's H1 survey: k1 (registry, JE-L on another day on the certificate), k2 (漏卡, no BCG scar),
    k3 (registry without MMR, no certificate)."""
    c1, shots1 = _registry_child(sync, PRIMARY)
    c3, _ = _registry_child(sync, [d for d in PRIMARY if d[0] != "MMR"])
    survey = push_item("survey", survey_data(), captured_by="demo-county")
    cert1 = [{"vaccine": v, "date": "2025-11-03" if v == "JE-L" else d} for v, d in PRIMARY]
    kids = [survey_child_data(survey["id"], c1, doses=cert1, bcg_scar="yes"),
            survey_child_data(survey["id"], None, name="李小红", doses=[{"vaccine": v, "date": d} for v, d in PRIMARY],
                              bcg_scar="no"),
            survey_child_data(survey["id"], c3, certificate="absent", doses=[], bcg_scar="not_applicable")]
    items = [push_item("survey_child", k, captured_by="demo-county") for k in kids]
    assert sync.statuses([survey, *items], user="demo-county") == ["created"] * 4
    return {"survey": survey["id"], "k1": items[0]["id"], "k2": items[1]["id"], "k3": items[2]["id"],
            "je1": shots1[("JE-L", "2025-11-01")]}


def _items(body, part):
    return {i["code"]: i for i in body["items"] if i["part"] == part}


def _deductions(item):
    return [(d["points"], [(e["kind"], e["id"]) for e in d["evidence"]]) for d in item["deductions"]]


def test_section_three_is_scored_from_the_pushed_survey_with_its_records_as_evidence(client, token_for, surveyed):
    body = client.get(SCORES + "2026-H1", headers=token_for("demo-county")).get_json()
    assert body["survey"] == {"id": surveyed["survey"], "village_code": "V01", "children": 3}
    h1 = _items(body, "h1")
    k1, k2, k3 = (("survey_child", surveyed[k]) for k in ("k1", "k2", "k3"))
    # the five vaccines by 12 months, pooled: 14 of 15 doses (k3 lacks MCV1) = 93.33%: (98 − 93.33) / 3 = 1.56
    assert _deductions(h1["primary_coverage_12m"]) == [(-1.56, [k3])]
    assert h1["primary_coverage_12m"]["deductions"][0]["reason"] == "调查12月龄基础免疫覆盖率 93.33% < 98%（14/15）"
    assert _deductions(h1["nip_coverage"]) == []
    assert _deductions(h1["bcg_scar"]) == [(-10.0, [k2])]                 # 1 of 2 checked: (100 − 50) / 5
    assert _deductions(h1["survey_unvaccinated"]) == [(-0.2, [k3])]       # k3 has no MMR
    assert _deductions(h1["card_concordance"]) == [(-0.2, [k1, ("vaccination", surveyed["je1"])])]
    reason = h1["card_concordance"]["deductions"][0]["reason"]
    assert reason == "接种证与系统日期不符：JE-L 证2025-11-03／系统2025-11-01"
    assert _deductions(h1["card_rate"]) == [(-5.0, [k2])]                 # 漏卡
    assert _deductions(h1["certificate_rate"]) == [(-6.67, [k3])]         # 2 of 3: (100 − 66.67) / 5
    assert all(h1[code]["status"] == "scored" for code in ("bcg_scar", "card_rate", "certificate_rate"))
    section = next(s for s in body["parts"][0]["sections"] if s["code"] == "coverage_survey")
    assert section["score"] == round(40 - 1.56 - 10 - 0.2 - 0.2 - 5 - 6.67, 2)


def test_a_half_year_without_a_survey_leaves_section_three_pending(client, token_for, surveyed):
    body = client.get(SCORES + "2026-H2", headers=token_for("demo-county")).get_json()
    assert body["survey"] is None
    h2 = _items(body, "h2")
    for code in ("primary_coverage_12m", "nip_coverage", "bcg_scar", "booster_coverage_90", "booster_coverage_95",
                 "survey_unvaccinated", "card_concordance", "card_rate", "certificate_rate"):
        assert h2[code]["status"] == "pending" and h2[code]["deductions"] == [] and h2[code]["score"] == 0, code


def test_a_later_record_of_a_surveyed_child_changes_the_survey_scores(client, token_for, sync, surveyed):
    first = _items(client.get(SCORES + "2026-H1", headers=token_for("demo-county")).get_json(), "h1")
    assert len(first["card_concordance"]["deductions"]) == 1
    moved_in = survey_child_data(surveyed["survey"], None, name="李小红", resident_since="2026-06-01", bcg_scar="no")
    fix = push_item("survey_child", moved_in, id=surveyed["k2"], base_rev=1, captured_by="demo-county")
    assert sync.statuses([fix], user="demo-county") == ["updated"]  # she came a month before the survey
    second = _items(client.get(SCORES + "2026-H1", headers=token_for("demo-county")).get_json(), "h1")
    assert _deductions(second["card_rate"]) == [] and _deductions(first["card_rate"])


def test_the_scores_of_a_plan_without_a_survey_section_have_no_survey_field(client, token_for, surveyed):
    body = client.get("/api/v1/scores?template=evaluation-standard&unit=U01&period=2026",
                      headers=token_for("demo-county")).get_json()
    assert "survey" not in body

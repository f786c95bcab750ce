"""Template loading: both built-in plans are complete; broken templates fail with the item named."""

import copy
from pathlib import Path

import pytest
import yaml

from webapp.domain.metrics import METRICS
from webapp.domain.rubric import TemplateError, load_template, parse_template

RUBRICS = Path(__file__).resolve().parents[3] / "webapp" / "rubrics"


def raw(name="evaluation-standard"):
    return yaml.safe_load((RUBRICS / f"{name}.yaml").read_text(encoding="utf-8"))


def codes(template, part):
    return {i.code: i for p, s, i in template.items() if p.code == part}


def test_evaluation_standard_has_the_fixed_items_with_the_plans_points():
    t = load_template(RUBRICS / "evaluation-standard.yaml", METRICS)
    items = codes(t, "assessment")
    assert t.total == 100
    assert {k: items[k].max for k in ("precheck_register", "special_populations", "information_system_concordance",
                                      "aefi_monitoring", "certificate_rate", "coverage")} == {
        "precheck_register": 3, "special_populations": 2, "information_system_concordance": 4,
        "aefi_monitoring": 3, "certificate_rate": 10, "coverage": 30}
    assert sum(i.max for i in items.values()) == 100
    assert items["precheck_register"].title.startswith("建立预检登记制度")


def test_county_plan_combines_two_halves_and_routine_work():
    t = load_template(RUBRICS / "county-plan-2014.yaml", METRICS)
    assert [(p.code, p.weight, p.total, p.period) for p in t.parts] == [
        ("h1", 0.5, 80, "H1"), ("h2", 0.5, 80, "H2"), ("routine", 1, 20, "year")]
    assert [s.max for s in t.parts[0].sections] == [5, 5, 40, 5, 25]
    h2 = codes(t, "h2")
    assert h2["consent_notice"].rule.params["points"] == 0.1
    assert h2["aefi_surveillance"].metric == "aefi_no_report_year"
    assert t.parts[0].sections[2].floor is None  # 三 可扣负分


def test_unknown_metric_names_the_item():
    data = raw()
    data["parts"][0]["sections"][1]["items"][3]["metric"] = "no_such_metric"
    with pytest.raises(TemplateError, match="item precheck_register: unknown metric 'no_such_metric'"):
        parse_template(data, METRICS)


def test_points_that_do_not_add_up_name_the_section():
    data = raw()
    data["parts"][0]["sections"][0]["items"][0]["max"] = 3
    with pytest.raises(TemplateError, match="section records: items add up to 3"):
        parse_template(data, METRICS)


def test_sections_that_do_not_reach_the_plans_total_fail():
    data = raw()
    data["parts"][0]["total"] = 90
    with pytest.raises(TemplateError, match="part assessment: sections add up to 100"):
        parse_template(data, METRICS)


def test_parts_must_reach_the_template_total():
    data = raw("county-plan-2014")
    data["parts"][2]["weight"] = 0.5
    with pytest.raises(TemplateError, match="parts add up to 90"):
        parse_template(data, METRICS)


@pytest.mark.parametrize("rule,message", [
    ({"type": "per_step_below", "target": 95, "points": 1}, "needs step"),
    ({"type": "per_step_below", "target": 95, "step": 0, "points": 1}, "step > 0"),
    ({"type": "sometimes"}, "rule type must be one of"),
    ({"type": "per_occurrence", "points": "half"}, "must be a number"),
])
def test_a_bad_rule_names_the_item(rule, message):
    data = copy.deepcopy(raw())
    data["parts"][0]["sections"][9]["items"][0]["rule"] = rule
    with pytest.raises(TemplateError, match=f"item certificate_rate: .*{message}"):
        parse_template(data, METRICS)


def test_a_system_item_must_name_the_systems_setting():
    raw = {"id": "t", "version": "1", "total": 1, "parts": [{"code": "p", "total": 1, "sections": [
        {"code": "s", "title": "S", "max": 1, "items": [
            {"code": "i", "title": "I", "max": 1, "basis": "system", "rule": {"type": "manual"}}]}]}]}
    with pytest.raises(TemplateError, match="item i: a basis: system item needs `setting`"):
        parse_template(raw, set())
    raw["parts"][0]["sections"][0]["items"][0]["setting"] = "满分1分"
    item = parse_template(raw, set()).parts[0].sections[0].items[0]
    assert (item.basis, item.setting) == ("system", "满分1分")
    raw["parts"][0]["sections"][0]["items"][0]["basis"] = "guess"
    with pytest.raises(TemplateError, match="basis must be plan or system"):
        parse_template(raw, set())


def test_hepa_is_a_primary_dose_of_the_expanded_programme_not_a_booster():
    template = load_template(RUBRICS / "county-plan-2014.yaml", METRICS)
    groups = {i.code: i.rule.params.get("groups", []) for _, _, i in template.items()}
    assert "HepA-1" not in groups["booster_coverage_95"] and "HepA-1" in groups["nip_coverage"]

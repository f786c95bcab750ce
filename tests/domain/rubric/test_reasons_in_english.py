"""Deduction reasons in English on request; the Chinese reasons stay as they were, an assessor's note as typed."""

from pathlib import Path

import pytest
import yaml

from webapp.domain.metrics import METRICS
from webapp.domain.rubric import TemplateError, load_template, parse_template
from webapp.domain.rubric.engine import ManualEntry, score_item
from webapp.domain.rubric.model import Evidence, Finding, Item, Measure, Rule, Section
from webapp.domain.rubric.rules import RULES

RUBRICS = Path(__file__).resolve().parents[3] / "webapp" / "rubrics"


def item(max_=3.0, rule="per_occurrence", **params):
    return Item("x", "x", max_, Rule(rule, params), "m")


def missed(n):
    return [Finding(f"缺{i}", (Evidence("child", f"c{i}"),), lambda i: f"missing {i}", i) for i in range(n)]


@pytest.mark.parametrize("lang", [None, "zh_CN", "zh"])
def test_a_finding_reads_chinese_outside_english(lang):
    assert missed(1)[0].reason_for(lang) == "缺0"


@pytest.mark.parametrize("lang", ["en", "en_GB", "EN"])
def test_a_finding_formats_its_english_only_when_asked(lang):
    calls = []
    finding = Finding("缺", (), lambda v: calls.append(v) or f"missing {v}", "HepB")
    assert calls == []
    assert finding.reason_for(lang) == "missing HepB" and calls == ["HepB"]


def test_a_finding_without_english_keeps_its_chinese_reason_in_english():
    assert Finding("2026-03-01 接种过早").reason_for("en") == "2026-03-01 接种过早"


def test_a_findings_english_may_be_a_fixed_text():
    finding = Finding("母亲HBsAg未筛查", (), "Mother's HBsAg not screened")
    assert finding.reason_for("en") == "Mother's HBsAg not screened" and finding.reason_for(None) == "母亲HBsAg未筛查"


def test_rate_rule_reason_names_the_measure_in_english():
    m = Measure(numerator=187, denominator=200, label="建证率", label_en="Certificate rate")
    (d,) = RULES["per_step_below"](item(), m, {"target": 95, "step": 1, "points": 1})
    assert d.reason == "建证率 93.50% < 95%（187/200）" == d.reason_for("zh_CN")
    assert d.reason_for("en") == "Certificate rate 93.50% < 95% (187/200)"


def test_rate_rule_per_group_falls_back_to_the_chinese_label_then_the_group_key():
    m = Measure(groups={"a": Measure(numerator=1, denominator=2, label="甲组"),
                        "b": Measure(numerator=1, denominator=2)})
    da, db = RULES["per_step_below"](item(), m, {"target": 90, "step": 10, "points": 1, "groups": ["a", "b"]})
    assert da.reason_for("en") == "甲组 50.00% < 90% (1/2)" and db.reason_for("en") == "b 50.00% < 90% (1/2)"


def test_ratio_reasons_in_english():
    m = Measure(numerator=3, denominator=4, label="知情告知", label_en="Informed consent", findings=missed(1))
    (d,) = RULES["ratio"](item(2.0, "ratio"), m, {})
    assert d.reason == "知情告知 75.00%（3/4）" and d.reason_for("en") == "Informed consent 75.00% (3/4)"
    (empty,) = RULES["ratio"](item(2.0, "ratio"), Measure(), {"empty": "zero"})
    assert empty.reason == "无应计对象" and empty.reason_for("en") == "Nothing to count"


def test_per_occurrence_and_bonus_carry_each_findings_english():
    ds = RULES["per_occurrence"](item(points=0.5), Measure(findings=missed(2)), {"points": 0.5})
    assert [d.reason for d in ds] == ["缺0", "缺1"] and [d.reason_for("en") for d in ds] == ["missing 0", "missing 1"]
    (b,) = RULES["bonus"](item(2.0, "bonus"), Measure(findings=missed(1)), {"points": 2})
    assert b.reason_for("en") == "missing 0"


def test_all_or_nothing_joins_the_first_five_findings_in_english():
    (d,) = RULES["all_or_nothing"](item(), Measure(findings=[*missed(6), Finding("无英文")]), {})
    assert d.reason == "缺0；缺1；缺2；缺3；缺4 …（7）"
    assert d.reason_for("en") == "missing 0; missing 1; missing 2; missing 3; missing 4 … (7)"
    (mixed,) = RULES["all_or_nothing"](item(), Measure(findings=[*missed(1), Finding("无英文")]), {})
    assert mixed.reason_for("en") == "missing 0; 无英文"


def test_all_or_nothing_names_a_repeated_finding_once_with_its_count():
    same = [Finding("缺电话", (Evidence("child", f"c{i}"),), "no phone") for i in range(8)]
    found = Measure(findings=[*same[:3], *missed(1), *same[3:]])
    (d,) = RULES["all_or_nothing"](item(2.0, "all_or_nothing"), found, {})
    assert d.reason == "缺电话（8处）；缺0" and d.reason_for("en") == "no phone ×8; missing 0"
    assert len(d.evidence) == 9 and d.points == -2


def test_all_or_nothing_counts_every_finding_past_five_distinct_ones():
    (d,) = RULES["all_or_nothing"](item(), Measure(findings=[*missed(6), *missed(6)]), {})
    assert d.reason == "缺0（2处）；缺1（2处）；缺2（2处）；缺3（2处）；缺4（2处） …（12）"
    assert d.reason_for("en").endswith("missing 4 ×2 … (12)")


def test_nothing_examined_reads_no_records_or_the_plans_english_reason():
    (plain,) = RULES["none_then_zero"](item(), Measure(), {})
    assert plain.reason == "无记录" and plain.reason_for("en") == "No records"
    (own,) = RULES["none_then_zero"](item(), Measure(), {"reason": "无预检登记记录",
                                                         "reason_en": "No pre-vaccination screening records"})
    assert own.reason == "无预检登记记录" and own.reason_for("en") == "No pre-vaccination screening records"
    (untranslated,) = RULES["none_then_zero"](item(), Measure(), {"reason": "无专册"})
    assert untranslated.reason_for("en") == "无专册"


def test_assessor_entries_read_on_site_in_english_and_notes_are_never_translated():
    section = Section("s", "s", 3.0, ())
    computed = item(3.0, "per_occurrence", points=1)
    (d,) = score_item("p", section, computed, Measure(), ManualEntry(adjustment=-1)).deductions
    assert d.reason == "现场核查" and d.reason_for("en") == "On-site check"
    manual = Item("m", "m", 3.0, Rule("manual", {}))
    (d,) = score_item("p", section, manual, None, ManualEntry(score=2)).deductions
    assert d.reason == "现场评分" and d.reason_for("en") == "On-site score"
    (d,) = score_item("p", section, manual, None, ManualEntry(score=2, note="冷链记录缺两天")).deductions
    assert d.reason_for("en") == "冷链记录缺两天" == d.note


def test_the_plans_give_english_for_their_own_nothing_examined_reasons():
    plans = [load_template(RUBRICS / f"{name}.yaml", METRICS) for name in ("evaluation-standard", "county-plan-2014")]
    rules = [i.rule.params for t in plans for _, _, i in t.items() if "reason" in i.rule.params]
    assert rules and all(p.get("reason_en") for p in rules)


def test_an_english_reason_that_is_not_text_names_the_item():
    data = yaml.safe_load((RUBRICS / "evaluation-standard.yaml").read_text(encoding="utf-8"))
    data["parts"][0]["sections"][1]["items"][3]["rule"]["reason_en"] = 3
    with pytest.raises(TemplateError, match="item precheck_register: reason_en must be text"):
        parse_template(data, METRICS)

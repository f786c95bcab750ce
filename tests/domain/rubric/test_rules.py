"""Each rule type on hand-worked numbers."""

import pytest

from webapp.domain.rubric.model import Evidence, Finding, Item, Measure, Rule
from webapp.domain.rubric.rules import RULES


def item(max_=3.0, rule="per_occurrence", **params):
    return Item("x", "x", max_, Rule(rule, params), "m")


def findings(n):
    return [Finding(f"f{i}", (Evidence("precheck", f"id{i}"),)) for i in range(n)]


def test_per_step_below_is_proportional_by_default_rounded_to_cents():
    # 93.5% against 95%, 1 point per 1% → 1.5 steps → −1.5
    m = Measure(numerator=187, denominator=200, findings=findings(2))
    (d,) = RULES["per_step_below"](item(), m, {"target": 95, "step": 1, "points": 1})
    assert d.points == -1.5
    assert [e.id for e in d.evidence] == ["id0", "id1"]


def test_per_step_below_whole_mode_counts_complete_steps_only():
    # 91.0% against 98%, 1 point per 3% → 7/3 = 2.33 steps → 2 whole steps → −2
    m = Measure(numerator=91, denominator=100)
    (d,) = RULES["per_step_below"](item(), m, {"target": 98, "step": 3, "points": 1, "mode": "whole"})
    assert d.points == -2


def test_per_step_below_proportional_small_points():
    # 92.3% against 95% at 0.1 per 1% → 2.7 × 0.1 = 0.27
    m = Measure(numerator=923, denominator=1000)
    (d,) = RULES["per_step_below"](item(), m, {"target": 95, "step": 1, "points": 0.1})
    assert d.points == -0.27


def test_per_step_below_per_group_adds_each_group_and_skips_empty_ones():
    m = Measure(groups={"A": Measure(numerator=90, denominator=100, label="A"),
                        "B": Measure(numerator=100, denominator=100), "C": Measure()})
    out = RULES["per_step_below"](item(), m, {"target": 95, "step": 1, "points": 0.1, "groups": ["A", "B", "C", "D"]})
    assert [d.points for d in out] == [-0.5]


def test_per_step_below_pooled_groups_make_one_rate_with_every_groups_findings():
    # A 1/2 and B 9/10 pooled (C not listed): 10/12 = 83.33% against 95% → 11.67 steps × 1 → −11.67 (not −45 −5)
    m = Measure(label="接种率", groups={"A": Measure(numerator=1, denominator=2, findings=findings(1)),
                                       "B": Measure(numerator=9, denominator=10, findings=findings(2)[1:]),
                                       "C": Measure(numerator=0, denominator=5)})
    (d,) = RULES["per_step_below"](item(), m, {"target": 95, "step": 1, "points": 1, "pool": True,
                                              "groups": ["A", "B", "D"]})
    assert d.points == -11.67 and d.reason == "接种率 83.33% < 95%（10/12）"
    assert [e.id for e in d.evidence] == ["id0", "id1"]


def test_per_step_below_at_or_above_target_deducts_nothing():
    m = Measure(numerator=95, denominator=100)
    assert RULES["per_step_below"](item(), m, {"target": 95, "step": 1, "points": 1}) == []


def test_per_occurrence_deducts_per_finding_with_its_records():
    out = RULES["per_occurrence"](item(), Measure(examined=9, findings=findings(3)), {"points": 0.5})
    assert [d.points for d in out] == [-0.5, -0.5, -0.5]
    assert out[2].evidence == (Evidence("precheck", "id2"),)


def test_all_or_nothing_loses_the_max_on_any_finding():
    (d,) = RULES["all_or_nothing"](item(3), Measure(findings=findings(1)), {})
    assert d.points == -3
    assert RULES["all_or_nothing"](item(3), Measure(examined=5), {}) == []


def test_none_then_zero_without_records_loses_everything_else_applies_then():
    it = item(3)
    (d,) = RULES["none_then_zero"](it, Measure(examined=0), {"then": {"type": "per_occurrence", "points": 0.5}})
    assert d.points == -3
    out = RULES["none_then_zero"](it, Measure(examined=4, findings=findings(2)),
                                  {"then": {"type": "per_occurrence", "points": 0.5}})
    assert sum(d.points for d in out) == -1.0


def test_none_then_zero_can_take_a_fixed_number_of_points():
    (d,) = RULES["none_then_zero"](item(0), Measure(), {"points": 1})
    assert d.points == -1


def test_ratio_scores_the_share():
    # 7 of 8 screened, 1 point → lose 0.125 → rounded half up to 0.13
    (d,) = RULES["ratio"](item(1), Measure(numerator=7, denominator=8), {})
    assert d.points == -0.13
    assert RULES["ratio"](item(1), Measure(), {"empty": "full"}) == []
    assert RULES["ratio"](item(1), Measure(), {"empty": "zero"})[0].points == -1


def test_bonus_adds_points_per_finding():
    out = RULES["bonus"](item(2), Measure(findings=findings(1)), {"points": 2})
    assert [d.points for d in out] == [2]


@pytest.mark.parametrize("rate,expected", [(99.99, -0.01), (90, -10.0)])
def test_per_step_below_edges(rate, expected):
    m = Measure(numerator=rate, denominator=100)
    (d,) = RULES["per_step_below"](item(), m, {"target": 100, "step": 1, "points": 1})
    assert d.points == expected

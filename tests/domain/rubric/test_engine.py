"""The engine: item and section floors, deduction-only sections, bonus, manual bounds, weighted parts, veto."""

from webapp.domain.rubric import ManualEntry, Measure, parse_template, score_template
from webapp.domain.rubric.engine import manual_bounds
from webapp.domain.rubric.model import Finding

METRICS = {"m"}
TEMPLATE = {
    "id": "t", "version": "1", "total": 100, "parts": [
        {"code": "h1", "weight": 0.5, "period": "H1", "total": 80, "sections": [
            {"code": "a", "title": "A", "max": 40, "items": [
                {"code": "p", "title": "P", "max": 30, "metric": "m", "rule": {"type": "per_occurrence", "points": 2}},
                {"code": "q", "title": "Q", "max": 10, "rule": {"type": "manual"}}]},
            {"code": "b", "title": "B", "max": 40, "deduct": True, "negative": True, "items": [
                {"code": "r", "title": "R", "metric": "m", "rule": {"type": "per_occurrence", "points": 5}},
                {"code": "s", "title": "S", "max": 2, "rule": {"type": "bonus", "points": 2}}]}]},
        {"code": "h2", "weight": 0.5, "period": "H2", "total": 80, "sections_from": "h1"},
        {"code": "routine", "weight": 1, "period": "year", "total": 20, "sections": [
            {"code": "c", "title": "C", "max": 20, "items": [
                {"code": "v", "title": "V", "max": 20, "veto": True, "rule": {"type": "manual"}}]}]}]}


def tmpl():
    return parse_template(TEMPLATE, METRICS)


def measure(n):
    return Measure(examined=50, findings=[Finding(f"f{i}") for i in range(n)])


def test_item_score_stops_at_its_floor_and_section_may_go_negative():
    # h1: p loses 20 × 2 = 40 → floored at 0; r (deduction-only, may go negative) loses 20 × 5 = 100 → B = 40 − 100
    card = score_template(tmpl(), {"h1": {"m": measure(20)}, "h2": {"m": measure(10)}}, {}, ["h1"])
    a, b = card.parts[0].sections
    assert a.items[0].score == 0 and a.score == 10  # q pending counts its max
    assert b.items[0].score == -100 and b.score == -60
    assert card.parts[0].score == -50 and card.total == -25


def test_weighted_total_is_half_each_half_year_plus_routine():
    # h1: p −4 and r −10 → 40 − 4 + 40 − 10 = 66; h2: p −2, r −5 → 73; total 0.5 × 66 + 0.5 × 73 + 20 = 89.5
    measures = {"h1": {"m": Measure(examined=5, findings=[Finding("x"), Finding("y")])},
                "h2": {"m": Measure(examined=5, findings=[Finding("x")])}}
    card = score_template(tmpl(), measures, {})
    assert [p.score for p in card.parts] == [66, 73, 20]
    assert card.total == 89.5
    assert card.max_total == 100


def test_manual_entry_is_bounded_by_max_and_section_floor():
    t = tmpl()
    section = t.parts[0].sections[0]
    assert manual_bounds(section, section.items[1]) == (0.0, 10.0)
    card = score_template(t, {}, {("h1", "q"): ManualEntry(score=14, note="过高")}, ["h1"])
    q = card.parts[0].sections[0].items[1]
    assert q.score == 10 and q.source == "manual" and not q.pending
    card = score_template(t, {}, {("h1", "q"): ManualEntry(score=7.5, note="公示不全")}, ["h1"])
    q = card.parts[0].sections[0].items[1]
    assert q.score == 7.5 and q.deductions[0].points == -2.5 and q.deductions[0].reason == "公示不全"


def test_bonus_is_added_on_top_of_a_full_section():
    card = score_template(tmpl(), {}, {("h1", "s"): ManualEntry(score=2, note="发现AFP病例")}, ["h1"])
    assert card.parts[0].sections[1].score == 42


def test_assessor_adjustment_on_a_computed_item_is_a_deduction_with_the_note():
    card = score_template(tmpl(), {"h1": {"m": Measure(examined=1)}},
                          {("h1", "r"): ManualEntry(adjustment=-3, note="调查中发现1例未报")}, ["h1"])
    r = card.parts[0].sections[1].items[0]
    assert r.score == -3 and r.deductions[0].note == "调查中发现1例未报"


def test_a_veto_zeroes_the_total():
    card = score_template(tmpl(), {}, {("routine", "v"): ManualEntry(score=20, veto=True, note="一票否决")})
    assert card.vetoed and card.total == 0


def test_pending_points_are_the_pending_items_max_weighted_and_scored_is_the_rest():
    # pending: q (10) in h1 and h2 at weight 0.5, v (20) at weight 1 → 5 + 5 + 20 = 30; bonus s is never pending
    # points. total = 89.5 (as above) → 已评 59.5
    measures = {"h1": {"m": Measure(examined=5, findings=[Finding("x"), Finding("y")])},
                "h2": {"m": Measure(examined=5, findings=[Finding("x")])}}
    card = score_template(tmpl(), measures, {})
    assert card.pending_points == 30 and card.scored == 59.5
    entered = score_template(tmpl(), measures, {("routine", "v"): ManualEntry(score=15)})
    assert entered.pending_points == 10 and entered.total == 84.5 and entered.scored == 74.5


def test_a_computed_item_is_pending_when_its_data_cannot_judge_it():
    raw = {"id": "t", "version": "1", "total": 2, "parts": [{"code": "p", "total": 2, "sections": [
        {"code": "s", "title": "S", "max": 2, "items": [{"code": "i", "title": "I", "max": 2, "metric": "m",
                                                         "rule": {"type": "per_occurrence", "points": 1,
                                                                  "pending_when_empty": True}}]}]}]}
    t = parse_template(raw, METRICS)
    empty = score_template(t, {"p": {"m": Measure(examined=0)}}, {}).parts[0].sections[0].items[0]
    assert empty.pending and empty.score == 2
    judged = score_template(t, {"p": {"m": measure(1)}}, {}).parts[0].sections[0].items[0]
    assert not judged.pending and judged.score == 1
    entered = score_template(t, {"p": {"m": Measure()}}, {("p", "i"): ManualEntry(score=1.5)})
    assert entered.parts[0].sections[0].items[0].score == 1.5 and entered.pending_points == 0


def test_a_deduction_only_section_with_nothing_judged_is_pending_whole():
    raw = {"id": "t", "version": "1", "total": 40, "parts": [{"code": "p", "total": 40, "sections": [
        {"code": "s", "title": "S", "max": 40, "deduct": True, "items": [
            {"code": "i", "title": "I", "metric": "m", "rule": {"type": "per_occurrence", "points": 1}},
            {"code": "j", "title": "J", "rule": {"type": "manual"}}]}]}]}
    t = parse_template(raw, METRICS)
    card = score_template(t, {"p": {"m": Measure(pending=True)}}, {})
    assert card.total == 40 and card.pending_points == 40 and card.scored == 0  # not earned: nobody judged it
    judged = score_template(t, {"p": {"m": measure(2)}}, {})
    assert judged.total == 38 and judged.pending_points == 0  # j (max 0) is pending, with no points at stake

"""范本2 item 11: per-vaccine coverage over the doses due in the plan's birth cohort (the two years before the
assessment year), −0.1 per 1% below 95% for each vaccine."""

from tests.domain.metrics.rows import child, shot, year_2026
from webapp.domain.metrics.cohort import vaccine_coverage
from webapp.domain.metrics.context import UnitRows
from webapp.domain.rubric.model import Item, Rule
from webapp.domain.rubric.rules import per_step_below

RULE = {"target": 95, "step": 1, "points": 0.1, "cohort": [-2, -1], "vaccines": ["Polio", "HepA"]}


def rows():
    return UnitRows("U01", children=[
        child("a", "2025-01-01"),                                       # polio 1, 2, 3 given: 3/3
        child("b", "2025-01-01"),                                       # polio 1 only: 1/3
        child("c", "2024-06-01"),                                       # none: 0/3 (dose 4 is due at 4 years)
        child("d", "2023-06-01"),                                       # born 2023: not in the cohort
        child("e", "2024-06-01", status="moved_out", status_on="2026-02-01")],  # moved out: in no denominator
        vaccinations=[shot("a1", "a", "IPV", 1, "2025-03-01"), shot("a2", "a", "IPV", 2, "2025-04-01"),
                      shot("a3", "a", "bOPV", 3, "2025-05-01"), shot("b1", "b", "IPV", 1, "2025-03-01"),
                      shot("a4", "a", "HepA-L", 1, "2026-07-05")])


def test_coverage_per_vaccine_and_birth_year():
    m = vaccine_coverage(rows(), year_2026())
    assert (m.groups["Polio@2025"].numerator, m.groups["Polio@2025"].denominator) == (4, 6)
    assert (m.groups["Polio@2024"].numerator, m.groups["Polio@2024"].denominator) == (0, 3)
    assert m.groups["Polio@2023"].denominator == 3  # d, outside the plan's cohort but counted for its year
    assert sorted(k for k in m.groups if k.startswith("Polio@")) == [f"Polio@{y}" for y in range(2020, 2027)]


def test_the_plans_cohort_adds_up_two_birth_years_and_deducts_per_vaccine():
    # polio 2024–2025: 4/9 = 44.44% → (95 − 44.44) × 0.1 = 5.06; HepA (18 months): a given, b due 2026-07-01,
    # c due 2025-12-01 → 1/3 = 33.33% → 6.17
    item = Item("coverage", "接种率", 30, Rule("per_step_below", RULE), "vaccine_coverage")
    out = per_step_below(item, vaccine_coverage(rows(), year_2026()), RULE)
    assert [(d.points, d.reason) for d in out] == [
        (-5.06, "脊灰疫苗（2024–2025年出生） 44.44% < 95%（4/9）"),
        (-6.17, "甲肝疫苗（2024–2025年出生） 33.33% < 95%（1/3）")]
    assert {e.id for e in out[0].evidence} == {"b", "c"}

"""Child status (records.md): moved-out and deceased children leave the denominators from `status_on`, a temporary
child counts only where a dose was given and never in 建证率, residence counts from `resident_since`; 五.4."""

from tests.domain.metrics.rows import child, shot, year_2026
from webapp.domain.metrics.context import UnitRows
from webapp.domain.metrics.coverage import coverage, coverage_12m
from webapp.domain.metrics.registry import certificate_rate, child_changes, timely_hepb1


def test_coverage_leaves_out_children_gone_by_the_last_day_and_counts_temporary_ones_only_when_given():
    # MCV-1 due at 8 months; every child below was born 2025-06-01 → due 2026-02-01, in period 2026
    rows = UnitRows("U01", children=[
        child("a", "2025-06-01"),                                                  # due, not given
        child("b", "2025-06-01", status="moved_out", status_on="2026-05-01"),     # gone before 12-31: out
        child("c", "2025-06-01", status="deceased", status_on="2027-01-10"),      # after the last day: stays
        child("t", "2025-06-01", status="temporary", status_on="2026-02-05"),     # given here: due 1, given 1
        child("u", "2025-06-01", status="temporary", status_on="2026-02-05")],    # not given: not counted
        vaccinations=[shot("v1", "t", "MMR", 1, "2026-02-05")])
    g = coverage(rows, year_2026()).groups["MCV-1"]
    assert (g.numerator, g.denominator) == (1, 3)
    assert sorted(f.evidence[0].id for f in g.findings) == ["a", "c"]


def test_12_month_coverage_and_timely_hepb1_follow_the_status():
    rows = UnitRows("U01", children=[
        child("a", "2025-03-01"), child("b", "2025-03-01", status="moved_out", status_on="2025-12-01"),
        child("t", "2025-03-01", status="temporary", status_on="2025-03-02")],
        vaccinations=[shot("v1", "t", "BCG", 1, "2025-03-02")])
    bcg = coverage_12m(rows, year_2026()).groups["BCG-1"]
    assert (bcg.numerator, bcg.denominator) == (1, 2)  # a missed; b gone; t given
    born = UnitRows("U01", children=[
        child("x", "2026-02-01"), child("y", "2026-02-01", status="temporary", status_on="2026-02-02"),
        child("z", "2026-02-01", status="deceased", status_on="2026-02-03")])
    m = timely_hepb1(born, year_2026())
    assert (m.numerator, m.denominator) == (0, 1)  # only x: y temporary without the dose, z deceased


def test_certificate_rate_counts_residence_from_resident_since_and_never_a_temporary_child():
    # last day 2026-12-31; resident ≥ 3 months → since 2026-10-02 or earlier
    rows = UnitRows("U01", children=[
        child("a", "2024-01-01", certificate_no=None),                                    # local by birth: counts
        child("b", "2024-01-01", certificate_no=None, resident_since="2026-11-15"),       # moved in 6 weeks ago
        child("m", "2024-01-01", residence="migrant", registered_on="2026-12-01", certificate_no=None,
              resident_since="2026-01-10"),                                               # lived here since January
        child("t", "2024-01-01", certificate_no=None, status="temporary", status_on="2026-06-01"),
        child("g", "2024-01-01", certificate_no=None, status="moved_out", status_on="2026-08-01")])
    m = certificate_rate(rows, year_2026())
    assert (m.numerator, m.denominator) == (0, 2)
    assert [f.evidence[0].id for f in m.findings] == ["a", "m"]


def test_child_changes_counts_the_periods_changes_and_the_late_ones():
    rows = UnitRows("U01", children=[
        child("a", "2024-01-01", status="moved_out", status_on="2026-03-01", status_recorded_on="2026-03-20"),
        child("b", "2024-01-01", status="deceased", status_on="2026-04-01", status_recorded_on="2026-06-01"),
        child("c", "2024-01-01", status="moved_out", status_on="2025-04-01", status_recorded_on="2026-06-01"),
        child("t", "2024-01-01", status="temporary", status_on="2026-04-01", status_recorded_on="2026-09-01"),
        child("d", "2024-01-01")])
    m = child_changes(rows, year_2026())
    assert m.examined == 2 and [f.evidence[0].id for f in m.findings] == ["b"]
    assert m.findings[0].reason == "2026-04-01死亡，2026-06-01才登记（超过30天）"
    assert child_changes(UnitRows("U01", children=[child("d", "2024-01-01")]), year_2026()).examined == 0

"""Coverage per dose (12-month due window, catch-up), 12-month primary coverage and schedule errors."""

from tests.domain.metrics.rows import child, shot, year_2026
from webapp.domain.metrics.context import UnitRows
from webapp.domain.metrics.coverage import coverage, coverage_12m, schedule_errors


def test_coverage_of_one_dose_follows_the_due_window():
    # MCV-1 is due at 8 months. Period 2026.
    rows = UnitRows("U01", children=[
        child("a", "2025-06-01"),   # due 2026-02-01, given 2026-02-10 → due 1, given 1
        child("b", "2025-08-01"),   # due 2026-04-01, not given → due 1
        child("c", "2024-01-01"),   # due 2024-09-01, given 2024-09-05 (before the period) → not counted
        child("d", "2024-06-01"),   # due 2025-02-01 (> 2025-01-01): still in its 12-month window → due 1
        child("e", "2023-06-01"),   # due 2024-02-01: dropped out of the denominator, not given → not counted
        child("f", "2023-07-01"),   # due 2024-03-01, caught up 2026-05-01 → due 1, given 1
        child("g", "2026-06-01")],  # due 2027-02-01 → not yet due
        vaccinations=[shot("v1", "a", "MMR", 1, "2026-02-10"), shot("v2", "c", "MMR", 1, "2024-09-05"),
                      shot("v3", "f", "MMR", 1, "2026-05-01", unit="U03")])
    g = coverage(rows, year_2026()).groups["MCV-1"]
    assert (g.numerator, g.denominator) == (2, 4)
    assert sorted(f.evidence[0].id for f in g.findings) == ["b", "d"]
    assert g.rate == 50.0


def test_coverage_12m_counts_doses_before_the_first_birthday():
    rows = UnitRows("U01", children=[child("a", "2025-03-01"), child("b", "2025-04-01"), child("c", "2026-01-01")],
                    vaccinations=[shot("v1", "a", "BCG", 1, "2025-03-01"), shot("v2", "b", "BCG", 1, "2026-04-01"),
                                  shot("v3", "a", "MMR", 1, "2025-11-05")])
    m = coverage_12m(rows, year_2026())
    assert (m.groups["BCG-1"].numerator, m.groups["BCG-1"].denominator) == (1, 2)
    assert (m.groups["MCV-1"].numerator, m.groups["MCV-1"].denominator) == (1, 2)
    assert m.groups["DTP-3"].numerator == 0


def test_schedule_errors_are_the_doses_the_engine_does_not_count():
    rows = UnitRows("U01", children=[child("a", "2025-11-01")], vaccinations=[
        shot("v1", "a", "IPV", 1, "2026-01-01"),     # 2 months: polio dose 1
        shot("v2", "a", "IPV", 2, "2026-01-20"),     # polio dose 2 before 3 months (2026-02-01): too young
        shot("v3", "a", "DTaP", 1, "2026-02-01"),    # 3 months (2025 schedule: dose 1 from 2 months)
        shot("v4", "a", "DTaP", 2, "2026-04-20"),    # 5 months 19 days, 78 days after dose 1: dose 2
        shot("v5", "a", "DTaP", 3, "2026-05-05"),    # 6 months 4 days but 15 days after dose 2 (< 28 days)
        shot("v6", "a", "HepB", 2, "2026-02-01", unit="U03"),  # another unit's dose: not examined
        shot("v7", "a", "Hib", 1, "2026-01-01")])    # not an NIP product: not examined
    m = schedule_errors(rows, year_2026())
    assert m.examined == 5
    assert [(f.evidence[0].id, "未满3月龄" in f.reason, "不足" in f.reason) for f in m.findings] == [
        ("v2", True, False), ("v5", False, True)]
    assert m.findings[0].reason.startswith("2026-01-20 脊灰灭活疫苗")
    english = [f.reason_for("en") for f in m.findings]
    assert english[0].startswith("2026-01-20 IPV") and "3 months" in english[0]
    assert english[1].startswith("2026-05-05 DTaP") and "less than 28 days after the previous dose" in english[1]


def test_coverage_follows_the_dtap_schedule_in_force_when_each_dose_was_given():
    # Period 2026: window start 2025-01-01. DTaP from 2025-01-01 at 2, 4, 6, 18 months and 6 years.
    rows = UnitRows("U01", children=[
        child("a", "2025-03-01"),   # 2025 schedule on time; DTaP4 at 18 months (2026-09-01) → DTP-4 due 1, given 1
        child("b", "2025-06-01"),   # DTaP3 on 2025-11-01 (5 months) is too young under the 2025 schedule: not
                                    # counted → DTP-3 due 2025-12-01 (6 months), not given → DTP-3 due 1;
                                    # DTP-4 due max(18 months 2026-12-01, 6 months after 2025-12-01) → due 1
        child("c", "2020-05-01")],  # DTaP 3, 4, 5, 18 months (2021 schedule); DTaP at 6 years (2026-05-01) is the
                                    # DTP series' 6-year dose → DT-1 due 1, given 1
        vaccinations=[shot("a1", "a", "DTaP", 1, "2025-05-01"), shot("a2", "a", "DTaP", 2, "2025-07-01"),
                      shot("a3", "a", "DTaP", 3, "2025-09-01"), shot("a4", "a", "DTaP", 4, "2026-09-01"),
                      shot("b1", "b", "DTaP", 1, "2025-09-01"), shot("b2", "b", "DTaP", 2, "2025-10-01"),
                      shot("b3", "b", "DTaP", 3, "2025-11-01"),
                      shot("c1", "c", "DTaP", 1, "2020-08-01"), shot("c2", "c", "DTaP", 2, "2020-09-01"),
                      shot("c3", "c", "DTaP", 3, "2020-10-01"), shot("c4", "c", "DTaP", 4, "2021-11-01"),
                      shot("c5", "c", "DTaP", 5, "2026-05-01")])
    groups = coverage(rows, year_2026()).groups
    counts = {k: (groups[k].numerator, groups[k].denominator) for k in ("DTP-1", "DTP-3", "DTP-4", "DT-1")}
    assert counts == {"DTP-1": (0, 0), "DTP-3": (0, 1), "DTP-4": (1, 2), "DT-1": (1, 1)}
    assert [f.evidence[0].id for f in groups["DTP-3"].findings] == ["b"]
    assert "2025-12-01起应种" in groups["DTP-3"].findings[0].reason
    assert [f.evidence[0].id for f in groups["DTP-4"].findings] == ["b"]
    assert groups["DTP-4"].rate == 50.0


def test_a_measles_dose_before_8_months_does_not_count():
    # MCV-1 (8 months), period 2026.
    rows = UnitRows("U01", children=[
        child("m", "2025-06-01"),   # MMR 2026-01-15 at 7 months: not counted; due 2026-02-01, not given → due 1
        child("n", "2025-05-01"),   # MMR 2026-01-10 at 8 months → due 1, given 1
        child("p", "2025-04-01")],  # MMR 2025-11-20 at 7 months does not count; 2026-01-10 (51 days later) is
                                    # dose 1 → given in the period → due 1, given 1
        vaccinations=[shot("v1", "m", "MMR", 1, "2026-01-15"), shot("v2", "n", "MMR", 1, "2026-01-10"),
                      shot("v3", "p", "MMR", 1, "2025-11-20"), shot("v4", "p", "MMR", 2, "2026-01-10")])
    g = coverage(rows, year_2026()).groups["MCV-1"]
    assert (g.numerator, g.denominator) == (2, 3)
    assert [f.evidence[0].id for f in g.findings] == ["m"]
    # all three turn one in 2026; m has no valid MCV-1 before its birthday → 2/3
    m12 = coverage_12m(rows, year_2026()).groups["MCV-1"]
    assert (m12.numerator, m12.denominator) == (2, 3)


def test_unknown_products_and_doses_before_birth_or_after_the_period_are_ignored():
    # HepB1 due at birth (2026-03-01); only the dose of 2026-03-02 counts → HepB-1 due 1, given 1
    rows = UnitRows("U01", children=[child("a", "2026-03-01")], vaccinations=[
        shot("v1", "a", "XYZ", 1, "2026-03-01"), shot("v2", "a", "HepB", 1, "2026-02-20"),
        shot("v3", "a", "HepB", 1, "2026-03-02"), shot("v4", "a", "HepB", 2, "2027-01-05")])
    g = coverage(rows, year_2026()).groups["HepB-1"]
    assert (g.numerator, g.denominator, g.findings) == (1, 1, [])
    # HepB2 due 2026-04-01 (1 month; 28 days after 03-02 = 03-30), its 2027 dose is after the period → not given
    g2 = coverage(rows, year_2026()).groups["HepB-2"]
    assert (g2.numerator, g2.denominator) == (0, 1)


def test_a_hepb_interval_rejection_rests_on_an_unverified_rule_and_is_filed_apart():
    # the HepB intervals (28 days, 60 days, 4 months) are [GK] in domain.md: a dose rejected for one goes to the
    # `gk` group, not the findings; a HepB dose given too young (1 month, a verified age) stays a finding
    rows = UnitRows("U01", children=[child("a", "2026-01-01"), child("b", "2026-01-01")], vaccinations=[
        shot("a1", "a", "HepB", 1, "2026-01-01"), shot("a2", "a", "HepB", 2, "2026-06-01"),
        shot("a3", "a", "HepB", 3, "2026-07-05"),    # 34 days after dose 2 (< 60 days, [GK])
        shot("b1", "b", "HepB", 1, "2026-01-01"), shot("b2", "b", "HepB", 2, "2026-01-20")])  # under 1 month
    m = schedule_errors(rows, year_2026())
    assert [f.evidence[0].id for f in m.findings] == ["b2"]
    assert [f.evidence[0].id for f in m.groups["gk"].findings] == ["a3"]


def test_the_dt_catch_up_intervals_from_six_years_are_unverified_and_filed_apart():
    # born 2019-06-01: six on 2025-06-01, so the [GK] catch-up intervals apply (dose 2 ≥ 1 month after dose 1,
    # dose 3 ≥ 6 months after dose 2); the verified 28 days between primary doses still holds
    rows = UnitRows("U01", children=[child("a", "2019-06-01"), child("b", "2019-06-01")], vaccinations=[
        shot("a1", "a", "DT", 1, "2026-03-01"), shot("a2", "a", "DT", 2, "2026-03-30"),  # 29 days: < 1 month
        shot("a3", "a", "DT", 3, "2026-05-01"),                                            # 32 days: < 6 months
        shot("b1", "b", "DT", 1, "2026-03-01"), shot("b2", "b", "DT", 2, "2026-03-20")])  # 19 days: < 28 days
    m = schedule_errors(rows, year_2026())
    assert [f.evidence[0].id for f in m.findings] == ["b2"] and "28天" in m.findings[0].reason
    assert sorted(f.evidence[0].id for f in m.groups["gk"].findings) == ["a2", "a3"]
    # the doses only a [GK] rule rejects count: no DTP dose is missing for child a
    views = coverage(rows, year_2026())
    assert all(f.evidence[0].id != "a" for g in ("DTP-1", "DTP-2", "DTP-3") for f in views.groups[g].findings)


"""建证率, migrant register, HBsAg screening and timely HepB1 on hand-worked examples."""

from tests.domain.metrics.rows import child, shot, year_2026
from webapp.domain.metrics.context import UnitRows
from webapp.domain.metrics.registry import certificate_rate, hbsag_screening, migrant_register, timely_hepb1


def test_certificate_rate_counts_children_resident_three_months():
    # last day 2026-12-31; settled = born/registered on or before 2026-10-02; under 7 = born after 2019-12-31
    rows = UnitRows("U01", children=[
        child("a", "2024-05-01"), child("b", "2025-01-01", certificate_no=""),
        child("c", "2026-11-01", certificate_no=None),                       # < 3 months old: not counted
        child("d", "2019-06-01", certificate_no=None),                       # 7 years old: not counted
        child("e", "2023-01-01", residence="migrant", registered_on="2026-12-01", certificate_no=None),  # too new
        child("f", "2023-01-01", residence="migrant", registered_on="2026-02-01", certificate_no=None)])
    m = certificate_rate(rows, year_2026())
    assert (m.numerator, m.denominator) == (1, 3)
    assert [f.evidence[0].id for f in m.findings] == ["b", "f"]
    assert round(m.rate, 2) == 33.33


def test_migrant_register_counts_migrants_and_flags_incomplete_ones():
    rows = UnitRows("U01", children=[child("a", "2024-01-01"), child("m1", "2024-01-01", residence="migrant"),
                                     child("m2", "2024-01-01", residence="migrant", village_code=None)])
    m = migrant_register(rows, year_2026())
    assert m.examined == 2 and [f.evidence[0].id for f in m.findings] == ["m2"]
    assert migrant_register(UnitRows("U01", children=[child("a", "2024-01-01")]), year_2026()).examined == 0


def test_hbsag_screening_share_of_mothers_tested():
    rows = UnitRows("U01", children=[child("a", "2026-02-01"), child("b", "2026-03-01", mother_hbsag="positive"),
                                     child("c", "2026-04-01", mother_hbsag="unknown"),
                                     child("d", "2025-04-01", mother_hbsag="unknown")])
    m = hbsag_screening(rows, year_2026())
    assert (m.numerator, m.denominator) == (2, 3)


def test_timely_hepb1_is_birth_plus_one_day():
    rows = UnitRows("U01", children=[child("a", "2026-02-01"), child("b", "2026-02-01"), child("c", "2026-02-01"),
                                     child("d", "2025-12-31")],
                    vaccinations=[shot("v1", "a", "HepB", 1, "2026-02-02"), shot("v2", "b", "HepB", 1, "2026-02-03"),
                                  shot("v3", "d", "HepB", 1, "2025-12-31")])
    m = timely_hepb1(rows, year_2026())
    assert (m.numerator, m.denominator) == (1, 3)
    assert [f.evidence[0].id for f in m.findings] == ["b", "c"]

"""Concordance of pre-check, vaccination register and certificate on a sample."""

from tests.domain.metrics.rows import child, precheck, shot, year_2026
from webapp.domain.metrics.concordance import concordance_sample, default_sample
from webapp.domain.metrics.context import UnitRows


def test_each_child_that_does_not_match_is_one_finding():
    rows = UnitRows("U01",
                    children=[child("c1", "2025-01-01"), child("c2", "2025-01-01"),
                              child("c3", "2025-01-01", certificate_no=None), child("c4", "2025-01-01")],
                    prechecks=[precheck("p1", "c1", "2026-02-01", [{"vaccine": "HepB", "dose": 3}]),
                               precheck("p2", "c2", "2026-02-01", [{"vaccine": "DTaP", "dose": 1},
                                                                    {"vaccine": "IPV", "dose": 1}]),
                               precheck("p3", "c3", "2026-02-01", [{"vaccine": "MMR", "dose": 1}]),
                               precheck("p4", "c4", "2026-02-01", [{"vaccine": "MMR", "dose": 1}], decision="defer")],
                    vaccinations=[shot("v1", "c1", "HepB", 3, "2026-02-01", precheck_id="p1"),
                                  shot("v2", "c2", "DTaP", 1, "2026-02-01", precheck_id="p2"),   # IPV missing
                                  shot("v3", "c3", "MMR", 1, "2026-02-01", precheck_id="p3"),    # no certificate
                                  shot("v4", "c4", "MMR", 1, "2026-03-01")])                     # no pre-check
    m = concordance_sample(rows, year_2026(sample_children=("c1", "c2", "c3", "c4")))
    assert m.examined == 4 and m.numerator == 1
    assert [f.evidence[0].id for f in m.findings] == ["c2", "c3", "c4"]
    assert "IPV" in m.findings[0].reason and m.findings[0].evidence[1].id == "p2"
    assert m.findings[1].reason == "无接种证编号"
    assert m.findings[2].evidence[1].id == "v4"


def test_default_sample_is_twenty_reproducible_children_from_the_precheck_register():
    rows = UnitRows("U01", prechecks=[precheck(f"p{i}", f"c{i}", "2026-05-01") for i in range(30)])
    first = default_sample(rows, year_2026())
    assert len(first) == 20 and first == default_sample(rows, year_2026())

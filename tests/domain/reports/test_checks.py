"""Consistency checks of a monthly report (a hand-made report: the computed one never has given > due)."""

from webapp.domain.reports.checks import consistency, differences


def _row(village, group, due, given):
    return {"village_code": village, "group": group, "due": due, "given": given, "migrant_due": 0, "migrant_given": 0}


def test_given_over_due_a_rate_over_100_and_a_village_without_sessions_are_each_found():
    report = {"rows": [_row("V01", "HepB-1", 1, 2), _row("V04", "BCG-1", 3, 0)],
              "totals": [{"group": "HepB-1", "due": 1, "given": 2, "rate": 200.0},
                         {"group": "BCG-1", "due": 3, "given": 0, "rate": 0.0}]}
    found = [(c.code, c.village_code, c.group) for c in consistency(report, {"V01": {"2026-10-02"}})]
    assert found == [("given_over_due", "V01", "HepB-1"), ("rate_over_100", None, "HepB-1"),
                     ("due_without_sessions", "V04", None)]


def test_differences_name_each_changed_figure():
    before = {"rows": [_row("V01", "HepB-1", 1, 0)]}
    after = {"rows": [_row("V01", "HepB-1", 1, 1), _row("V04", "BCG-1", 1, 0)]}
    assert [(d["village_code"], d["group"], d["field"], d["submitted"], d["now"]) for d in differences(before, after)] \
        == [("V01", "HepB-1", "given", 0, 1), ("V04", "BCG-1", "due", 0, 1)]

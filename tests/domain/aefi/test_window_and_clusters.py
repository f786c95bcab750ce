"""The reporting scope by time since vaccination, cluster detection at one unit, and the county's 48-hour
investigation clock starting at receipt (domain.md §2.1)."""

from datetime import date, datetime, timedelta, timezone

from webapp.domain.aefi.clusters import ClusterCase, detect_clusters
from webapp.domain.aefi.timers import CaseTimes, case_timers
from webapp.domain.aefi.window import window_findings

D = date(2026, 3, 1)


def _codes(data, days):
    return [(f.code, f.days) for f in window_findings(data, [D], D + timedelta(days=days))]


def test_fever_and_local_reactions_are_reportable_within_five_days_only():
    assert _codes({"fever_grade": 3}, 5) == []
    assert _codes({"fever_grade": 3, "swelling_grade": 2, "induration_grade": 4}, 6) == [("fever", 6),
                                                                                        ("swelling", 6)]
    assert _codes({"fever_grade": 2}, 6) == []  # below 38.6 ℃ is not a reportable fever at all, not our check


def test_a_non_serious_case_three_months_after_vaccination_is_outside_the_scope_but_bcg_has_a_year():
    assert _codes({}, 92) == [] and _codes({}, 93) == [("late", 93)]
    assert _codes({"vaccines": [{"vaccine": "BCG"}]}, 200) == []
    assert _codes({"serious": True, "fever_grade": 3}, 400) == []


def _case(case_id, unit, vaccine, day, marked=False):
    return ClusterCase(case_id, unit, vaccine, D + timedelta(days=day), marked)


def test_two_cases_after_one_vaccine_at_one_unit_within_the_window_are_a_cluster():
    cases = [_case("a", "U01", "DTaP", 0), _case("b", "U01", "DTaP", 7), _case("c", "U01", "DTaP", 20),
             _case("d", "U03", "DTaP", 1), _case("e", "U01", "MMR", 2)]
    found = detect_clusters(cases, window_days=7)
    assert [(c.unit, c.vaccine, c.case_ids) for c in found] == [("U01", "DTaP", ["a", "b"])]
    assert detect_clusters(cases, window_days=6) == []


def test_a_case_the_reporter_marked_cluster_is_shown_alone():
    found = detect_clusters([_case("a", "U01", "DTaP", 0, marked=True)], window_days=7)
    assert [(c.case_ids, c.marked) for c in found] == [(["a"], True)]


def test_the_investigation_clock_starts_when_the_county_receives_the_report():
    cst = timezone(timedelta(hours=8))
    reported = datetime(2026, 3, 10, 9, 0, tzinfo=cst)
    received = reported + timedelta(hours=30)  # the phone was offline for 30 hours
    timers = case_timers(CaseTimes(reported - timedelta(hours=1), reported, received_at=received),
                         now=reported + timedelta(hours=60))
    assert timers["investigation_start"].start == received
    assert timers["investigation_start"].state != "late"

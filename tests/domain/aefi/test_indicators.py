"""Indicators on a hand-built dataset, with the case ids behind each number."""

from datetime import UTC, datetime, timedelta

import pytest

from webapp.domain.aefi.causality import classification_error, default_who, is_classified, who_options
from webapp.domain.aefi.indicators import IndicatorCase, compute_indicators
from webapp.domain.aefi.timers import CaseTimes, case_timers

T0 = datetime(2026, 3, 1, tzinfo=UTC)
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _case(cid, report_h, start_h=None, form_d=None, needs=True, classified=False, serious=False):
    reported = T0 + timedelta(hours=report_h)
    times = CaseTimes(T0, reported, urgent=serious, needs_investigation=needs,
                      investigation_started_at=reported + timedelta(hours=start_h) if start_h is not None else None,
                      investigation_reported_at=(reported + timedelta(hours=start_h, days=form_d)
                                                 if form_d is not None else None))
    return IndicatorCase(cid, case_timers(times, NOW), classified, serious)


@pytest.fixture
def indicators():
    cases = [
        _case("a", 10, start_h=20, form_d=2, classified=True),        # all on time
        _case("b", 60, start_h=50, form_d=4, classified=True, serious=True),  # report, start and form late
        _case("c", 30, needs=False),                                   # general reaction, no investigation
        _case("d", 40),                                                # investigation never started: late
    ]
    return compute_indicators(cases, doses=20_000, infants=500)


def test_timely_report_rate_counts_reports_within_48_hours(indicators):
    ratio = indicators["timely_report"]
    assert set(ratio.numerator_ids) == {"a", "c", "d"} and len(ratio.denominator_ids) == 4
    assert ratio.value == 75.0


def test_timely_investigation_rate_excludes_cases_that_need_none(indicators):
    ratio = indicators["timely_investigation"]
    assert set(ratio.denominator_ids) == {"a", "b", "d"} and ratio.numerator_ids == ("a",)


def test_timely_form_rate_counts_only_started_investigations(indicators):
    ratio = indicators["timely_form"]
    assert set(ratio.denominator_ids) == {"a", "b"} and ratio.value == 50.0


def test_classification_rate_and_rates_per_hundred_thousand(indicators):
    assert indicators["classified"].value == 50.0
    assert indicators["reports_per_doses"].value == pytest.approx(20.0)   # 4 × 100000 / 20000
    assert indicators["serious_per_doses"].value == pytest.approx(5.0)
    assert indicators["serious_per_doses"].numerator_ids == ("b",)
    assert indicators["who_ratio"].value == pytest.approx(800.0)          # 4 × 100000 / 500


def test_unknown_denominators_give_no_value():
    result = compute_indicators([], doses=0, infants=None)
    assert result["reports_per_doses"].value is None and result["who_ratio"].value is None
    assert result["timely_report"].value is None


def test_china_classes_map_to_who_causality():
    assert default_who("rare_reaction") == "A1" and default_who("program_error") == "A3"
    assert default_who("coincidental") == "C" and default_who("undetermined") is None
    assert who_options("undetermined") == ("B1", "B2", "D")
    assert classification_error("quality_event", "A1") == "who_causality"
    assert classification_error("psychogenic", "A4") is None
    assert classification_error("nonsense", None) == "final_class"
    assert not is_classified("pending") and is_classified("coincidental")

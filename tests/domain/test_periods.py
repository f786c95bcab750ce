"""Reporting periods: parsing, containment, the period of a day for each cadence."""

import json
from datetime import date
from pathlib import Path

import pytest

from webapp.domain.periods import cadence_of, parse_period, period_of, periods_between


@pytest.mark.parametrize("name,start,end", [
    ("2026", date(2026, 1, 1), date(2027, 1, 1)),
    ("2026-H1", date(2026, 1, 1), date(2026, 7, 1)),
    ("2026-H2", date(2026, 7, 1), date(2027, 1, 1)),
    ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1)),
    ("2026-02", date(2026, 2, 1), date(2026, 3, 1)),
    ("2026-12", date(2026, 12, 1), date(2027, 1, 1)),
    ("2026-W47", date(2026, 11, 16), date(2026, 11, 23)),
    ("2026-W01", date(2025, 12, 29), date(2026, 1, 5)),
    ("2026-11-D2", date(2026, 11, 11), date(2026, 11, 21)),
    ("2028-02-D3", date(2028, 2, 21), date(2028, 3, 1)),
])
def test_periods_parse_to_their_days(name, start, end):
    period = parse_period(name)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("bad", ["2026-13", "2026-Q5", "2026-H3", "26-11", "2026-11-D4", "", "2026-W54"])
def test_bad_period_names_are_refused(bad):
    with pytest.raises(ValueError):
        parse_period(bad)


@pytest.mark.parametrize("day,cadence,name", [
    (date(2026, 11, 22), "monthly", "2026-11"),
    (date(2026, 11, 22), "weekly", "2026-W47"),
    (date(2026, 11, 22), "dekad", "2026-11-D3"),
    (date(2026, 11, 10), "dekad", "2026-11-D1"),
    (date(2026, 11, 11), "dekad", "2026-11-D2"),
    (date(2026, 11, 22), "quarterly", "2026-Q4"),
    (date(2027, 1, 1), "weekly", "2026-W53"),
])
def test_period_of_a_day(day, cadence, name):
    assert period_of(day, cadence) == name
    assert day in parse_period(name)


def test_periods_between_covers_every_month_once():
    names = [p.name for p in periods_between(date(2026, 1, 15), date(2026, 4, 1), "monthly")]
    assert names == ["2026-01", "2026-02", "2026-03", "2026-04"]


def test_cadence_of_a_period_name():
    assert cadence_of("2026-W03") == "weekly" and cadence_of("2026-03-D1") == "dekad"
    assert cadence_of("2026-03") == "monthly" and cadence_of("2026-Q1") == "quarterly"


def test_the_shared_zero_report_period_vectors_hold_here_as_on_the_phone():
    vectors = json.loads((Path(__file__).resolve().parents[1] / "vectors" / "periods.json").read_text("utf-8"))
    assert len(vectors["cases"]) >= 50
    for case in vectors["cases"]:
        day = date.fromisoformat(case["day"])
        assert period_of(day, case["cadence"]) == case["period"], case
        assert day in parse_period(case["period"])
        periods = [parse_period(name) for name in case["recent"]]  # newest first, each ending where the next starts
        assert all(later.start == earlier.end for later, earlier in zip(periods, periods[1:], strict=False)), case

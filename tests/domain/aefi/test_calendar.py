"""Zero-report calendar cells: cases, zero, silent, contradicted, open, and late attestations."""

from datetime import date

from webapp.domain.aefi.calendar import CASES, CONTRADICTED, OPEN, SILENT, ZERO, ZeroReport, cell_state, unit_row
from webapp.domain.periods import parse_period, periods_between

MARCH = parse_period("2026-03")
TODAY = date(2026, 5, 15)


def test_a_period_with_cases_shows_their_count():
    cell = cell_state(MARCH, ["c1", "c2"], None, TODAY)
    assert (cell.state, cell.cases, cell.case_ids) == (CASES, 2, ("c1", "c2"))


def test_an_attested_period_without_cases_is_zero_and_on_time_within_the_grace():
    cell = cell_state(MARCH, [], ZeroReport("z1", date(2026, 4, 5)), TODAY, grace_days=5)
    assert (cell.state, cell.zero_report_id, cell.late_attestation) == (ZERO, "z1", False)


def test_an_attestation_after_the_grace_is_marked_late():
    assert cell_state(MARCH, [], ZeroReport("z1", date(2026, 4, 6)), TODAY, grace_days=5).late_attestation


def test_a_case_that_syncs_after_the_zero_report_contradicts_it():
    cell = cell_state(MARCH, ["late-case"], ZeroReport("z1", date(2026, 3, 31)), TODAY)
    assert (cell.state, cell.cases, cell.zero_report_id) == (CONTRADICTED, 1, "z1")


def test_an_ended_period_with_nothing_is_silent_and_a_running_one_is_open():
    assert cell_state(MARCH, [], None, date(2026, 4, 1)).state == SILENT
    assert cell_state(MARCH, [], None, date(2026, 3, 31)).state == OPEN
    assert cell_state(MARCH, ["c"], None, date(2026, 3, 2)).state == CASES


def test_a_unit_row_covers_every_period_of_the_cadence():
    periods = periods_between(date(2026, 1, 1), date(2026, 5, 31), "monthly")
    row = unit_row(periods, {"2026-02": ["c"]}, {"2026-01": ZeroReport("z", date(2026, 2, 1))}, TODAY)
    assert [c.state for c in row] == [ZERO, CASES, SILENT, SILENT, OPEN]


def test_dekad_cadence_cells_follow_the_ten_day_periods():
    periods = periods_between(date(2026, 3, 1), date(2026, 3, 31), "dekad")
    row = unit_row(periods, {"2026-03-D2": ["c"]}, {}, date(2026, 3, 25))
    assert [(c.period, c.state) for c in row] == [("2026-03-D1", SILENT), ("2026-03-D2", CASES),
                                                  ("2026-03-D3", OPEN)]

"""Silent quarters and the Poisson under-reporting test, on hand-computed numbers."""

import math
from datetime import date

import pytest

from webapp.domain.aefi.silence import poisson_cdf, poisson_sf, silent_periods, under_reporting
from webapp.domain.periods import periods_between


def test_poisson_cdf_matches_the_formula_by_hand():
    lam = 6.504
    assert poisson_cdf(1, lam) == pytest.approx(math.exp(-lam) * (1 + lam))
    assert poisson_cdf(3, lam) == pytest.approx(0.111575, abs=1e-6)
    assert poisson_sf(0, lam) == 1.0


def test_ten_thousand_doses_and_no_report_is_flagged():
    # λ = 10000 × 32.52 / 100000 = 3.252; P(X = 0) = e^-3.252 = 0.0387 < 0.05
    result = under_reporting(10_000, 0)
    assert result.expected == pytest.approx(3.252)
    assert result.p_value == pytest.approx(0.038697, abs=1e-6)
    assert result.flagged
    assert "λ = 10000 × 32.52 / 100000 = 3.252" in result.arithmetic()
    assert "0.0387" in result.arithmetic()


def test_nine_thousand_doses_and_no_report_is_not_flagged():
    # λ = 2.9268; e^-2.9268 = 0.0536 ≥ 0.05
    result = under_reporting(9_000, 0)
    assert result.p_value == pytest.approx(0.053568, abs=1e-6)
    assert not result.flagged


def test_twenty_thousand_doses_with_one_report_is_flagged_and_three_is_not():
    assert under_reporting(20_000, 1).p_value == pytest.approx(0.011237, abs=1e-6)
    assert under_reporting(20_000, 1).flagged
    assert not under_reporting(20_000, 3).flagged


def test_no_doses_never_flags_and_the_reference_rate_is_a_setting():
    assert not under_reporting(0, 0).flagged
    assert under_reporting(9_000, 0, rate=40).flagged  # λ = 3.6, e^-3.6 = 0.0273


def test_a_quarter_without_any_report_is_silent_once_it_has_ended():
    quarters = periods_between(date(2026, 1, 1), date(2026, 12, 31), "quarterly")
    silent = silent_periods(quarters, [date(2026, 2, 3), date(2026, 7, 9)], today=date(2026, 11, 1))
    assert [p.name for p in silent] == ["2026-Q2"]

"""Lot signals: the same lot from two units, or far more reports than the lot's doses make likely."""

from datetime import date

from webapp.domain.aefi.lots import LotReport, lot_signals

START, END = date(2026, 3, 1), date(2026, 3, 31)


def test_the_same_lot_reported_from_two_units_is_a_signal_listing_its_cases():
    reports = [LotReport("c1", "U01", "DTaP", "L123", date(2026, 3, 2)),
               LotReport("c2", "U03", "DTaP", "l123 ", date(2026, 3, 20)),
               LotReport("c3", "U01", "HepB", "H9", date(2026, 3, 5))]
    signals = lot_signals(reports, {}, START, END)
    assert [(s.lot_no, s.case_ids, s.units, s.reasons) for s in signals] == [
        ("L123", ("c1", "c2"), ("U01", "U03"), ("units",))]


def test_reports_outside_the_window_do_not_count():
    reports = [LotReport("c1", "U01", "DTaP", "L1", date(2026, 2, 27)),
               LotReport("c2", "U03", "DTaP", "L1", date(2026, 3, 20))]
    assert lot_signals(reports, {}, START, END) == []


def test_three_reports_from_a_thousand_doses_is_a_rate_signal():
    # λ = 1000 × 32.52 / 100000 = 0.3252; P(X ≥ 3) = 1 − e^-λ(1 + λ + λ²/2) = 0.0045 < 0.01
    reports = [LotReport(f"c{i}", "U01", "MMR", "M7", date(2026, 3, i + 1)) for i in range(3)]
    (signal,) = lot_signals(reports, {("MMR", "M7"): 1000}, START, END)
    assert signal.reasons == ("rate",)
    assert round(signal.p_value, 4) == 0.0045


def test_reports_in_line_with_the_doses_are_not_a_signal():
    # λ = 0.9756; P(X ≥ 3) = 0.0759 ≥ 0.01
    reports = [LotReport(f"c{i}", "U01", "MMR", "M7", date(2026, 3, i + 1)) for i in range(3)]
    assert lot_signals(reports, {("MMR", "M7"): 3000}, START, END) == []

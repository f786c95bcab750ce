"""Vaccine-lot signals: one lot with reports from two or more units, or far more reports than its doses
make likely (Poisson P(X ≥ observed) below a threshold), within a window of onset dates.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from webapp.domain.aefi.silence import REFERENCE_RATE, poisson_sf


@dataclass(frozen=True)
class LotReport:
    """One suspect-vaccine row of one case."""

    case_id: str
    unit: str
    vaccine: str
    lot_no: str
    onset: date


@dataclass(frozen=True)
class LotSignal:
    """A lot that deserves a look, the reasons, and the cases behind it."""

    vaccine: str
    lot_no: str
    case_ids: tuple[str, ...]
    units: tuple[str, ...]
    doses: int
    expected: float
    p_value: float | None
    reasons: tuple[str, ...]


def lot_signals(reports: list[LotReport], doses_by_lot: dict, start: date, end: date,
                rate: float = REFERENCE_RATE, threshold: float = 0.01, min_reports: int = 2) -> list[LotSignal]:
    """Signals for lots with onsets in [start, end]; doses_by_lot maps (vaccine, lot_no) to doses given."""
    groups = defaultdict(list)
    for r in reports:
        if start <= r.onset <= end and r.lot_no:
            groups[(r.vaccine, r.lot_no.strip().upper())].append(r)
    signals = [_signal(key, rows, doses_by_lot.get(key, 0), rate, threshold, min_reports)
               for key, rows in sorted(groups.items())]
    return [s for s in signals if s.reasons]


def _signal(key, rows, doses, rate, threshold, min_reports) -> LotSignal:
    case_ids = tuple(sorted({r.case_id for r in rows}))
    units = tuple(sorted({r.unit for r in rows}))
    expected = doses * rate / 100_000
    p_value = poisson_sf(len(case_ids), expected) if doses > 0 else None
    reasons = []
    if len(units) >= 2:
        reasons.append("units")
    if p_value is not None and len(case_ids) >= min_reports and p_value < threshold:
        reasons.append("rate")
    return LotSignal(key[0], key[1], case_ids, units, doses, expected, p_value, tuple(reasons))

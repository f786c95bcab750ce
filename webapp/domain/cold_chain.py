"""Cold-chain rules: the reading slots a day owes, the missing ones, and the readings outside an appliance's range.

Plain values: days are `date`, readings are (day, celsius, has_action) tuples. A day owes `per_day` readings
(slots 1..per_day); a day with fewer readings misses the last slots. A reading outside [low, high] is an
excursion and needs the action taken (qc).
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Gap:
    """One missing reading: the day and its slot number (1-based)."""

    day: date
    slot: int


def missing_slots(days: list[date], per_day: int, readings_per_day: dict[date, int]) -> list[Gap]:
    """Every slot of `days` without a reading, in order."""
    return [Gap(day, slot) for day in days for slot in range(readings_per_day.get(day, 0) + 1, per_day + 1)]


def outside(celsius: float, low: float, high: float) -> bool:
    """True when a reading lies outside the appliance's range."""
    return celsius < low or celsius > high

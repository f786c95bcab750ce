"""AEFI surveillance indicators (domain.md §2.1–2.2), each with the record ids behind its numbers.

A timeliness indicator counts only cases whose step is decided (done, or overdue): an open step still
inside its limit is neither timely nor late yet.
"""

from dataclasses import dataclass

from webapp.domain.aefi.timers import LATE, NOT_APPLICABLE, ON_TIME, Timer


@dataclass(frozen=True)
class IndicatorCase:
    """What the indicators need of one case."""

    id: str
    timers: dict[str, Timer]
    classified: bool
    serious: bool


@dataclass(frozen=True)
class Ratio:
    """numerator / denominator as a percentage, with the case ids of each."""

    code: str
    numerator_ids: tuple[str, ...]
    denominator_ids: tuple[str, ...]

    @property
    def value(self) -> float | None:
        """The percentage, or None when the denominator is empty."""
        if not self.denominator_ids:
            return None
        return 100.0 * len(self.numerator_ids) / len(self.denominator_ids)


@dataclass(frozen=True)
class Rate:
    """Reports per `per` of a population count (doses or surviving infants)."""

    code: str
    numerator_ids: tuple[str, ...]
    denominator: int | None
    per: int = 100_000

    @property
    def value(self) -> float | None:
        """The rate, or None when the denominator is unknown or zero."""
        if not self.denominator:
            return None
        return len(self.numerator_ids) * self.per / self.denominator


def timeliness(code: str, step: str, cases: list[IndicatorCase]) -> Ratio:
    """Cases whose step was done on time / cases whose step is decided (done, or late)."""
    decided = [c for c in cases if _decided(c.timers.get(step))]
    timely = [c.id for c in decided if c.timers[step].done and c.timers[step].state == ON_TIME]
    return Ratio(code, tuple(timely), tuple(c.id for c in decided))


def _decided(timer: Timer | None) -> bool:
    if timer is None or timer.state == NOT_APPLICABLE:
        return False
    return timer.done or timer.state == LATE


def compute_indicators(cases: list[IndicatorCase], doses: int | None, infants: int | None) -> dict:
    """Every indicator for one group of cases, keyed by code."""
    all_ids = tuple(c.id for c in cases)
    return {
        "timely_report": timeliness("timely_report", "report", cases),
        "timely_investigation": timeliness("timely_investigation", "investigation_start", cases),
        "timely_form": timeliness("timely_form", "investigation_form", cases),
        "classified": Ratio("classified", tuple(c.id for c in cases if c.classified), all_ids),
        "reports_per_doses": Rate("reports_per_doses", all_ids, doses),
        "serious_per_doses": Rate("serious_per_doses", tuple(c.id for c in cases if c.serious), doses),
        "who_ratio": Rate("who_ratio", all_ids, infants),
    }

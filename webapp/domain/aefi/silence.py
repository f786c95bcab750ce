"""Silent and under-reporting units: quarters and years without any report, and a Poisson test of the count.

Expected reports = doses × reference rate / 100,000 (default the national 2021–22 rate, 32.52 per 100,000
doses). P(X ≤ observed) under Poisson(expected) below the threshold (0.05) flags the unit.
"""

import math
from dataclasses import dataclass
from datetime import date

from webapp.domain.periods import Period

REFERENCE_RATE = 32.52
THRESHOLD = 0.05


def poisson_cdf(k: int, lam: float) -> float:
    """P(X ≤ k) for X ~ Poisson(lam)."""
    if k < 0:
        return 0.0
    if lam <= 0:
        return 1.0
    return min(1.0, sum(math.exp(i * math.log(lam) - lam - math.lgamma(i + 1)) for i in range(k + 1)))


def poisson_sf(k: int, lam: float) -> float:
    """P(X ≥ k) for X ~ Poisson(lam)."""
    return max(0.0, 1.0 - poisson_cdf(k - 1, lam))


@dataclass(frozen=True)
class UnderReporting:
    """The arithmetic of one unit's expected-versus-observed test."""

    doses: int
    rate: float
    expected: float
    observed: int
    p_value: float
    flagged: bool
    threshold: float

    def arithmetic(self) -> str:
        """The computation written out, for the reviewer to check by hand."""
        shown = [f"e^-{self.expected:.4f}·{self.expected:.4f}^{k}/{k}!" for k in range(min(self.observed, 3) + 1)]
        terms = " + ".join(shown) + (f" + … + (k = {self.observed})" if self.observed > 3 else "")
        return (f"λ = {self.doses} × {self.rate} / 100000 = {self.expected:.4f}; "
                f"P(X ≤ {self.observed}) = {terms} = {self.p_value:.4f}; "
                f"{'<' if self.flagged else '≥'} {self.threshold}")


def under_reporting(doses: int, observed: int, rate: float = REFERENCE_RATE,
                    threshold: float = THRESHOLD) -> UnderReporting:
    """Test whether `observed` reports are improbably few for `doses` doses."""
    expected = doses * rate / 100_000
    p = poisson_cdf(observed, expected)
    return UnderReporting(doses, rate, expected, observed, p, doses > 0 and p < threshold, threshold)


def silent_periods(periods: list[Period], report_days: list[date], today: date) -> list[Period]:
    """The ended periods without any report day inside them."""
    return [p for p in periods if p.end <= today and not any(day in p for day in report_days)]

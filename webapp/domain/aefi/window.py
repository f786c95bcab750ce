"""The reporting scope by time since vaccination (domain.md §2.1, 全国疑似预防接种异常反应监测方案).

A case is checked against the table of the scheme: fever ≥ 38.6 ℃ (grade 3) and redness or induration > 2.5 cm
(grade 2 or 3) are reportable within 5 days of vaccination; any non-serious event within 3 months (BCG: 12 months,
for its lymphadenitis, osteomyelitis and disseminated infection); a serious case at any time. Each finding is a
code and the days since vaccination, which the pages put into words.
"""

from dataclasses import dataclass
from datetime import date

LOCAL_DAYS = 5     # fever ≥ 38.6 ℃, redness / induration > 2.5 cm
GENERAL_DAYS = 92  # three months: the longest window of a named non-serious event
BCG_DAYS = 366     # 1–12 months after BCG


@dataclass(frozen=True)
class WindowFinding:
    """A reported sign outside its window: `code` (fever, swelling, induration, late) and days since vaccination."""

    code: str
    days: int
    limit: int


def days_since_vaccination(vaccinated_on: list[date], onset: date) -> int | None:
    """Days from the latest suspected vaccination on or before onset to onset (None without one)."""
    before = [d for d in vaccinated_on if d <= onset]
    return (onset - max(before)).days if before else None


def window_findings(data: dict, vaccinated_on: list[date], onset: date) -> list[WindowFinding]:
    """The case's signs reported outside the scheme's window (empty when within it, or serious)."""
    days = days_since_vaccination(vaccinated_on, onset)
    if days is None or data.get("serious") or data.get("outcome") == "death":
        return []
    out = []
    for code, grades in (("fever", (3,)), ("swelling", (2, 3)), ("induration", (2, 3))):
        if data.get(f"{code}_grade") in grades and days > LOCAL_DAYS:
            out.append(WindowFinding(code, days, LOCAL_DAYS))
    bcg = any(v.get("vaccine") == "BCG" for v in data.get("vaccines") or [])
    limit = BCG_DAYS if bcg else GENERAL_DAYS
    if days > limit:
        out.append(WindowFinding("late", days, limit))
    return out

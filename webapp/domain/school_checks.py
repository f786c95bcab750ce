"""School-entry check indicators (domain.md §3): plain student_check data in, counts and rates out.

A student is one `student_check` data object (records.md). Definitions, each numerator / denominator:

- 查验率 `checked_rate`: students checked / students to be checked (the class rosters ∪ the checked students);
- 持证率 `certificate_rate`: students with a certificate at check (`present`) / students checked;
- 补证率 `reissue_rate`: certificates re-issued (`reissued`) / students without a certificate at check
  (`absent` + `reissued`);
- 全程接种率 `complete_rate`: students whose evaluation at check is complete / students checked;
- 漏种率 `missed_rate`: students with ≥1 missing dose at check / students checked;
- 全程补种率 `caught_up_rate`: students with missing doses whose catch-up is `complete` / students with missing
  doses (contraindicated children stay in the denominator, as in coverage statistics);
- 30 天内补种闭环率 `closed_30d_rate`: referrals closed (catch-up complete, or a contraindication recorded) no later
  than 30 days after `referral.notified_on` / students referred;
- 年底前复查率 `recheck_rate`: students with missing doses rechecked (`rechecked_on`) on or before 31 December of
  the check's year / students with missing doses.

A rate is a percentage with one decimal, or None when its denominator is 0.
"""

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

CLOSE_WITHIN_DAYS = 30

# Series (antigens) of records.md, the vaccines that count for each, and how many doses the registers show.
SERIES_VACCINES = {
    "HepB": ("HepB",), "BCG": ("BCG",), "Polio": ("IPV", "bOPV", "tOPV"), "DTP": ("DTaP", "DT"),
    "MCV": ("MMR", "MR", "MV"), "JE": ("JE-L", "JE-I"), "MenA": ("MPSV-A",), "MenAC": ("MPSV-AC",),
    "HepA": ("HepA-L", "HepA-I"),
}
SERIES_OF = {vaccine: series for series, vaccines in SERIES_VACCINES.items() for vaccine in vaccines}
REGISTER_DOSES = {"HepB": 3, "BCG": 1, "Polio": 4, "DTP": 5, "MCV": 2, "JE": 4, "MenA": 2, "MenAC": 2, "HepA": 2}
# The certificate marks of the 查验登记表: 1 = documented at check, △ = caught up afterwards.
MARK_DOCUMENTED, MARK_CAUGHT_UP = "1", "△"


@dataclass
class Counts:
    """Raw counts behind every indicator; counts add up across classes, schools and townships."""

    to_check: int = 0
    checked: int = 0
    with_certificate: int = 0
    without_certificate: int = 0
    reissued: int = 0
    complete_at_check: int = 0
    missed: int = 0
    fully_caught_up: int = 0
    contraindicated: int = 0
    referred: int = 0
    closed_30d: int = 0
    rechecked: int = 0
    missing_doses: Counter = field(default_factory=Counter)
    caught_up_doses: Counter = field(default_factory=Counter)

    def __add__(self, other: "Counts") -> "Counts":
        total = Counts()
        for f in fields(Counts):
            setattr(total, f.name, getattr(self, f.name) + getattr(other, f.name))
        return total


@dataclass(frozen=True)
class Indicator:
    """One indicator: code, Chinese label, numerator, denominator and the rate (percent, or None)."""

    code: str
    label: str
    numerator: int
    denominator: int

    @property
    def rate(self) -> float | None:
        """Numerator / denominator × 100, one decimal; None when nothing is in the denominator."""
        return rate(self.numerator, self.denominator)


INDICATORS = [  # (code, label, numerator field, denominator field)
    ("checked_rate", "查验率", "checked", "to_check"),
    ("certificate_rate", "持证率", "with_certificate", "checked"),
    ("reissue_rate", "补证率", "reissued", "without_certificate"),
    ("complete_rate", "全程接种率", "complete_at_check", "checked"),
    ("missed_rate", "漏种率", "missed", "checked"),
    ("caught_up_rate", "全程补种率", "fully_caught_up", "missed"),
    ("closed_30d_rate", "30天内补种闭环率", "closed_30d", "referred"),
    ("recheck_rate", "年底前复查率", "rechecked", "missed"),
]


def rate(numerator: int, denominator: int) -> float | None:
    """A percentage with one decimal, or None for an empty denominator."""
    return round(100.0 * numerator / denominator, 1) if denominator else None


def _day(value) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def student_key(name: str, birth_date) -> tuple[str, str]:
    """How a roster entry and a checked student are recognised as the same child."""
    return ("".join(str(name or "").split()), str(birth_date or "")[:10])


def has_missing(student: dict) -> bool:
    """The evaluation at check lists at least one missing dose."""
    return bool((student.get("evaluation") or {}).get("missing"))


def complete_at_check(student: dict) -> bool:
    """The evaluation at check says the child had every dose due."""
    evaluation = student.get("evaluation") or {}
    return evaluation.get("complete") is True and not evaluation.get("missing")


def closed_on(student: dict) -> date | None:
    """The day a referral closed: the last catch-up dose when complete, the contraindication's date when so."""
    status = student.get("catch_up_status")
    if status == "complete":
        days = [_day(c.get("date")) for c in student.get("catch_up") or []]
        return max((d for d in days if d), default=None)
    if status == "contraindicated":
        return _day((student.get("contraindication") or {}).get("date"))
    return None


def closed_within(student: dict, days: int = CLOSE_WITHIN_DAYS) -> bool:
    """The referral closed no later than `days` after the guardian was notified."""
    notified = _day((student.get("referral") or {}).get("notified_on"))
    closed = closed_on(student)
    return bool(notified and closed and closed <= notified + timedelta(days=days))


def recheck_deadline(term: str) -> date:
    """31 December of the term's year (`2026-autumn` → 2026-12-31)."""
    return date(int(str(term)[:4]), 12, 31)


def count_students(students: list[dict], recheck_by: date, to_check: int | None = None) -> Counts:
    """Count one batch (or any set of students sharing a recheck deadline); `to_check` defaults to the checked."""
    c = Counts(checked=len(students))
    c.to_check = max(to_check if to_check is not None else 0, len(students))
    for s in students:
        _count_certificate(c, s.get("certificate"))
        c.complete_at_check += complete_at_check(s)
        if has_missing(s):
            _count_missed(c, s, recheck_by)
    return c


def _count_certificate(c: Counts, certificate: str | None) -> None:
    c.with_certificate += certificate == "present"
    c.without_certificate += certificate in ("absent", "reissued")
    c.reissued += certificate == "reissued"


def _count_missed(c: Counts, s: dict, recheck_by: date) -> None:
    c.missed += 1
    c.fully_caught_up += s.get("catch_up_status") == "complete"
    c.contraindicated += s.get("catch_up_status") == "contraindicated"
    if (s.get("referral") or {}).get("unit_code"):
        c.referred += 1
        c.closed_30d += closed_within(s)
    rechecked = _day(s.get("rechecked_on"))
    c.rechecked += bool(rechecked and rechecked <= recheck_by)
    for m in (s.get("evaluation") or {}).get("missing") or []:
        c.missing_doses[m.get("series") or SERIES_OF.get(m.get("vaccine"), "?")] += 1
    for dose in s.get("catch_up") or []:
        c.caught_up_doses[SERIES_OF.get(dose.get("vaccine"), "?")] += 1


def indicators(counts: Counts) -> list[Indicator]:
    """Every indicator of `counts`, in the order of the reports."""
    return [Indicator(code, label, getattr(counts, num), getattr(counts, den)) for code, label, num, den in INDICATORS]


def roster_size(roster_keys: set, checked_keys: set) -> int:
    """Students to be checked: everyone on the rosters plus anyone checked who was not on them."""
    return len(set(roster_keys) | set(checked_keys))


def register_marks(student: dict) -> dict[tuple[str, int], str]:
    """(series, dose number) → 1 for a dose documented at check, △ for one caught up later; numbered by date."""
    marks: dict[tuple[str, int], str] = {}
    documented = _by_series(student.get("doses") or [])
    caught_up = _by_series(student.get("catch_up") or [])
    for series in set(documented) | set(caught_up):
        have = len(documented.get(series, []))
        for n in range(1, have + 1):
            marks[(series, n)] = MARK_DOCUMENTED
        for n in range(have + 1, have + len(caught_up.get(series, [])) + 1):
            marks[(series, n)] = MARK_CAUGHT_UP
    return marks


def _by_series(doses: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in sorted(doses, key=lambda d: str(d.get("date") or "")):
        series = SERIES_OF.get(d.get("vaccine"))
        if series:
            out.setdefault(series, []).append(str(d.get("date") or ""))
    return out

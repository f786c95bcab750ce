"""SLA timers for the national AEFI time limits (domain.md §2.1), each on time / due soon / late.

Every time is an aware datetime (device times already corrected for the device clock's offset). A limit is
met when the elapsed time is at most the limit ("within 48 h" includes the 48th hour).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

STEPS = ("report", "urgent_report", "investigation_start", "investigation_form", "preliminary_report",
         "conclusion")
ON_TIME, DUE_SOON, LATE, WAITING, NOT_APPLICABLE = "on_time", "due_soon", "late", "waiting", "not_applicable"


@dataclass(frozen=True)
class Limits:
    """The time limits; the [GK] ones (form, preliminary report, conclusion) are settings."""

    report_h: float = 48
    urgent_report_h: float = 2
    investigation_start_h: float = 48
    investigation_form_d: float = 3
    preliminary_report_d: float = 7
    conclusion_d: float = 30
    due_soon_fraction: float = 0.25

    def limit(self, step: str) -> timedelta:
        """The limit of one step as a timedelta."""
        hours = {"report": self.report_h, "urgent_report": self.urgent_report_h,
                 "investigation_start": self.investigation_start_h,
                 "investigation_form": self.investigation_form_d * 24,
                 "preliminary_report": self.preliminary_report_d * 24, "conclusion": self.conclusion_d * 24}
        return timedelta(hours=hours[step])


@dataclass(frozen=True)
class CaseTimes:
    """What the timers need to know about one case."""

    discovered_at: datetime
    reported_at: datetime
    urgent: bool = False
    needs_investigation: bool = True
    investigation_started_at: datetime | None = None
    investigation_reported_at: datetime | None = None
    preliminary_reported_at: datetime | None = None
    concluded_at: datetime | None = None
    received_at: datetime | None = None  # when the county received the report (the server's first receipt)


@dataclass(frozen=True)
class Timer:
    """One step's clock: `state` is on_time, due_soon, late, waiting (not started) or not_applicable."""

    step: str
    state: str
    done: bool = False
    start: datetime | None = None
    due: datetime | None = None
    done_at: datetime | None = None
    limit: timedelta | None = field(default=None)

    @property
    def late(self) -> bool:
        """The limit was (or is being) exceeded."""
        return self.state == LATE


def needs_investigation(preliminary_class: str | None, urgent: bool, hospitalized: bool) -> bool:
    """Every case needs an investigation except a clearly diagnosed general reaction."""
    return not (preliminary_class == "general_reaction" and not urgent and not hospitalized)


def is_urgent(serious: bool, outcome: str | None, cluster: bool = False, high_impact: bool = False) -> bool:
    """Death, serious, cluster or high-impact cases fall under the 2-hour limit."""
    return bool(serious or outcome == "death" or cluster or high_impact)


def clock(step: str, start: datetime | None, done_at: datetime | None, now: datetime, limits: Limits) -> Timer:
    """The state of one step that started at `start` and finished at `done_at` (None: still open)."""
    limit = limits.limit(step)
    if start is None:
        return Timer(step, WAITING, limit=limit)
    due = start + limit
    if done_at is not None:
        return Timer(step, ON_TIME if done_at <= due else LATE, True, start, due, done_at, limit)
    if now > due:
        state = LATE
    elif due - now <= limit * limits.due_soon_fraction:
        state = DUE_SOON
    else:
        state = ON_TIME
    return Timer(step, state, False, start, due, None, limit)


def case_timers(case: CaseTimes, now: datetime, limits: Limits | None = None) -> dict[str, Timer]:
    """Every step's timer for one case, keyed by step."""
    limits = limits or Limits()
    na = {step: Timer(step, NOT_APPLICABLE) for step in STEPS}
    out = {"report": clock("report", case.discovered_at, case.reported_at, now, limits)}
    out["urgent_report"] = (clock("urgent_report", case.discovered_at, case.reported_at, now, limits)
                            if case.urgent else na["urgent_report"])
    if case.needs_investigation:
        # "within 48 h of receiving the report": the county's clock starts when the report reaches it
        out["investigation_start"] = clock("investigation_start", case.received_at or case.reported_at,
                                           case.investigation_started_at, now, limits)
        out["investigation_form"] = clock("investigation_form", case.investigation_started_at,
                                          case.investigation_reported_at, now, limits)
        conclusion_start = case.investigation_reported_at
    else:
        out["investigation_start"] = na["investigation_start"]
        out["investigation_form"] = na["investigation_form"]
        conclusion_start = case.reported_at
    out["preliminary_report"] = (clock("preliminary_report", case.investigation_started_at,
                                       case.preliminary_reported_at, now, limits)
                                 if case.urgent and case.needs_investigation else na["preliminary_report"])
    out["conclusion"] = clock("conclusion", conclusion_start, case.concluded_at, now, limits)
    return out


def worst_state(timers: dict[str, Timer]) -> str:
    """The most pressing open state of a case (late > due_soon > on_time), for sorting the queue."""
    open_states = {t.state for t in timers.values() if not t.done and t.state in (LATE, DUE_SOON, ON_TIME)}
    for state in (LATE, DUE_SOON, ON_TIME):
        if state in open_states:
            return state
    return "done"

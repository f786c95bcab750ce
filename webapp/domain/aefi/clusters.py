"""Suspected clusters (群体性AEFI, domain.md §2.1): at one vaccination unit, two or more cases after the same
vaccine with onsets within a short window (a county setting), and every case the reporter marked `cluster`."""

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class ClusterCase:
    """What detection reads of a case: unit, first suspected vaccine, onset day, the reporter's mark."""

    id: str
    unit: str
    vaccine: str
    onset: date
    marked: bool = False


@dataclass
class Cluster:
    """Cases of one unit and vaccine whose onsets lie within the window of the first."""

    unit: str
    vaccine: str
    first: date
    last: date
    case_ids: list = field(default_factory=list)
    marked: bool = False


def detect_clusters(cases: list[ClusterCase], window_days: int, minimum: int = 2) -> list[Cluster]:
    """The clusters among `cases`, by unit and vaccine in onset order; a marked case alone is also one."""
    groups: dict = {}
    for case in sorted(cases, key=lambda c: (c.onset, c.id)):
        groups.setdefault((case.unit, case.vaccine), []).append(case)
    out, window = [], timedelta(days=window_days)
    for (unit, vaccine), rows in sorted(groups.items()):
        i = 0
        while i < len(rows):
            run = [c for c in rows[i:] if c.onset - rows[i].onset <= window]
            if len(run) >= minimum or any(c.marked for c in run):
                out.append(Cluster(unit, vaccine, run[0].onset, run[-1].onset, [c.id for c in run],
                                   any(c.marked for c in run)))
                i += len(run)
            else:
                i += 1
    return out

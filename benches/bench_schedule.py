"""Benchmark: evaluate N generated children with the Python schedule engine; print µs per child.

Run: .venv/bin/python benches/bench_schedule.py [N]   (default 100000; benches/bench_schedule.mjs is the Node twin
and generates the very same children with the same generator).
"""

import sys
import time
from datetime import date, timedelta

from webapp.domain.schedule import evaluate

# (vaccine, age in days) of a routine history; each dose is kept with 90 % chance and given 0–59 days late.
ROUTINE = [("HepB", 0), ("BCG", 0), ("HepB", 30), ("IPV", 61), ("IPV", 92), ("DTaP", 92), ("bOPV", 122),
           ("DTaP", 122), ("DTaP", 153), ("HepB", 183), ("MPSV-A", 183), ("MMR", 244), ("JE-L", 244),
           ("MPSV-A", 275), ("DTaP", 548), ("MMR", 548), ("HepA-L", 548), ("JE-L", 731), ("MPSV-AC", 1096),
           ("bOPV", 1461), ("DT", 2192), ("MPSV-AC", 2192)]
EPOCH = date(2008, 1, 1)


def lcg(seed):
    """The same 31-bit generator as the Node benchmark, so both evaluate identical children."""
    state = seed
    while True:
        state = (state * 1103515245 + 12345) % 2147483648
        yield state


def children(n, seed=20261123):
    """N children: birth 2008–2026, evaluated 0–19 years later (capped at 2026-12-31), with dated doses."""
    rand, out, last = lcg(seed), [], date(2026, 12, 31)
    for _ in range(n):
        birth = EPOCH + timedelta(days=next(rand) % 6900)
        on = min(birth + timedelta(days=next(rand) % 7000), last)
        doses = []
        for vaccine, age in ROUTINE:
            keep, late = next(rand) % 10, next(rand) % 60
            day = birth + timedelta(days=age + late)
            if keep and day <= on:
                doses.append({"vaccine": vaccine, "date": day.isoformat()})
        out.append((birth.isoformat(), on.isoformat(), doses))
    return out


def naive_missing(birth: str, on: str, doses: list[dict]) -> int:
    """The baseline: the input work any evaluator does (parse every date, group the doses by vaccine in date order)
    and the simplest rule (a dose is due at its routine age; no intervals, ages or substitutions checked)."""
    born, day = date.fromisoformat(birth), date.fromisoformat(on)
    given: dict[str, list[date]] = {}
    for dose in doses:
        given.setdefault(dose["vaccine"], []).append(date.fromisoformat(dose["date"]))
    for dates in given.values():
        dates.sort()
    due: dict[str, int] = {}
    for vaccine, age in ROUTINE:
        if born + timedelta(days=age) <= day:
            due[vaccine] = due.get(vaccine, 0) + 1
    return sum(max(0, count - len(given.get(vaccine, ()))) for vaccine, count in due.items())


def main():
    """Time the baseline (naive_missing) and the engine on the same children, in the same run."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    kids = children(n)
    start = time.perf_counter()
    naive = sum(naive_missing(b, o, doses) for b, o, doses in kids)
    baseline = (time.perf_counter() - start) / n * 1e6
    start = time.perf_counter()
    missing = sum(len(evaluate(b, o, doses)["missing"]) for b, o, doses in kids)
    per_child = (time.perf_counter() - start) / n * 1e6
    print(f"python schedule.evaluate: {n} children, {per_child:.1f} µs/child, missing doses {missing}; "
          f"baseline (parse, group, count due by age) {baseline:.2f} µs/child, missing {naive}; "
          f"ratio {per_child / baseline:.1f}×")


if __name__ == "__main__":
    main()

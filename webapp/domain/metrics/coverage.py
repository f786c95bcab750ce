"""Coverage metrics (domain.md §1.5) over the unit's registry children and their vaccinations (any unit).

Every child is evaluated once per period end E (the period's last day) by the national schedule engine
(webapp/domain/schedule/, the version in force, with the child's vaccinations up to E): the engine says which
doses count (valid age and interval — e.g. a measles-containing dose before 8 months does not) and on which day
each open dose fell due. Its series slots map to the plans' dose groups (`GROUPS`); the DTP series' 6-year slot
is `DT-1` (DT under the 2021 schedule, DTaP from 2025-01-01).

coverage — per dose group, for the period [S, E]: a child under 7 on E is due (应种) when the engine counted the
dose on a day in [S, E] (catch-up counts due +1, given +1), or the dose is open with its due day ≤ E and it was
inside its 12-month due window at some day of the period (due day + 12 months > S). A dose counted before S
leaves the child out; an open dose the engine no longer asks for (BCG from 4 years, MPSV-A from 24 months, the
polio 4th dose before 4 years ...) is not due. Given (实种): the due children whose dose was counted in [S, E].
Contraindicated children are not excluded. One finding per due child without the dose (evidence: the child).
A child `moved_out` or `deceased` on or before E is in no denominator; a `temporary` child counts only for the
doses counted (due +1, given +1), never for a missing one (records.md `status`).
coverage_12m — the five original vaccines (BCG, HepB3, polio 3, DTP3, MCV1) for children whose first birthday
falls in the period: covered when the engine counted the dose on a day before the first birthday.
schedule_errors — the unit's vaccinations in the period, of registry children and NIP products, that the engine
(evaluated on E) does not count: given before the slot's minimum age, too soon after the previous dose of the
series (the version's intervals: 28 days in the primary series, 6 months before the DTaP booster, 7 days between
JE-I doses 1 and 2 ...), or < 28 days after another injectable live vaccine not given the same day. The finding
carries the engine's reason. A dose beyond a complete series is an extra dose, not an error. The views are
evaluated leniently (engine `lenient`): a rule resting only on a [GK] setting of the schedule files (HepB's
intervals, the DT catch-up intervals from 6 years, the 2025 6-year DTaP interval;
metrics/unverified.py) rejects no dose, so it costs no coverage; the doses it would have
rejected go to schedule_errors' `gk` group, which costs points only when the county turns [GK] rules on.
Rows: children (id, birth_date); vaccinations (id, unit_code, child_id, vaccine, dose, given_on); the record's
`dose` number is not used: the engine numbers the doses itself.
"""

from collections import defaultdict
from datetime import date

import numpy as np

from webapp.domain.metrics import reasons_en as en
from webapp.domain.metrics.context import Context, UnitRows, counted_on, own_shots_between, temporary
from webapp.domain.metrics.dose_views import GROUP_INDEX, LABELS, ChildDoses, DayViews
from webapp.domain.metrics.unverified import GK_GROUP
from webapp.domain.rubric.model import Evidence, Finding, Measure
from webapp.domain.schedule.book import default_book
from webapp.domain.schedule.dates import add_months
from webapp.domain.schedule.engine import run, run_dated

ORIGINAL_FIVE = ("BCG-1", "HepB-3", "Polio-3", "DTP-3", "MCV-1")
# (engine series, product track or None, dose number in the series) → dose group; slots not listed are not scored
GROUPS = {
    ("HepB", None, 1): "HepB-1", ("HepB", None, 2): "HepB-2", ("HepB", None, 3): "HepB-3", ("BCG", None, 1): "BCG-1",
    ("Polio", None, 1): "Polio-1", ("Polio", None, 2): "Polio-2", ("Polio", None, 3): "Polio-3",
    ("Polio", None, 4): "Polio-4",
    ("DTP", None, 1): "DTP-1", ("DTP", None, 2): "DTP-2", ("DTP", None, 3): "DTP-3", ("DTP", None, 4): "DTP-4",
    ("DTP", None, 5): "DT-1",
    ("MCV", None, 1): "MCV-1", ("MCV", None, 2): "MCV-2",
    ("JE", "JE-L", 1): "JE-1", ("JE", "JE-L", 2): "JE-2", ("JE", "JE-I", 1): "JE-1", ("JE", "JE-I", 3): "JE-2",
    ("MenA", None, 1): "MenA-1", ("MenA", None, 2): "MenA-2", ("MenAC", None, 1): "MenAC-1",
    ("MenAC", None, 2): "MenAC-2",
    ("HepA", "HepA-L", 1): "HepA-1", ("HepA", "HepA-I", 1): "HepA-1",
}


def _group(series: str, track: str | None, number: int) -> str | None:
    return GROUPS.get((series, track, number)) or GROUPS.get((series, None, number))


def dose_status(birth, on, shots) -> ChildDoses:
    """The engine's view of a child's doses on day `on`.

    `shots` are (vaccine, given_on, vaccination id) triples; unknown products, undated doses and doses after `on`
    or before birth are ignored.
    """
    known = _known_codes()
    kept = [s for s in shots if s[0] in known and s[1] is not None and birth <= s[1] <= on]
    state = run_dated(birth, on, kept, lenient=True)
    later = [s[1] for s in shots if s[0] in known and s[1] is not None and s[1] > on]  # counted once `on` is theirs
    until = min(later + ([state.ctx.until] if state.ctx.until else []), default=None)
    groups = {}
    for code, result in state.ctx.results.items():
        for number, dose in enumerate(result.counted, 1):
            group = _group(code, result.track, number)
            if group is not None:
                groups[group] = (dose.date, None)
        for need in result.needs:
            group = _group(code, result.track, need.dose)
            if group is not None and group not in groups:
                groups[group] = (None, need.due)
    rejected = _rejected(state, kept)
    # counted: only a [GK] rule rejects them (a dose also rejected by a verified rule keeps that reason)
    waived = {kept[i][2] for i in state.ctx.waived} - {kept[d.index][2] for d, _ in _rejections(state)}
    # the same doses are rejected in every language: evaluated again in English only for the few children with any
    english = _rejected(run(birth, on, [{"vaccine": s[0], "date": s[1]} for s in kept], lang="en", lenient=True),
                        kept) if rejected or waived else {}
    return ChildDoses(groups, rejected, until, english, frozenset(waived))


def _rejections(state) -> list:
    """(dose, reason) of every dose the evaluation does not count."""
    return [row for result in state.ctx.results.values() for row in result.rejected] + list(state.rejected)


def _rejected(state, kept) -> dict:
    """vaccination id → why the evaluation of `kept` does not count it (or, waived, would not count it)."""
    out = {kept[i][2]: reason for i, reason in state.ctx.waived.items()}
    for dose, reason in _rejections(state):
        out[kept[dose.index][2]] = reason
    return out


_KNOWN: dict = {}


def _known_codes() -> dict:
    """Product code → its series (None for non-NIP products), for every product the engine knows."""
    if not _KNOWN:
        for version in default_book().versions:
            _KNOWN.update({code: spec.get("series") for code, spec in version.vaccines.items()})
    return _KNOWN


def statuses(rows: UnitRows, on) -> DayViews:
    """The registry children born by day `on` and their dose_status on that day (once per unit's rows and day)."""
    key = ("schedule_status", on)
    if key not in rows.cache:
        if not rows.full_history:
            raise LookupError(f"no schedule views for {on}: the rows hold only the period's own doses")
        shots = rows.cache.get("shots_by_child")
        if shots is None:
            shots = rows.cache["shots_by_child"] = defaultdict(list)
            for v in rows.vaccinations:
                shots[v.child_id].append((v.vaccine, v.given_on, v.id))
        rows.cache[key] = DayViews.of({c.id: dose_status(c.birth_date, on, shots.get(c.id, ()))
                                       for c in rows.children if c.birth_date <= on})
    return rows.cache[key]


def _count_groups(children, views: DayViews, ctx) -> dict:
    """group → Measure over the children's rows of the day's views (findings in the children's order)."""
    rows = views.rows_of(c.id for c in children)
    given, due = views.given[rows], views.due[rows]
    start, end = ctx.start.toordinal(), ctx.last_day.toordinal()
    counted = given >= start  # 0 (not counted) is never ≥ a day
    missed = (given == 0) & (due > add_months(ctx.start, -12).toordinal()) & (due <= end)
    missed &= ~np.fromiter((temporary(c) for c in children), dtype=bool, count=len(children))[:, None]
    numerators, misses = counted.sum(axis=0), missed.sum(axis=0)
    measures = {}
    for group, g in GROUP_INDEX.items():
        missed_en = en.DOSE_MISSED[group]
        measure = measures[group] = Measure(label=LABELS[group], numerator=int(numerators[g]),
                                            label_en=en.GROUP_LABELS_EN[group])
        measure.denominator = measure.examined = int(numerators[g] + misses[g])
        for r in np.flatnonzero(missed[:, g]):
            due_day = date.fromordinal(int(due[r, g]))
            measure.findings.append(Finding(f"{measure.label}应种未种（{due_day}起应种）",
                                            (Evidence("child", children[r].id),), missed_en, due_day))
    return measures


def coverage(rows: UnitRows, ctx: Context) -> Measure:
    """实种/应种 per dose group in the period, and over all groups."""
    oldest = add_months(ctx.last_day, -84)
    children = [c for c in rows.children if oldest < c.birth_date <= ctx.last_day and counted_on(c, ctx.last_day)]
    measure = Measure(label="接种率", label_en="Coverage", examined=len(children))
    measure.groups = _count_groups(children, statuses(rows, ctx.last_day), ctx)
    for group in measure.groups.values():
        measure.numerator += group.numerator
        measure.denominator += group.denominator
    return measure


def coverage_12m(rows: UnitRows, ctx: Context) -> Measure:
    """Five-vaccine primary coverage at 12 months for children turning one in the period."""
    cohort = [c for c in rows.children if ctx.start <= add_months(c.birth_date, 12) <= ctx.last_day
              and counted_on(c, ctx.last_day)]
    visiting = np.fromiter((temporary(c) for c in cohort), dtype=bool, count=len(cohort))
    views = statuses(rows, ctx.last_day)
    first_birthdays = np.array([add_months(c.birth_date, 12).toordinal() for c in cohort], dtype=np.int64)
    given = views.given[views.rows_of(c.id for c in cohort)]
    measure = Measure(label="12月龄基础免疫覆盖率", label_en="Primary coverage at 12 months", examined=len(cohort))
    for group in ORIGINAL_FIVE:
        column = given[:, GROUP_INDEX[group]]
        covered = (column > 0) & (column < first_birthdays)
        missed = ~covered & ~visiting  # a temporary child counts only where the dose was given
        g = Measure(label=f"12月龄{LABELS[group]}", numerator=int(covered.sum()),
                    denominator=int(covered.sum() + missed.sum()), examined=len(cohort),
                    label_en=en.by_12_months_label(group))
        missing_en = en.NOT_BY_12_MONTHS[group]
        g.findings = [Finding(f"12月龄前未完成{LABELS[group]}", (Evidence("child", cohort[r].id),), missing_en)
                      for r in np.flatnonzero(missed)]
        measure.groups[group] = g
    return measure


def schedule_errors(rows: UnitRows, ctx: Context) -> Measure:
    """The unit's doses in the period that the schedule engine does not count (too young, too soon)."""
    views = statuses(rows, ctx.last_day)
    known = _known_codes()
    shots = [v for v in own_shots_between(rows, ctx.start, ctx.end) if v.child_id in views and known.get(v.vaccine)]
    measure = Measure(label="免疫程序正确", label_en="Correct schedule", examined=len(shots))
    unverified = measure.groups[GK_GROUP] = Measure(label="未核实规则", label_en="Unverified rules")
    for v in shots:
        reason = views.rejected.get(v.id)
        if reason is not None:
            into = unverified if v.id in views.unverified else measure
            into.findings.append(Finding(f"{v.given_on} {reason}", (Evidence("vaccination", v.id),),
                                         f"{v.given_on} {views.rejected_en.get(v.id, reason)}"))
    return measure

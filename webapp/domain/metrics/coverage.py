"""Coverage metrics (domain.md §1.5) over the unit's registry children and their vaccinations (any unit).

coverage — per dose group, for the period [S, E]: a child under 7 on E is due (应种) when its due date ≤ E,
it had no dose of the group before S, and it was inside its 12-month due window at some day of the period
(due date + 12 months > S) or it received the dose in the period (catch-up counts due +1, given +1). Given
(实种): due children vaccinated in [S, E]. Contraindicated children are not excluded. One finding per due
child without the dose (evidence: the child).
coverage_12m — the five original vaccines (BCG, HepB3, polio 3, DTP3, MCV1) for children whose first birthday
falls in the period: covered when the dose was given before the first birthday.
schedule_errors — vaccinations by the unit in the period given before the dose's minimum age, or < 28 days
after the same child's previous dose of the series (JE-I doses 1–2 excepted: 7–10 days apart by design).
Rows: children (id, birth_date); vaccinations (id, unit_code, child_id, vaccine, dose, given_on).
"""

from collections import defaultdict

from webapp.domain.metrics.context import Context, UnitRows, own_shots_between
from webapp.domain.metrics.doses import DOSES, MIN_INTERVAL_DAYS, SERIES, add_months, due_date, group_of
from webapp.domain.rubric.model import Evidence, Finding, Measure

ORIGINAL_FIVE = ("BCG-1", "HepB-3", "Polio-3", "DTP-3", "MCV-1")


def first_given(rows: UnitRows) -> dict:
    """(child, group) → the earliest day the child had a dose of the group (computed once per unit's rows)."""
    if "first_given" in rows.cache:
        return rows.cache["first_given"]
    first = rows.cache["first_given"] = {}
    for v in rows.vaccinations:
        group = group_of(v.vaccine, v.dose)
        if group is not None:
            key = (v.child_id, group)
            if key not in first or v.given_on < first[key]:
                first[key] = v.given_on
    return first


def _due_table(rows: UnitRows) -> dict:
    """group → [(child id, birth date, due date)] for the unit's registry (computed once per unit's rows)."""
    if "due" not in rows.cache:
        rows.cache["due"] = {group: [(c.id, c.birth_date, add_months(c.birth_date, months)) for c in rows.children]
                             for group, (months, _label) in DOSES.items()}
    return rows.cache["due"]


def _group_measure(group, entries, first, ctx, oldest) -> Measure:
    measure = Measure(label=DOSES[group][1])
    end, start, window_start = ctx.last_day, ctx.start, add_months(ctx.start, -12)
    for child_id, birth, due in entries:
        if due > end or birth <= oldest:
            continue
        given = first.get((child_id, group))
        if given is not None and given < start:
            continue
        if given is not None and given <= end:
            measure.denominator += 1
            measure.numerator += 1
        elif due > window_start:
            measure.denominator += 1
            measure.findings.append(Finding(f"{measure.label}应种未种（{due}起应种）", (Evidence("child", child_id),)))
    measure.examined = int(measure.denominator)
    return measure


def coverage(rows: UnitRows, ctx: Context) -> Measure:
    """实种/应种 per dose group in the period, and over all groups."""
    oldest = add_months(ctx.last_day, -84)
    first, table = first_given(rows), _due_table(rows)
    measure = Measure(label="接种率", examined=sum(1 for c in rows.children if c.birth_date > oldest))
    for group in DOSES:
        measure.groups[group] = _group_measure(group, table[group], first, ctx, oldest)
        measure.numerator += measure.groups[group].numerator
        measure.denominator += measure.groups[group].denominator
    return measure


def coverage_12m(rows: UnitRows, ctx: Context) -> Measure:
    """Five-vaccine primary coverage at 12 months for children turning one in the period."""
    first = first_given(rows)
    cohort = [c for c in rows.children if ctx.start <= add_months(c.birth_date, 12) <= ctx.last_day]
    measure = Measure(label="12月龄基础免疫覆盖率", examined=len(cohort))
    for group in ORIGINAL_FIVE:
        g = Measure(label=f"12月龄{DOSES[group][1]}", denominator=len(cohort), examined=len(cohort))
        for c in cohort:
            given = first.get((c.id, group))
            if given is not None and given < add_months(c.birth_date, 12):
                g.numerator += 1
            else:
                g.findings.append(Finding(f"12月龄前未完成{DOSES[group][1]}", (Evidence("child", c.id),)))
        measure.groups[group] = g
    return measure


def _interval_error(v, by_child_series) -> bool:
    if int(v.dose or 0) <= 1 or v.vaccine == "JE-I" and int(v.dose) == 2:
        return False
    for other in by_child_series[(v.child_id, SERIES[v.vaccine])]:
        if int(other.dose or 0) == int(v.dose) - 1 and 0 <= (v.given_on - other.given_on).days < MIN_INTERVAL_DAYS:
            return True
    return False


def _by_child_series(rows: UnitRows) -> dict:
    """(child, series) → vaccinations (computed once per unit's rows)."""
    if "by_child_series" not in rows.cache:
        table = rows.cache["by_child_series"] = defaultdict(list)
        for v in rows.vaccinations:
            if v.vaccine in SERIES:
                table[(v.child_id, SERIES[v.vaccine])].append(v)
    return rows.cache["by_child_series"]


def schedule_errors(rows: UnitRows, ctx: Context) -> Measure:
    """Doses given too young or too soon after the previous dose."""
    births = {c.id: c.birth_date for c in rows.children}
    shots = [(v, group_of(v.vaccine, v.dose)) for v in own_shots_between(rows, ctx.start, ctx.end)]
    shots = [(v, g) for v, g in shots if g is not None]
    by_child_series = _by_child_series(rows)
    measure = Measure(label="免疫程序正确", examined=len(shots))
    for v, group in shots:
        birth = births.get(v.child_id)
        if birth is not None and v.given_on < due_date(birth, group):
            measure.findings.append(Finding(f"{v.given_on} {DOSES[group][1]}早于起始月龄",
                                            (Evidence("vaccination", v.id),)))
        elif _interval_error(v, by_child_series):
            measure.findings.append(Finding(f"{v.given_on} {DOSES[group][1]}与前一剂间隔不足28天",
                                            (Evidence("vaccination", v.id),)))
    return measure

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
coverage_12m — the five original vaccines (BCG, HepB3, polio 3, DTP3, MCV1) for children whose first birthday
falls in the period: covered when the engine counted the dose on a day before the first birthday.
schedule_errors — vaccinations by the unit in the period given before the dose's minimum age, or < 28 days
after the same child's previous dose of the series (JE-I doses 1–2 excepted: 7–10 days apart by design).
Rows: children (id, birth_date); vaccinations (id, unit_code, child_id, vaccine, dose, given_on).
"""

from collections import defaultdict

from webapp.domain.metrics.context import Context, UnitRows, own_shots_between
from webapp.domain.metrics.doses import DOSES, MIN_INTERVAL_DAYS, SERIES, due_date, group_of
from webapp.domain.rubric.model import Evidence, Finding, Measure
from webapp.domain.schedule import vaccine_codes
from webapp.domain.schedule.dates import add_months
from webapp.domain.schedule.engine import run as run_schedule

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
LABELS = {
    "HepB-1": "乙肝疫苗第1剂", "HepB-2": "乙肝疫苗第2剂", "HepB-3": "乙肝疫苗第3剂", "BCG-1": "卡介苗",
    "Polio-1": "脊灰疫苗第1剂", "Polio-2": "脊灰疫苗第2剂", "Polio-3": "脊灰疫苗第3剂", "Polio-4": "脊灰疫苗第4剂",
    "DTP-1": "百白破疫苗第1剂", "DTP-2": "百白破疫苗第2剂", "DTP-3": "百白破疫苗第3剂", "DTP-4": "百白破疫苗第4剂",
    "DT-1": "6岁白破/百白破疫苗", "MCV-1": "含麻疹成分疫苗第1剂", "MCV-2": "含麻疹成分疫苗第2剂",
    "JE-1": "乙脑疫苗第1剂", "JE-2": "乙脑疫苗第2剂", "MenA-1": "A群流脑疫苗第1剂", "MenA-2": "A群流脑疫苗第2剂",
    "MenAC-1": "A群C群流脑疫苗第1剂", "MenAC-2": "A群C群流脑疫苗第2剂", "HepA-1": "甲肝疫苗",
}


def _group(series: str, track: str | None, number: int) -> str | None:
    return GROUPS.get((series, track, number)) or GROUPS.get((series, None, number))


def dose_status(birth, on, shots) -> dict:
    """group → (day the engine counted the dose, None) or (None, day the open dose fell due), on day `on`.

    `shots` are (vaccine, given_on) pairs; unknown products and doses after `on` or before birth are ignored.
    """
    known = _known_codes()
    doses = [{"vaccine": v, "date": day} for v, day in shots if v in known and birth <= day <= on]
    status = {}
    for code, result in run_schedule(birth, on, doses).ctx.results.items():
        for i, dose in enumerate(result.counted):
            group = _group(code, result.track, i + 1)
            if group is not None:
                status[group] = (dose.date, None)
        for need in result.needs:
            group = _group(code, result.track, need.dose)
            if group is not None and group not in status:
                status[group] = (None, need.due)
    return status


_KNOWN: set = set()


def _known_codes() -> set:
    if not _KNOWN:
        _KNOWN.update(vaccine_codes())
    return _KNOWN


def statuses(rows: UnitRows, on) -> dict:
    """child id → dose_status on day `on`, for the registry children born by then (once per unit's rows and day)."""
    key = ("schedule_status", on)
    if key not in rows.cache:
        shots = rows.cache.get("shots_by_child")
        if shots is None:
            shots = rows.cache["shots_by_child"] = defaultdict(list)
            for v in rows.vaccinations:
                shots[v.child_id].append((v.vaccine, v.given_on))
        rows.cache[key] = {c.id: dose_status(c.birth_date, on, shots.get(c.id, ()))
                           for c in rows.children if c.birth_date <= on}
    return rows.cache[key]


def _group_measure(group, children, status, ctx) -> Measure:
    measure = Measure(label=LABELS[group])
    end, start, window_start = ctx.last_day, ctx.start, add_months(ctx.start, -12)
    for c in children:
        given, due = status[c.id].get(group, (None, None))
        if given is not None:
            if given >= start:
                measure.denominator += 1
                measure.numerator += 1
        elif due is not None and window_start < due <= end:
            measure.denominator += 1
            measure.findings.append(Finding(f"{measure.label}应种未种（{due}起应种）", (Evidence("child", c.id),)))
    measure.examined = int(measure.denominator)
    return measure


def coverage(rows: UnitRows, ctx: Context) -> Measure:
    """实种/应种 per dose group in the period, and over all groups."""
    oldest = add_months(ctx.last_day, -84)
    children = [c for c in rows.children if oldest < c.birth_date <= ctx.last_day]
    status = statuses(rows, ctx.last_day)
    measure = Measure(label="接种率", examined=len(children))
    for group in LABELS:
        measure.groups[group] = _group_measure(group, children, status, ctx)
        measure.numerator += measure.groups[group].numerator
        measure.denominator += measure.groups[group].denominator
    return measure


def coverage_12m(rows: UnitRows, ctx: Context) -> Measure:
    """Five-vaccine primary coverage at 12 months for children turning one in the period."""
    cohort = [c for c in rows.children if ctx.start <= add_months(c.birth_date, 12) <= ctx.last_day]
    status = statuses(rows, ctx.last_day)
    measure = Measure(label="12月龄基础免疫覆盖率", examined=len(cohort))
    for group in ORIGINAL_FIVE:
        g = Measure(label=f"12月龄{LABELS[group]}", denominator=len(cohort), examined=len(cohort))
        for c in cohort:
            given = status[c.id].get(group, (None, None))[0]
            if given is not None and given < add_months(c.birth_date, 12):
                g.numerator += 1
            else:
                g.findings.append(Finding(f"12月龄前未完成{LABELS[group]}", (Evidence("child", c.id),)))
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

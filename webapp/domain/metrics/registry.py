"""Metrics over the child registry (records.md `child`), with timely HepB1 from vaccinations.

certificate_rate (建证率) — children of the unit's registry aged 3 months to < 7 years on the period's last day
who have lived there ≥ 3 months (from `resident_since`; without it, local children by age and migrant children
from their first capture), `temporary` children never, `moved_out`/`deceased` ones not from `status_on`:
numerator those with a `certificate_no`; one finding per child without.
child_changes (范本1 五.4) — children whose status became `moved_out` or `deceased` with `status_on` in the
period (`examined`); a finding per change first recorded (the earliest revision carrying the status) more than
30 days after `status_on` (the system's setting). Nothing examined: the items stay pending for the assessor.
Every metric here leaves out a child `moved_out` or `deceased` on or before the period's last day; timely_hepb1
counts a `temporary` child only when the dose was timely, hbsag_screening never.
migrant_register — `examined` = migrant children in the register (0 → no register); one finding per migrant
child whose registration is incomplete (`guardian_name`, `guardian_phone` or `village_code` missing).
hbsag_screening — children born in the period: numerator those whose `mother_hbsag` is `positive`/`negative`.
timely_hepb1 (domain.md §1.5) — children born in the period (up to its last day − 1, so every child had the
chance): numerator those whose HepB dose 1 (the schedule engine's first counted HepB dose, as for coverage) was
given ≤ birth + 1 day; a finding per child without.
Rows: children (id, birth_date, residence, certificate_no, guardian_name, guardian_phone, village_code,
mother_hbsag, registered_on); vaccinations (child_id, vaccine, dose, given_on).
"""

from datetime import timedelta

from webapp.domain.field_names import field_names
from webapp.domain.metrics import reasons_en as en
from webapp.domain.metrics.context import GONE, Context, UnitRows, blank, counted_on, resident_from, temporary
from webapp.domain.metrics.coverage import statuses
from webapp.domain.rubric.model import Evidence, Finding, Measure

RESIDENT_DAYS = 90
CHANGE_LATE_DAYS = 30  # the system's setting: a change recorded more than 30 days after it happened is late
STATUS_WORDS = {"moved_out": "迁出", "deceased": "死亡"}


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def certificate_rate(rows: UnitRows, ctx: Context) -> Measure:
    """Children resident ≥ 3 months with a certificate number / all such children."""
    day = ctx.last_day
    oldest, settled = _years_before(day, 7), day - timedelta(days=RESIDENT_DAYS)
    measure = Measure(label="建证率", label_en="Certificate rate")
    for c in rows.children:
        if not (oldest < c.birth_date <= settled) or temporary(c) or not counted_on(c, day):
            continue
        since = resident_from(c)
        if since is None or since > settled:
            continue
        measure.denominator += 1
        if blank(c.certificate_no):
            measure.findings.append(Finding(f"{c.birth_date}出生儿童未建证", (Evidence("child", c.id),),
                                            en.no_certificate, c.birth_date))
        else:
            measure.numerator += 1
    measure.examined = int(measure.denominator)
    return measure


def migrant_register(rows: UnitRows, ctx: Context) -> Measure:
    """The migrant register: how many migrant children it holds and which are incompletely registered."""
    measure = Measure(label="流动儿童登记", label_en="Migrant children register")
    for c in rows.children:
        if c.residence != "migrant" or (c.registered_on is not None and c.registered_on > ctx.last_day) \
                or not counted_on(c, ctx.last_day):
            continue
        measure.examined += 1
        missing = [f for f in ("guardian_name", "guardian_phone", "village_code") if blank(getattr(c, f))]
        if missing:
            measure.findings.append(Finding(f"流动儿童登记不全：{field_names(missing, 'zh_CN')}",
                                            (Evidence("child", c.id),),
                                            en.migrant_incomplete, tuple(missing)))
    measure.denominator = measure.examined
    measure.numerator = measure.examined - len(measure.findings)
    return measure


def hbsag_screening(rows: UnitRows, ctx: Context) -> Measure:
    """Children born in the period whose mother's HBsAg result is recorded."""
    measure = Measure(label="孕产妇HBsAg筛查率", label_en="Antenatal HBsAg screening rate")
    for c in rows.children:
        if ctx.in_period(c.birth_date) and not temporary(c) and counted_on(c, ctx.last_day):
            measure.denominator += 1
            if c.mother_hbsag in ("positive", "negative"):
                measure.numerator += 1
            else:
                measure.findings.append(Finding("母亲HBsAg未筛查", (Evidence("child", c.id),), en.HBSAG_UNSCREENED))
    measure.examined = int(measure.denominator)
    return measure


def timely_hepb1(rows: UnitRows, ctx: Context) -> Measure:
    """Children born in the period with HepB1 no later than the day after birth."""
    views = statuses(rows, ctx.last_day)
    measure = Measure(label="首针乙肝及时接种率", label_en="Timely HepB birth dose rate")
    for c in rows.children:
        if not ctx.in_period(c.birth_date) or c.birth_date >= ctx.last_day or not counted_on(c, ctx.last_day):
            continue
        given = views.given_on(c.id, "HepB-1")
        timely = given is not None and given <= c.birth_date + timedelta(days=1)
        if not timely and temporary(c):
            continue
        measure.denominator += 1
        if timely:
            measure.numerator += 1
        else:
            measure.findings.append(Finding(f"{c.birth_date}出生，首针乙肝{'未种' if given is None else given}",
                                            (Evidence("child", c.id),), en.hepb1_late, (c.birth_date, given)))
    measure.examined = int(measure.denominator)
    return measure


def child_changes(rows: UnitRows, ctx: Context) -> Measure:
    """Children who moved out or died in the period, and those whose change was recorded late."""
    measure = Measure(label="儿童变动登记", label_en="Register of changes")
    for c in rows.children:
        if getattr(c, "status", "active") not in GONE or not ctx.in_period(c.status_on):
            continue
        measure.examined += 1
        recorded = getattr(c, "status_recorded_on", None)
        if recorded is not None and (recorded - c.status_on).days > CHANGE_LATE_DAYS:
            reason = f"{c.status_on}{STATUS_WORDS[c.status]}，{recorded}才登记（超过{CHANGE_LATE_DAYS}天）"
            measure.findings.append(Finding(reason, (Evidence("child", c.id),), en.change_late,
                                            (c.status_on, c.status, recorded)))
    measure.denominator = measure.examined
    measure.numerator = measure.examined - len(measure.findings)
    return measure

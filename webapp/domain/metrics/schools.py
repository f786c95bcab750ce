"""School-entry check metrics for the unit's schools (范本1 五.10), on the schools area's definitions.

school_register_units (登记单位完整) — `examined` = schools linked to the unit; one finding per school without
a `school_check` batch started in the period. Entry checks are autumn work (the term starting in September): a
period ending before 1 September of its year with no batch examines nothing (H1 loses nothing; the items, marked
`pending_when_empty`, wait for the assessor), and so does a unit without schools or checks.
school_register_fields (登记项目齐全) — student checks of batches started in the period; one finding per student
check with a QC field missing (`guardian_phone`).
school_catch_up (适时进行补证、补种) — student checks of those batches (`examined`); for each student with missing
doses at check: a finding when no
referral was made, when the referral did not close (catch-up complete or contraindicated) within 30 days of
notice once those 30 days have passed, or when 31 December of the term has passed without a recheck.
Rows: schools (code, name); school_checks (id, school_code, started_on, term); student_checks (id, parent_id,
data).
"""

from datetime import date, timedelta

from webapp.domain.metrics import reasons_en as en
from webapp.domain.metrics.context import Context, UnitRows, blank
from webapp.domain.rubric.model import Evidence, Finding, Measure
from webapp.domain.school_checks import CLOSE_WITHIN_DAYS, _day, closed_within, has_missing, recheck_deadline

SEASON_MONTH = 9  # entry checks fall in the autumn term: 范本1 五.10 is scored in H2


def _batches(rows: UnitRows, ctx: Context) -> dict:
    return {b.id: b for b in rows.school_checks if ctx.in_period(b.started_on)}


def in_season(ctx: Context) -> bool:
    """The period reaches the entry checks' season (autumn term: from 1 September of its year)."""
    return ctx.end > date(ctx.start.year, SEASON_MONTH, 1)


def school_register_units(rows: UnitRows, ctx: Context) -> Measure:
    """Schools of the unit without a check batch in the period (none examined before the season, unless checked)."""
    batches = _batches(rows, ctx)
    checked = {b.school_code for b in batches.values()}
    if not batches and not in_season(ctx):
        return Measure(label="查验登记单位", label_en="Schools with a check register")
    measure = Measure(examined=len(rows.schools), label="查验登记单位", label_en="Schools with a check register")
    for school in rows.schools:
        if school.code not in checked:
            measure.findings.append(Finding(f"{school.name}（{school.code}）无查验登记", (), en.school_unchecked,
                                            (school.name, school.code)))
    return measure


def school_register_fields(rows: UnitRows, ctx: Context) -> Measure:
    """Student checks with a QC field missing."""
    batches = _batches(rows, ctx)
    measure = Measure(label="查验登记项目", label_en="Check register fields")
    for s in rows.student_checks:
        if s.parent_id in batches:
            measure.examined += 1
            if blank((s.data or {}).get("guardian_phone")):
                measure.findings.append(Finding("学生查验登记缺监护人电话", (Evidence("student_check", s.id),),
                                                en.STUDENT_NO_GUARDIAN_PHONE))
    return measure


def _catch_up_problem(data: dict, batch, today) -> tuple | None:
    """The student's catch-up problem as (Chinese, English), or None."""
    notified = _day((data.get("referral") or {}).get("notified_on"))
    if notified is None:
        return "漏种未开具补种通知", en.CATCH_UP_NO_NOTICE
    if notified + timedelta(days=CLOSE_WITHIN_DAYS) < today and not closed_within(data):
        return "补种未在通知后30天内完成", en.CATCH_UP_LATE
    if recheck_deadline(batch.term) < today and not data.get("rechecked_on"):
        return "未在12月31日前复查", en.CATCH_UP_NOT_RECHECKED
    return None


def school_catch_up(rows: UnitRows, ctx: Context) -> Measure:
    """Students with missing doses not referred, not caught up in time, or not rechecked."""
    batches = _batches(rows, ctx)
    measure = Measure(label="补证补种", label_en="Certificates and catch-up doses")
    for s in rows.student_checks:
        batch = batches.get(s.parent_id)
        data = s.data or {}
        if batch is None:
            continue
        measure.examined += 1
        if not has_missing(data):
            continue
        problem = _catch_up_problem(data, batch, ctx.today)
        if problem:
            measure.findings.append(Finding(problem[0], (Evidence("student_check", s.id),), problem[1]))
    return measure

"""AEFI metrics over `aefi_report` and `aefi_zero_report` rows of the unit.

aefi_completeness (范本2 异常反应监测) — reports with onset in the period (`examined`); findings: each report with a
QC field missing (`fever_grade`, `swelling_grade`, `induration_grade`, `diagnosis`, `reporter_phone`, and each
vaccine's `route` and `site`), and each month of the period that has ended by today with neither a case nor a
zero report covering it (a silent, i.e. unreported, month; uses the AEFI area's `silent_periods`).
aefi_no_report_year (范本1 五.8) — reports with onset from 1 January of the period's year to its last day;
one finding when there is none.
Rows: aefi_reports (id, onset_on, data), zero_reports (id, period).
"""

from datetime import date, timedelta

from webapp.domain.aefi.silence import silent_periods
from webapp.domain.field_names import field_names
from webapp.domain.metrics import reasons_en as en
from webapp.domain.metrics.context import Context, UnitRows, blank
from webapp.domain.periods import parse_period, periods_between
from webapp.domain.rubric.model import Evidence, Finding, Measure

REPORT_QC = ("fever_grade", "swelling_grade", "induration_grade", "diagnosis", "reporter_phone")
VACCINE_QC = ("route", "site")


def aefi_missing(data: dict) -> list[str]:
    """The QC fields an AEFI report lacks."""
    missing = [f for f in REPORT_QC if blank(data.get(f))]
    for i, vaccine in enumerate(data.get("vaccines") or []):
        missing += [f"vaccines.{i}.{f}" for f in VACCINE_QC if blank(vaccine.get(f))]
    return missing


def _covered_days(rows: UnitRows) -> list[date]:
    days = [r.onset_on for r in rows.aefi_reports if r.onset_on]
    for z in rows.zero_reports:
        try:
            days.append(parse_period(z.period).start)
        except ValueError:
            continue
    return days


def aefi_completeness(rows: UnitRows, ctx: Context) -> Measure:
    """Incomplete AEFI reports and silent months in the period."""
    measure = Measure(label="异常反应监测", label_en="AEFI surveillance")
    for r in rows.aefi_reports:
        if not ctx.in_period(r.onset_on):
            continue
        measure.examined += 1
        missing = aefi_missing(r.data or {})
        if missing:
            measure.findings.append(Finding(f"AEFI个案报告不完整：{field_names(missing, 'zh_CN')}",
                                            (Evidence("aefi_report", r.id),), en.aefi_incomplete, tuple(missing)))
    months = periods_between(ctx.start, ctx.end - timedelta(days=1), "monthly")
    for month in silent_periods(months, _covered_days(rows), ctx.today):
        measure.findings.append(Finding(f"{month.name} 既无AEFI报告也无零报告（未报告）", (), en.aefi_silent_month,
                                        month.name))
    return measure


def aefi_no_report_year(rows: UnitRows, ctx: Context) -> Measure:
    """A year (to the period's last day) without any AEFI report."""
    first = date(ctx.start.year, 1, 1)
    reports = [r for r in rows.aefi_reports if r.onset_on and first <= r.onset_on <= ctx.last_day]
    measure = Measure(examined=len(reports), label="年内AEFI报告", label_en="AEFI reports in the year")
    if not reports:
        reason = f"{first.year}年{first:%m-%d}至{ctx.last_day:%m-%d}无疑似预防接种异常反应报告"
        measure.findings.append(Finding(reason, (), en.aefi_none_in_year, (first, ctx.last_day)))
    return measure

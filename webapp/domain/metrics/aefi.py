"""AEFI metrics over `aefi_report` and `aefi_zero_report` rows of the unit.

aefi_completeness (范本2 异常反应监测) — reports with onset in the period (`examined`); findings: each report with a
QC field missing (`fever_grade`, `swelling_grade`, `induration_grade`, `diagnosis`, `reporter_phone`, and each
vaccine's `route` and `site`), and each period of the county's zero-report cadence (ZERO_REPORT_CADENCE: weekly,
旬, monthly, quarterly) overlapping the assessment period and ended by today with neither a case whose onset falls
in it nor zero reports of its own length or shorter covering it day for day (a silent, i.e. unreported, period): a
quarterly county that filed every quarter keeps the item; a weekly one needs every week.
aefi_no_report_year (范本1 五.8) — reports with onset from 1 January of the period's year to its last day;
one finding when there is none.
Rows: aefi_reports (id, onset_on, data), zero_reports (id, period).
"""

from datetime import date, timedelta

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


def _zero_spans(rows: UnitRows) -> list:
    """The periods the unit's zero reports cover (a report with an unreadable period covers nothing)."""
    spans = []
    for z in rows.zero_reports:
        try:
            spans.append(parse_period(z.period))
        except ValueError:
            continue
    return spans


def _tiled(period, spans) -> bool:
    """The zero reports no longer than the period (its own cadence or a finer one) cover it day for day."""
    day = period.start
    for z in sorted((z for z in spans if z.end - z.start <= period.end - period.start), key=lambda z: z.start):
        if z.start <= day < z.end:
            day = z.end
    return day >= period.end


def _silent(periods, rows: UnitRows, today) -> list:
    """The ended periods with neither a case whose onset falls in them nor zero reports covering them: a report of
    a longer period than the county's cadence (a quarter's in a weekly county) does not stand for its weeks."""
    onsets, spans = [r.onset_on for r in rows.aefi_reports if r.onset_on], _zero_spans(rows)
    return [p for p in periods if p.end <= today and not any(day in p for day in onsets) and not _tiled(p, spans)]


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
    periods = periods_between(ctx.start, ctx.end - timedelta(days=1), ctx.cadence)
    for period in _silent(periods, rows, ctx.today):
        measure.findings.append(Finding(f"{period.name} 既无AEFI报告也无零报告（未报告）", (), en.aefi_silent_month,
                                        period.name))
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

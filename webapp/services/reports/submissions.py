"""The monthly report page's reads and its submission: the report by village, its checks, what was submitted."""

from flask_babel import get_locale
from sqlalchemy import select

from webapp.domain.metrics.dose_views import LABELS
from webapp.domain.metrics.reasons_en import GROUP_LABELS_EN
from webapp.domain.periods import parse_period
from webapp.domain.reports.checks import consistency, differences
from webapp.extensions import db
from webapp.models import Record, Village
from webapp.models.reports import MonthlyReportSubmission
from webapp.services.audit import record_audit
from webapp.services.reports.monthly import compute_monthly, registry_children


def group_label(group: str) -> str:
    """A dose group's name in the user's language (乙肝疫苗第1剂)."""
    return GROUP_LABELS_EN[group] if str(get_locale() or "").startswith("en") else LABELS[group]


def sessions_by_village(unit: str, month: str) -> dict:
    """village code → the days in the month the unit vaccinated that village's registry children."""
    period = parse_period(month)
    villages = {c.id: c.village_code for c, _birth, _seq in registry_children(unit)}
    rows = db.session.execute(select(Record.child_id, Record.event_date).where(
        Record.kind == "vaccination", Record.deleted.is_(False), Record.unit_code == unit,
        Record.event_date >= period.start, Record.event_date < period.end)).all()
    out: dict = {}
    for child_id, day in rows:
        if child_id in villages:
            out.setdefault(villages[child_id], set()).add(day)
    return out


def latest_submission(unit: str, month: str):
    """The last submission of the unit's month, or None."""
    return db.session.execute(select(MonthlyReportSubmission).where(
        MonthlyReportSubmission.unit_code == unit, MonthlyReportSubmission.month == month)
        .order_by(MonthlyReportSubmission.id.desc()).limit(1)).scalar_one_or_none()


def report_view(unit: str, month: str) -> dict:
    """What the page and the Excel file show: groups with any figure, rows by village, the migrant line, totals,
    checks, the last submission and the differences from it."""
    report = compute_monthly(unit, month)
    groups = [t["group"] for t in report["totals"] if t["due"] or t["given"]]
    names = dict(db.session.execute(select(Village.code, Village.name).where(Village.unit_code == unit)).all())
    by_village: dict = {}
    for r in report["rows"]:
        by_village.setdefault(r["village_code"], {})[r["group"]] = r
    migrant = {g: {"due": sum(r["migrant_due"] for r in report["rows"] if r["group"] == g),
                   "given": sum(r["migrant_given"] for r in report["rows"] if r["group"] == g)} for g in groups}
    submitted = latest_submission(unit, month)
    return {"report": report, "groups": groups, "labels": {g: group_label(g) for g in LABELS},
            "villages": [(code, names.get(code) or code or "", by_village[code]) for code in by_village],
            "migrant": migrant, "totals": {t["group"]: t for t in report["totals"]},
            "checks": consistency(report, sessions_by_village(unit, month)), "submitted": submitted,
            "differences": differences(submitted.figures, report) if submitted else []}


def submit_report(user, unit: str, month: str) -> MonthlyReportSubmission:
    """Keep the report as it stands now as the unit's submitted figures for the month (flushed, audited)."""
    figures = compute_monthly(unit, month)
    row = MonthlyReportSubmission(unit_code=unit, month=month, figures=figures, submitted_by=user.username)
    db.session.add(row)
    db.session.flush()
    record_audit(user, "reports.monthly_submitted", "monthly_report", row.id, None, {"month": month}, unit)
    return row

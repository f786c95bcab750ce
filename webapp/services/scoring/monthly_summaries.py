"""The stored monthly summary of a unit (月总结): the user edits the draft (services/reports/summary.py writes it
from the month's report and facts) and files it; a filed summary no longer changes."""

from flask_babel import gettext as _
from sqlalchemy import select

from webapp.dbtypes import utcnow
from webapp.domain.periods import parse_period
from webapp.extensions import db
from webapp.models import MonthlySummary
from webapp.services import county
from webapp.services.audit import record_audit


class SummaryError(ValueError):
    """A summary that may not be changed (filed) or an empty text."""


def find_summary(unit: str, month: str):
    """The stored summary of a unit and month, or None."""
    return db.session.execute(select(MonthlySummary).where(MonthlySummary.unit_code == unit,
                                                           MonthlySummary.month == month)).scalar_one_or_none()


def save_summary(user, unit: str, month: str, text: str, file: bool, today=None) -> MonthlySummary:
    """Store the edited text (and file it when asked); a filed summary is final; a month that has not begun on
    `today` (the county's date) has nothing to sum up and is refused."""
    text = (text or "").strip()
    if not text:
        raise SummaryError(_("总结内容不能为空"))
    if parse_period(month).start > (today or county.today()):
        raise SummaryError(_("%(month)s 尚未开始，不能填写或归档该月总结", month=month))
    summary = find_summary(unit, month)
    if summary is not None and summary.status == "filed":
        raise SummaryError(_("该月总结已归档，不能再修改"))
    if summary is None:
        summary = MonthlySummary(unit_code=unit, month=month, text=text, edited_by=user.username)
        db.session.add(summary)
    summary.text, summary.edited_by, summary.updated_at = text[:20000], user.username, utcnow()
    if file:
        summary.status, summary.filed_by, summary.filed_at = "filed", user.username, utcnow()
    db.session.flush()
    record_audit(user, "scores.summary_filed" if file else "scores.summary_saved", "monthly_summary", summary.id,
                 None, {"month": month, "status": summary.status}, unit)
    return summary

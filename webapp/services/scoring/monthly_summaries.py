"""The monthly QC summary of a unit (月总结): figures of the month from the data, its deductions, open problems.

`draft_summary` writes a Chinese text in the shape of the county's summaries (seed 000): basic figures, QC
rates, the month's deductions and the open problems, then next month's work. The user edits the text and
files it; a filed summary no longer changes.
"""

from collections import Counter

from flask_babel import gettext as _
from sqlalchemy import func, select

from webapp.dbtypes import utcnow
from webapp.domain.periods import parse_period
from webapp.extensions import db
from webapp.models import MonthlySummary, Record, Unit
from webapp.services import county
from webapp.services.audit import record_audit
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_scorecards

SUMMARY_TEMPLATE = "evaluation-standard"


class SummaryError(ValueError):
    """A summary that may not be changed (filed) or an empty text."""


def _count(kind, unit, month, *where) -> int:
    return db.session.execute(select(func.count()).select_from(Record).where(
        Record.kind == kind, Record.unit_code == unit, Record.deleted.is_(False),
        Record.event_date >= month.start, Record.event_date < month.end, *where)).scalar_one()


def month_figures(unit: str, month_name: str) -> dict:
    """Counts of the month: pre-checks, consents, doses by vaccine, catch-up doses, AEFI, zero reports, schools."""
    month = parse_period(month_name)
    doses = Counter(db.session.execute(
        select(Record.vaccine).where(
            Record.kind == "vaccination", Record.unit_code == unit, Record.deleted.is_(False),
            Record.event_date >= month.start, Record.event_date < month.end)).scalars())
    return {"prechecks": _count("precheck", unit, month), "consents": _count("consent", unit, month),
            "vaccinations": sum(doses.values()), "doses": dict(sorted(doses.items())),
            "catch_up": _count("vaccination", unit, month, Record.data["strategy"].as_string() == "catch_up"),
            "aefi_reports": _count("aefi_report", unit, month),
            "zero_reports": _count("aefi_zero_report", unit, month),
            "school_checks": _count("school_check", unit, month),
            "student_checks": _count("student_check", unit, month)}


def month_card(unit: str, month_name: str):
    """The evaluation-standard scorecard of the month (its computed items are the month's QC rates)."""
    return compute_scorecards(get_template(SUMMARY_TEMPLATE), [unit], month_name)[unit]


def _rate(measure) -> str:
    return "—" if measure is None or measure.rate is None else f"{measure.rate:.1f}%"


def _qc_lines(card) -> list[str]:
    items = {i.item.code: i for p in card.parts for s in p.sections for i in s.items}
    pre = items["precheck_register"].measure
    conc = items["information_system_concordance"].measure
    return [f"预检登记完整率 {_rate(pre)}（{pre.numerator:g}/{pre.denominator:g}）",
            f"抽查儿童卡证相符率 {_rate(conc)}（{conc.numerator:g}/{conc.denominator:g}）",
            f"建证率 {_rate(items['certificate_rate'].measure)}",
            f"接种率（全部剂次）{_rate(items['coverage'].measure)}"]


def _deduction_lines(card) -> list[str]:
    return [f"{i.item.title}：{d.points:+g} 分，{d.reason}" for p in card.parts for s in p.sections for i in s.items
            if i.source == "computed" for d in i.deductions]


def _finding_count(measure) -> int:
    if measure is None:
        return 0
    return len(measure.findings) + sum(len(g.findings) for g in measure.groups.values())


def _problem_lines(card) -> list[str]:
    out = []
    for p in card.parts:
        for s in p.sections:
            for i in s.items:
                found = _finding_count(i.measure) if i.source == "computed" else 0
                if found:
                    out.append(f"{i.item.title}：{found} 处待整改")
    return out


def draft_summary(unit: str, month_name: str) -> str:
    """The draft text of a month's summary, from the data."""
    unit_name = db.session.get(Unit, unit).name
    f = month_figures(unit, month_name)
    card = month_card(unit, month_name)
    doses = "，".join(f"{k} {v} 剂" for k, v in f["doses"].items()) or "无"
    lines = [f"{unit_name} {month_name} 免疫质控月总结", "",
             "一、基本情况",
             f"本月预检登记 {f['prechecks']} 人次，知情告知 {f['consents']} 份，接种 {f['vaccinations']} 剂次"
             f"（{doses}），其中查漏补种 {f['catch_up']} 剂次。",
             f"疑似预防接种异常反应报告 {f['aefi_reports']} 例，零报告 {f['zero_reports']} 份；"
             f"入托入学查验批次 {f['school_checks']} 个，查验学生 {f['student_checks']} 人。", "",
             "二、质控指标", *_qc_lines(card), "",
             "三、本月扣分", *(_deduction_lines(card) or ["无"]), "",
             "四、存在的问题", *(_problem_lines(card) or ["无"]), "",
             "五、下月工作", "针对以上问题逐条整改，补全不完整的登记，按时上报零报告。"]
    return "\n".join(lines)


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

"""The 月总结 draft of a unit's month, in the shape of the county's summaries (seed 000, 篇六), in the user's language.

一、基本情况: 建卡/建证, 应种/实种 per vaccine with the first-dose HepB timeliness, 12-month coverage, AEFI cases
and their rate per 100,000 doses with report timeliness and the zero report, migrant children, schools and
catch-up, the vaccine stock, the cold chain and 留观 (services/reports/summary_stock.py); 二、存在的问题: the
problems the month's facts show; 三、下月工作: one task per problem, and the due list.
"""

from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.domain.metrics.reasons_en import GROUP_LABELS_EN, vaccine_label
from webapp.domain.periods import parse_period
from webapp.domain.schedule.book import default_book
from webapp.extensions import db
from webapp.models import Unit
from webapp.services import county
from webapp.services.aefi import labels
from webapp.services.reference_data import vaccine_name
from webapp.services.reports.facts import MonthFacts, month_facts
from webapp.services.reports.summary_stock import cold_chain_line, observation_line, stock_line, stock_problems
from webapp.services.stock.month import month_figures


def _lang() -> str:
    return "en" if str(get_locale() or "zh_CN").startswith("en") else "zh-CN"


def _num(i: int, lang: str) -> str:
    """A list number as the language writes it (1、 or 1. )."""
    return f"{i}. " if lang == "en" else f"{i}、"


def _sep(lang: str, wide: str = "；") -> str:
    return {"；": "; ", "、": ", "}[wide] if lang == "en" else wide


def series_name(group: str, lang: str) -> str:
    """The vaccine of a dose group (`Polio-3` → 脊灰疫苗) as the schedule and the catalogue name it; in English as the
    English pages name the dose groups (Polio, DTaP, MPSV-A), one style with the coverage line beside it."""
    if lang == "en" and group in GROUP_LABELS_EN:
        return vaccine_label(group)
    if group.startswith(("DT-", "DTP-")):  # 百白破 and the 6-year 白破 dose apart, as the national form counts them
        return vaccine_name("DT" if group.startswith("DT-") else "DTaP", lang)
    spec = default_book().versions[-1].series_by_code[group.split("-")[0]]
    return spec.get(lang) or spec["zh-CN"]


def by_vaccine(report: dict, lang: str) -> list[tuple]:
    """(vaccine name, due, given) summed over each vaccine's dose groups, in the report's order, none empty."""
    out: dict = {}
    for total in report["totals"]:
        name = series_name(total["group"], lang)
        due, given = out.get(name, (0, 0))
        out[name] = (due + total["due"], given + total["given"])
    return [(name, due, given) for name, (due, given) in out.items() if due or given]


def _pct(measure) -> str:
    return "—" if measure.rate is None else f"{measure.rate:.1f}%"


def _doses_line(facts: MonthFacts, lang: str) -> str:
    parts = [_("%(vaccine)s应种%(due)s针次，实种%(given)s针次", vaccine=name, due=due, given=given)
             for name, due, given in by_vaccine(facts.report, lang)]
    hepb1 = facts.measures["hepb1"]
    if hepb1.denominator:
        parts.append(_("乙肝疫苗第一针及时接种率为%(rate)s（%(n)s/%(d)s）", rate=_pct(hepb1), n=int(hepb1.numerator),
                       d=int(hepb1.denominator)))
    return _("本月") + (_sep(lang).join(parts) if parts else _("无应种剂次")) + _("。")


def _aefi_line(facts: MonthFacts) -> str:
    cases, serious = len(facts.aefi), sum(1 for c in facts.aefi if c.urgent)
    rate = f"{cases * 100000 / facts.doses:.1f}" if facts.doses else "—"
    timely = sum(1 for c in facts.aefi if c.timers["report"].state == "on_time")
    line = _("本月报告疑似预防接种异常反应%(n)s例（死亡/严重/群体%(s)s例），本月接种%(d)s剂次，"
             "报告发生率%(r)s/10万剂次", n=cases, s=serious, d=facts.doses, r=rate)
    if cases:
        line += _("；48小时内及时报告%(t)s例", t=timely)
    state = labels.CALENDAR.get(facts.zero_state)
    return line + (_("；零报告：%(state)s", state=state) if state else "") + _("。")


def basic_lines(facts: MonthFacts, lang: str) -> list[str]:
    """一、基本情况."""
    cert, cov = facts.measures["certificates"], facts.measures["coverage_12m"]
    cov_text = _sep(lang, "、").join(f"{g.label_en if lang == 'en' else g.label} {_pct(g)}"
                                    for g in cov.groups.values()) if cov.examined else ""

    school = facts.school
    return [
        _("1、7岁以下儿童建卡%(n)s人，本月新建卡%(new)s人；建证率%(rate)s（%(c)s/%(d)s）。", n=facts.children,
          new=facts.new_cards, rate=_pct(cert), c=int(cert.numerator), d=int(cert.denominator)),
        _num(2, lang) + _doses_line(facts, lang),
        _("3、本月满12月龄儿童%(n)s人，12月龄基础免疫接种率：%(rates)s。", n=cov.examined, rates=cov_text or "—"),
        _num(4, lang) + _aefi_line(facts),
        _("5、本月为流动儿童接种%(n)s人，%(d)s针次。", n=facts.migrant[0], d=facts.migrant[1]),
        _("6、入托入学查验%(b)s批次、%(s)s人；转介本单位待补种%(w)s人；本月补种%(c)s剂次。", b=school["batches"],
          s=school["students"], w=school["awaiting"], c=school["catch_up_doses"]),
    ]


def problems(facts: MonthFacts, lang: str) -> list[tuple[str, str]]:
    """(problem, next month's task) pairs the month's facts show."""
    out = []
    missed = [(name, due - given) for name, due, given in by_vaccine(facts.report, lang) if due > given]
    if missed:
        listed = _sep(lang, "、").join(_("%(v)s %(n)s针次", v=v, n=n) for v, n in missed)
        out.append((_("应种未种：%(list)s", list=listed), _("按应种通知逐一通知应种未种儿童，及时补种")))
    checks = (("hepb1", _("%(n)s名新生儿首针乙肝未在出生24小时内接种"), _("与产科核对新生儿首针乙肝接种")),
              ("certificates", _("%(n)s名儿童未建证"), _("为未建证儿童补办预防接种证")),
              ("late_entry", _("%(n)s剂次接种信息超过5日才录入"), _("接种信息当日录入")),
              ("schedule_errors", _("%(n)s剂次接种不符合免疫程序"), _("核对免疫程序，对接种人员再培训")),
              ("consents", _("%(n)s剂次接种无知情告知记录或书面告知未签字"), _("接种前完成知情告知并签字")))
    for name, problem, task in checks:
        found = len(facts.measures[name].findings)
        if found:
            out.append((problem % {"n": found}, task))
    if facts.open_late:
        out.append((_("%(n)s例疑似预防接种异常反应的报告或调查已超时限", n=len(facts.open_late)),
                    _("完成超时的异常反应报告、调查和结论")))
    if facts.returned:
        out.append((_("%(n)s份异常反应个案报告被县级退回待修改", n=len(facts.returned)),
                    _("修改被退回的个案报告并重新上报")))
    if facts.zero_state in ("silent", "contradicted"):
        out.append((_("零报告：%(state)s", state=labels.CALENDAR[facts.zero_state]), _("按时上报异常反应零报告")))
    if facts.school["awaiting"]:
        out.append((_("%(n)s名入托入学儿童待补种", n=facts.school["awaiting"]), _("完成补种并反馈学校")))
    return out


def draft_summary(user, unit: str, month: str) -> str:
    """The draft text of a unit's month, from the month's report and facts, in the user's language."""
    lang, facts = _lang(), month_facts(user, unit, month)
    figures = month_figures(unit, parse_period(month), county.today(), county.zone(), lang)
    found = problems(facts, lang) + stock_problems(figures)
    due, overdue = facts.due_next
    tasks = [task for _problem, task in found] + [
        _("下月应种通知：%(n)s名儿童有到期剂次，其中逾期%(o)s名", n=due, o=overdue)]
    lines = [_("%(unit)s %(month)s 免疫规划工作月总结", unit=db.session.get(Unit, unit).name, month=month), "",
             _("一、基本情况"), *basic_lines(facts, lang),
             *[_num(i, lang) + line for i, line in enumerate(
                 (stock_line(figures, lang), cold_chain_line(figures), observation_line(figures)), 7)],
             "", _("二、存在的问题"),
             *([_num(i, lang) + p for i, (p, _t) in enumerate(found, 1)] or [_("本月未发现问题")]), "",
             _("三、下月工作"), *[_num(i, lang) + t for i, t in enumerate(tasks, 1)]]
    return "\n".join(lines)

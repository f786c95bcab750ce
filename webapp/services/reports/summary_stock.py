"""The 月总结's lines on the month's vaccine stock, cold chain and 留观 (services/stock/month.py's figures), and the
problems they show with next month's task for each, in the user's language."""

from flask_babel import gettext as _

from webapp.services.stock.month import MonthFigures


def _sep(lang: str) -> str:
    return ", " if lang == "en" else "、"


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


def stock_line(figures: MonthFigures, lang: str) -> str:
    """Doses received, given and wasted (with why), the wastage rate, expiring lots and count differences."""
    if not figures.stocked:
        return _("本月未在系统中记录疫苗出入库。")
    total = figures.totals()
    reasons = [_("%(why)s %(n)s剂", why=why, n=n) for why, n in sorted(total.reasons.items())]
    line = _("疫苗：本月入库%(r)s剂，接种%(g)s剂，报废%(w)s剂", r=total.received, g=total.given, w=total.wasted)
    if reasons:
        line += _("（%(reasons)s）", reasons=_sep(lang).join(reasons))
    line += _("，损耗率%(rate)s", rate=_pct(total.wastage))
    line += _("；近效期或已过期批号%(n)s个", n=len(figures.expiring))
    lots = [_("%(vaccine)s %(lot)s 有效期至%(expiry)s，结存%(n)s剂", vaccine=lot["vaccine_name"], lot=lot["lot_no"],
              expiry=lot["expiry_date"], n=lot["balance"]) for lot in figures.expiring]
    if lots:
        line += _("（%(lots)s）", lots=_sep(lang).join(lots))
    line += _("；盘点与帐面不符%(n)s个批号", n=len(figures.differences))
    counts = [_("%(vaccine)s %(lot)s 盘点%(counted)s剂、帐面%(book)s剂", vaccine=name, lot=c.lot_no, counted=c.counted,
                book=c.book) for name, c in figures.differences]
    if counts:
        line += _("（%(lots)s）", lots=_sep(lang).join(counts))
    return line + _("。")


def cold_chain_line(figures: MonthFigures) -> str:
    """Readings owed, taken, missing and out of range over the unit's appliances."""
    if not any(a["readings"] for a in figures.appliances):
        return _("本月未在系统中记录冷链温度。")
    owed, taken = sum(a["owed"] for a in figures.appliances), sum(a["taken"] for a in figures.appliances)
    gaps = sum(len(a["gaps"]) for a in figures.appliances)
    hot = sum(len(a["excursions"]) for a in figures.appliances)
    bare = sum(a["without_action"] for a in figures.appliances)
    return _("冷链：%(n)s台设备应测温%(owed)s次，实测%(taken)s次，漏测%(gaps)s次；超出温度范围%(hot)s次，"
             "其中未填处理措施%(bare)s次。", n=len(figures.appliances), owed=owed, taken=taken, gaps=gaps, hot=hot,
             bare=bare)


def observation_line(figures: MonthFigures) -> str:
    """Children vaccinated and observed, the rate, reactions and children who left early."""
    o = figures.observation
    if not o or not o.get("vaccinated"):
        return _("留观：本月无接种。")
    if not o["observed"]:
        return _("留观：本月接种%(v)s人次，未在系统中记录留观。", v=o["vaccinated"])
    rate = "—" if o["rate"] is None else f"{o['rate']:.1f}%"
    return _("留观：本月接种%(v)s人次，留观%(o)s人次，留观率%(rate)s；留观中发生反应%(r)s例，提前离开%(e)s例。",
             v=o["vaccinated"], o=o["observed"], rate=rate, r=o["reaction"], e=o["left_early"])


def stock_problems(figures: MonthFigures) -> list[tuple[str, str]]:
    """(problem, next month's task) pairs the month's stock, cold chain and 留观 show."""
    out = []
    if figures.differences:
        out.append((_("%(n)s个批号盘点数与帐面不符", n=len(figures.differences)),
                    _("核对疫苗出入库和接种记录，查明苗账不符的原因")))
    if figures.expiring:
        out.append((_("%(n)s个批号近效期或已过期", n=len(figures.expiring)),
                    _("优先使用近效期疫苗，过期疫苗按规定报废登记")))
    gaps = sum(len(a["gaps"]) for a in figures.appliances)
    if gaps and any(a["readings"] for a in figures.appliances):
        out.append((_("冷链温度漏测%(n)s次", n=gaps), _("每日按时测温并记录")))
    bare = sum(a["without_action"] for a in figures.appliances)
    if bare:
        out.append((_("%(n)s次超温未填处理措施", n=bare), _("超温时立即处置并记录处理措施")))
    left = (figures.observation or {}).get("left_early") or 0
    if left:
        out.append((_("%(n)s名儿童未满30分钟离开留观", n=left), _("接种后告知家长留观30分钟，留观结束再离开")))
    return out

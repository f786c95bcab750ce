"""The layouts of domain.md §3 as plain tables (title, two header rows, lines), printed as HTML or written to Excel."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.domain import school_checks as sc
from webapp.services.tabular import Rate

STATUS_LABELS = {"not_needed": _l("无需补种"), "pending": _l("待补种"), "partial": _l("部分补种"),
                 "complete": _l("已全程补种"), "contraindicated": _l("有禁忌未补种")}
CERTIFICATE_LABELS = {"present": _l("有证"), "absent": _l("无证"), "reissued": _l("已补证")}
# The labels of webapp/domain/school_checks.py (pure code keeps plain Chinese), marked for translation here.
INDICATOR_LABELS = {"checked_rate": _l("查验率"), "certificate_rate": _l("持证率"), "reissue_rate": _l("补证率"),
                    "complete_rate": _l("全程接种率"), "missed_rate": _l("漏种率"), "caught_up_rate": _l("全程补种率"),
                    "closed_30d_rate": _l("30天内补种闭环率"), "recheck_rate": _l("年底前复查率")}
SERIES_LABELS = {"HepB": _l("乙肝"), "BCG": _l("卡介苗"), "Polio": _l("脊灰"), "DTP": _l("百白破/白破"),
                 "MCV": _l("含麻疹成分"), "JE": _l("乙脑"), "MenA": _l("A群流脑"), "MenAC": _l("A群C群流脑"),
                 "HepA": _l("甲肝")}


@dataclass
class Table:
    """A report table: columns are a label, or (group label, [sub-labels]) for a two-row header."""

    title: str
    meta: list[str]
    columns: list
    rows: list[list] = field(default_factory=list)
    total_rows: set = field(default_factory=set)  # row indexes printed bold (subtotals, totals)

    @property
    def width(self) -> int:
        """Number of leaf columns."""
        return sum(len(c[1]) if isinstance(c, tuple) else 1 for c in self.columns)

    def header_cells(self) -> list[list[dict]]:
        """Two header rows of {text, colspan, rowspan} cells (the second holds the group sub-labels)."""
        top, bottom = [], []
        for col in self.columns:
            if isinstance(col, tuple):
                top.append({"text": col[0], "colspan": len(col[1]), "rowspan": 1})
                bottom += [{"text": sub, "colspan": 1, "rowspan": 1} for sub in col[1]]
            else:
                top.append({"text": col, "colspan": 1, "rowspan": 2})
        return [top, bottom]


def _pct(value):
    return "" if value is None else Rate(value)


def _series_doses() -> list[tuple[str, int]]:
    return [(s, n) for s, count in sc.REGISTER_DOSES.items() for n in range(1, count + 1)]


def check_register_table(school, year: int, lines: list[dict]) -> Table:
    """入托入学儿童预防接种证查验登记表 (one line per child; 1 documented, △ caught up)."""
    groups = [(str(SERIES_LABELS[s]), [str(n) for n in range(1, count + 1)]) for s, count in sc.REGISTER_DOSES.items()]
    columns = [_("序号"), _("姓名"), _("出生日期"), _("年级/班级"), _("有证(1/0)"), _("补证(1/0)"), *groups,
               _("查验时全程接种(1/0)"), _("漏种全部补种(1/0)"), _("查验人"), _("查验日期")]
    table = Table(_("入托入学儿童预防接种证查验登记表"), [_("机构名称：%(name)s", name=school.name),
                                                      _("年度：%(year)s", year=year)], columns)
    for i, line in enumerate(lines, 1):
        marks = [line["marks"].get(key, "") for key in _series_doses()]
        table.rows.append([i, line["name"], line["birth_date"], line["class_name"], line["has_certificate"],
                           line["reissued"], *marks, line["complete_at_check"], line["caught_up"], line["checker"],
                           line["checked_on"]])
    return table


def catch_up_register_table(school, year: int, lines: list[dict], unit_names: dict) -> Table:
    """补证补种登记表 (children without a certificate or with missing doses)."""
    columns = [_("序号"), _("姓名"), _("性别"), _("出生日期"), _("年级/班级"), _("监护人电话"), _("持证情况"),
               _("需补种疫苗及剂次"), _("补种疫苗及日期"), _("补种单位"), _("补种状态"), _("未补种原因")]
    table = Table(_("补证补种登记表"), [_("机构名称：%(name)s", name=school.name), _("年度：%(year)s", year=year)],
                  columns)
    for i, line in enumerate(lines, 1):
        table.rows.append([
            i, line["name"], _("男") if line["sex"] == "M" else _("女"), line["birth_date"], line["class_name"],
            line["guardian_phone"] or "", str(CERTIFICATE_LABELS.get(line["certificate"], "")),
            "、".join(f"{SERIES_LABELS.get(m.get('series'), m.get('series') or '')}{m.get('dose')}"
                     for m in line["missing"]),
            "、".join(f"{c.get('vaccine')} {c.get('date')}" for c in line["catch_up"]),
            unit_names.get(line["referral_unit"], line["referral_unit"] or ""),
            str(STATUS_LABELS.get(line["status"], line["status"])), line["reason"] or "",
        ])
    return table


def annual_table(report: dict, county_name: str) -> Table:
    """儿童入托、入学预防接种证查验情况报表: one line per institution, township subtotals and the total."""
    counts_cols = [_("应查验人数"), _("实查验人数"), _("查验率(%)"), _("持证人数"), _("持证率(%)"), _("无证人数"),
                   _("补证人数"), _("补证率(%)"), _("全程接种人数"), _("全程接种率(%)"), _("漏种人数"),
                   _("漏种率(%)"), _("全程补种人数"), _("全程补种率(%)"), _("30天内闭环人数"), _("年底前复查人数")]
    doses = [(str(SERIES_LABELS[s]), [_("需补种剂次"), _("实补种剂次")]) for s in sc.REGISTER_DOSES]
    table = Table(_("儿童入托、入学预防接种证查验情况报表"),
                  [_("填报单位：%(name)s", name=county_name), _("年度：%(year)s", year=report["year"])],
                  [_("序号"), _("乡镇"), _("机构名称"), _("机构数"), *counts_cols, *doses])
    n = 0
    for town in report["townships"]:
        for row in [r for r in report["schools"] if r.town_code == town.code]:
            n += 1
            table.rows.append([n, town.name, row.name, 1, *_count_cells(row.counts)])
        table.total_rows.add(len(table.rows))
        table.rows.append(["", town.name, _("小计"), town.schools, *_count_cells(town.counts)])
    table.total_rows.add(len(table.rows))
    total = report["total"]
    table.rows.append(["", "", _("合计"), total.schools, *_count_cells(total.counts)])
    return table


def _count_cells(c: sc.Counts) -> list:
    cells = [c.to_check, c.checked, _pct(sc.rate(c.checked, c.to_check)), c.with_certificate,
             _pct(sc.rate(c.with_certificate, c.checked)), c.without_certificate, c.reissued,
             _pct(sc.rate(c.reissued, c.without_certificate)), c.complete_at_check,
             _pct(sc.rate(c.complete_at_check, c.checked)), c.missed, _pct(sc.rate(c.missed, c.checked)),
             c.fully_caught_up, _pct(sc.rate(c.fully_caught_up, c.missed)), c.closed_30d, c.rechecked]
    for series in sc.REGISTER_DOSES:
        cells += [c.missing_doses.get(series, 0), c.caught_up_doses.get(series, 0)]
    return cells

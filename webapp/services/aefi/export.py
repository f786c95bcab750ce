"""The AEFI line list as an Excel workbook, headed with the national case card's fields in Chinese."""

from flask_babel import get_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from webapp.domain.aefi.clocks import county_date, county_minute, parse_dt
from webapp.services.aefi import labels
from webapp.services.aefi.settings import aefi_settings
from webapp.services.reference_data import vaccine_name
from webapp.services.tabular import append_row, finish_sheet

MAX_VACCINES = 3


def _case_columns():
    """(header, getter) for the case fields, in the order of the case card."""

    tz = aefi_settings().timezone

    def day(key):
        return lambda c: county_date(parse_dt(c.data[key]), tz) if c.data.get(key) else ""

    def coded(key, table):
        return lambda c: str(table.get(c.data.get(key), c.data.get(key, "")))

    def person(key):
        return lambda c: c.person.get(key, "")

    def reviewed_at(key):  # the county's review times at the county's clock, not as stored (UTC or any offset)
        return lambda c: county_minute(parse_dt(c.review_data[key]), tz) if c.review_data.get(key) else ""

    def graded(key):
        return lambda c: labels.grade(key, c.data.get(key))

    def yes_no(key):
        return lambda c: _("是") if c.data.get(key) else _("否")

    return [
        (_("编码"), lambda c: c.data.get("case_code") or c.id), (_("姓名"), person("name")),
        (_("性别"), lambda c: str(labels.SEX.get(c.person.get("sex"), ""))), (_("出生日期"), person("birth_date")),
        (_("职业"), lambda c: c.data.get("occupation", "")),
        (_("接种证编号"), person("certificate_no")), (_("现住址"), person("address")),
        (_("联系电话"), person("phone")), (_("监护人"), person("guardian_name")),
    ], [
        (_("反应发生日期"), day("onset_at")), (_("发现/就诊日期"), day("discovered_at")),
        (_("就诊单位"), lambda c: c.data.get("clinic", "")), (_("主要临床经过"), lambda c: c.data.get("course", "")),
        (_("发热（腋温）分级"), graded("fever_grade")), (_("局部红肿分级"), graded("swelling_grade")),
        (_("局部硬结分级"), graded("induration_grade")),
        (_("初步临床诊断"), lambda c: c.data.get("diagnosis", "")), (_("是否住院"), yes_no("hospitalized")),
        (_("病人转归"), coded("outcome", labels.OUTCOME)),
        (_("初步分类"), coded("preliminary_class", labels.PRELIMINARY)),
        (_("反应获得方式"), coded("detection", labels.DETECTION)), (_("报告日期"), day("reported_at")),
        (_("报告单位"), lambda c: c.unit_name or c.unit), (_("报告人"), lambda c: c.data.get("reporter", "")),
        (_("报告人联系电话"), lambda c: c.data.get("reporter_phone", "")), (_("是否严重"), yes_no("serious")),
        (_("群体性"), yes_no("cluster")), (_("重大社会影响"), yes_no("high_impact")),
        (_("审核状态"), lambda c: str(labels.STATUS.get(c.status, c.status))),
        (_("调查开始时间"), reviewed_at("investigation_started_at")),
        (_("调查表报告时间"), reviewed_at("investigation_reported_at")),
        (_("最终分类"), lambda c: str(labels.FINAL_CLASS.get(c.review_data.get("final_class"), ""))),
        (_("WHO 因果关系"), lambda c: str(labels.WHO.get(c.review_data.get("who_causality"), ""))),
    ]


def _vaccine_columns(index: int):

    fields = [("vaccine", _("疫苗名称")), ("category", _("疫苗属性")), ("spec", _("规格")),
              ("manufacturer", _("生产企业")), ("lot_no", _("疫苗批号")), ("vaccinated_on", _("接种日期")),
              ("strategy", _("接种组织形式")), ("dose", _("接种剂次")), ("dose_amount", _("接种剂量")),
              ("route", _("接种途径")), ("site", _("接种部位"))]
    shown = {"strategy": labels.STRATEGY, "category": labels.CATEGORY}

    def getter(key):
        def get(c):
            rows = c.data.get("vaccines") or []
            value = rows[index].get(key, "") if index < len(rows) else ""
            if key == "vaccine":
                return vaccine_name(value, str(get_locale() or "zh-CN"))
            if key in ("route", "site"):
                return labels.coded(key, value)
            return str(shown[key].get(value, value)) if key in shown else value
        return get

    return [(_("可疑疫苗%(n)s %(field)s", n=index + 1, field=label), getter(key)) for key, label in fields]


def line_list_workbook(cases) -> Workbook:
    """One row per case; the columns of the national case card plus the county's review."""
    person, clinical = _case_columns()
    columns = person + [col for i in range(MAX_VACCINES) for col in _vaccine_columns(i)] + clinical
    book = Workbook()
    sheet = book.active
    sheet.title = _("AEFI个案一览表")
    append_row(sheet, [header for header, _get in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for case in cases:
        append_row(sheet, [get(case) for _header, get in columns])
    finish_sheet(sheet, 1, 1)
    sheet.freeze_panes = "B2"
    return book

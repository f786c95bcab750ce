"""Chinese labels (wrapped for translation) for AEFI codes, timer steps and states; the card's coded scales and
the vaccines' route and site as the phone's forms name them."""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from webapp.domain.field_names import value_label

STATUS = {"new": _l("待接收"), "received": _l("已接收"), "investigating": _l("调查中"), "returned": _l("已退回"),
          "closed": _l("已结案")}
FINAL_CLASS = {"general_reaction": _l("一般反应"), "rare_reaction": _l("异常反应"), "quality_event": _l("疫苗质量事故"),
               "program_error": _l("接种事故"), "coincidental": _l("偶合症"), "psychogenic": _l("心因性反应"),
               "undetermined": _l("不明原因"), "pending": _l("待定")}
WHO = {"A1": _l("A1 疫苗产品相关反应"), "A2": _l("A2 疫苗质量缺陷相关反应"), "A3": _l("A3 免疫接种错误相关反应"),
       "A4": _l("A4 免疫接种焦虑相关反应"), "B1": _l("B1 时间关联一致但证据不足"), "B2": _l("B2 证据相互矛盾"),
       "C": _l("C 不一致的因果关联（偶合）"), "D": _l("D 无法分类")}
STEP = {"report": _l("48小时内报告"), "urgent_report": _l("2小时内报告（死亡/严重/群体/重大影响）"),
        "investigation_start": _l("48小时内开始调查"), "investigation_form": _l("3日内报告调查表"),
        "preliminary_report": _l("7日内初步调查报告"), "conclusion": _l("30日内作出结论")}
STATE = {"on_time": _l("按时"), "due_soon": _l("即将到期"), "late": _l("超时"), "waiting": _l("未开始"),
         "not_applicable": _l("不适用"), "done": _l("均已完成")}
CALENDAR = {"cases": _l("有病例"), "zero": _l("零报告"), "silent": _l("未报告"), "contradicted": _l("零报告与病例矛盾"),
            "open": _l("进行中")}
OUTCOME = {"recovered": _l("痊愈"), "improved": _l("好转"), "sequelae": _l("有后遗症"), "death": _l("死亡"),
           "unknown": _l("不详")}
PRELIMINARY = {"general_reaction": _l("一般反应"), "pending": _l("待定")}
STRATEGY = {"routine": _l("常规接种"), "catch_up": _l("补种"), "campaign": _l("群体性接种"),
            "emergency": _l("应急接种")}
SEX = {"M": _l("男"), "F": _l("女")}
DETECTION = {"passive": _l("被动监测"), "active": _l("主动监测")}
INDICATOR = {"timely_report": _l("及时报告率"), "timely_investigation": _l("及时调查率"),
             "timely_form": _l("调查表及时报告率"), "classified": _l("分类率"),
             "reports_per_doses": _l("报告发生率（/10万剂次）"),
             "serious_per_doses": _l("严重病例报告发生率（/10万剂次）"),
             "who_ratio": _l("WHO 报告比（/10万存活婴儿）")}
CADENCE = {"weekly": _l("每周"), "dekad": _l("每旬"), "monthly": _l("每月"), "quarterly": _l("每季度")}
LEVEL = {"unit": _l("接种单位"), "township": _l("乡镇"), "county": _l("全县")}
LOT_REASON = {"units": _l("同一批号来自两个及以上单位"), "rate": _l("报告数远超该批号剂次所预期")}
WINDOW = {"fever": _l("发热（腋温≥38.6℃）应在接种后5天内发生"), "swelling": _l("局部红肿>2.5cm 应在接种后5天内发生"),
          "induration": _l("局部硬结>2.5cm 应在接种后5天内发生"),
          "late": _l("非严重病例超出监测方案的报告时间范围（3个月，卡介苗12个月）")}
CATEGORY = {"nip": _l("免疫规划"), "non_nip": _l("非免疫规划")}


def _lang() -> str:
    return "en" if str(get_locale() or "").startswith("en") else "zh_CN"


def grade(field: str, value) -> str:
    """A grade of the card's coded scales with its meaning ("1 37.1–37.5 ℃", "4 无"); empty when not given."""
    if value in (None, ""):
        return ""
    text = value_label(field, str(value), _lang())
    return f"{value} {text}" if text else str(value)


def coded(field: str, value) -> str:
    """A suspect vaccine's route or site (`IM` → 肌内注射, `left_deltoid` → 左上臂); free text as typed."""
    if value in (None, ""):
        return ""
    return value_label(field, str(value), _lang()) or str(value)

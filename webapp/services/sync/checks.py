"""Meaning checks of pushed records beyond their shape: kind rules, date messages, the server's evaluation."""

import json

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.domain.catch_up import derive_status
from webapp.domain.periods import cadence_of
from webapp.domain.schedule import ScheduleInputError, evaluate
from webapp.extensions import db
from webapp.models import Equipment, Village
from webapp.services.reference_data import notice_versions, vaccines_by_code

CADENCE_NAMES = {"weekly": _l("周"), "dekad": _l("旬"), "monthly": _l("月"), "quarterly": _l("季度")}


DATE_MESSAGES = {
    "future": _l("日期不能晚于今天（已按设备时钟偏差校正）"),
    "before_birth": _l("日期不能早于出生日期"),
    "onset_before_vaccination": _l("发病时间不能早于接种日期"),
    "discovered_before_onset": _l("发现时间不能早于发病时间"),
    "reported_before_discovered": _l("报告时间不能早于发现时间"),
    "reported_before_started": _l("调查报告时间不能早于调查开始时间"),
    "cohort_reversed": _l("调查儿童出生日期范围的结束日不能早于开始日"),
    "ended_before_started": _l("结束时间不能早于开始时间"),
}


def date_messages() -> dict:
    """Messages for the date rules of webapp/domain/record_rules.py (lazy: translated only when used)."""
    return DATE_MESSAGES


LOCKED_REPORT = {
    "investigating": _l("县级正在调查此报告，报告单位暂不能修改；需补充的情况请告知县疾控，由其退回后再改"),
    "closed": _l("此报告县级已结案，不能再修改；如有新情况请联系县疾控"),
}


def kind_errors(item, parent, existing, view, ctx) -> dict | None:
    """Rules that need the store: consent notices and supersedes, one zero report per unit and period, a report the
    county is investigating or has closed (docs/aefi.md), a referral's unit."""
    if item.kind == "aefi_report" and existing is not None and existing.state in LOCKED_REPORT:
        return {"id": [str(LOCKED_REPORT[existing.state])]}
    if item.kind == "consent":
        return _consent(item, view)
    if item.kind == "aefi_zero_report":
        return _zero_report(item, view, ctx)
    if item.kind == "school_check" and item.data["school_code"] not in view.school_unit:
        return {"school_code": [_("学校不存在")]}
    if item.kind == "student_check":
        return _referral(item, parent, existing, view)
    if item.kind == "child_merge":
        return _child_merge(item, existing, view)
    if item.kind == "survey":
        return _survey(item.data)
    if item.kind == "survey_child":
        return _survey_child(item.data, parent, view)
    if item.kind == "temperature_reading":
        return _reading(item.data)
    return None


def _referral(item, parent, existing, view) -> dict | None:
    """A referral names an active unit of the school's own county (a changed referral only: an edit that keeps it
    is not refused because the unit closed since)."""
    unit = (item.data.get("referral") or {}).get("unit_code")
    if not unit or (existing is not None and existing.referral_unit == unit):
        return None
    school_county = view.school_unit.get(parent.school_code or "", (None, None))[1]
    if view.county_of_unit(unit) != school_county or unit in view.inactive_units:
        return {"referral.unit_code": [_("转介单位 %(code)s 不是本县在用的接种单位", code=unit)]}
    return None


def _child_merge(item, existing, view) -> dict | None:
    """A merge names two different live children and the kept child's unit (a stored merge is immutable: plan.py)."""
    data = item.data
    if data["keep_id"] == data["merge_id"]:
        return {"merge_id": [_("不能与自身合并")]}
    for name in ("keep_id", "merge_id"):
        if view.records[data[name]].deleted:
            return {name: [_("该儿童记录已被合并或撤销")]}
    if view.records[data["keep_id"]].unit_code != data["unit_code"]:
        return {"unit_code": [_("应为保留儿童所在的接种单位")]}
    return None


def _survey(data) -> dict | None:
    """The surveyed village is one of the unit's villages."""
    village = db.session.get(Village, data["village_code"])
    if village is None or village.unit_code != data["unit_code"]:
        return {"village_code": [_("该村不属于此接种单位")]}
    return None


def _survey_child(data, parent, view) -> dict | None:
    """A surveyed child belongs to its survey's unit, and so does the registry child it is linked to."""
    if parent is None or parent.unit_code != data["unit_code"]:
        return {"unit_code": [_("应与所属调查的接种单位一致")]}
    child = view.records.get(data.get("child_id") or "")
    if child is not None and child.unit_code != data["unit_code"]:
        return {"child_id": [_("只能关联本单位的儿童档案")]}
    return None


def _reading(data) -> dict | None:
    """A reading names an appliance of the register that belongs to the reading's unit."""
    equipment = db.session.get(Equipment, data["equipment_code"])
    if equipment is None or equipment.unit_code != data["unit_code"]:
        return {"equipment_code": [_("本单位没有编号为 %(code)s 的冷链设备", code=data["equipment_code"])]}
    return None


def _consent(item, view) -> dict | None:
    data = item.data
    version = notice_versions().get((data["notice_template"], data["notice_version"]))
    if version is None:
        return {"notice_version": [_("告知书模板或版本不存在")]}
    if version["sha256"] != data["notice_sha256"]:
        return {"notice_sha256": [_("告知书文本摘要与该版本不符")]}
    errors = {}
    for i, vac in enumerate(data["vaccines"]):
        expected = vaccines_by_code()[vac["vaccine"]]["category"]
        if vac["category"] != expected:
            errors[f"vaccines.{i}.category"] = [_("疫苗类别应为 %(category)s", category=expected)]
    supersedes = data.get("supersedes")
    if supersedes == item.id:
        errors["supersedes"] = [_("不能替代自身")]
    elif supersedes and view.records[supersedes].unit_code != data["unit_code"]:
        errors["supersedes"] = [_("只能替代本单位的知情告知")]
    return errors or None


def _zero_report(item, view, ctx) -> dict | None:
    unit, period = item.data["unit_code"], item.data["period"]
    if cadence_of(period) != ctx.cadence:
        return {"period": [_("本县零报告周期为每%(name)s一次", name=str(CADENCE_NAMES.get(ctx.cadence, ctx.cadence)))]}
    other = view.zero_reports.get((unit, period))
    if other is not None and other != item.id:
        return {"period": [_("本单位该周期已有零报告")]}
    if (unit, period) in view.case_periods:
        return {"period": [_("本单位该周期已报告 AEFI 个案，不能提交零报告")]}
    return None


def server_evaluation(kind: str, data: dict, loaded: dict, checked_on=None) -> tuple[dict, dict | None]:
    """The data to store and any errors: a student check gets the server's schedule evaluation at its check date
    (the batch's started_on), from the certificate doses, replacing the phone's; its catch-up status is derived
    from that evaluation and the catch-up doses, never taken from the phone."""
    if kind != "student_check" or checked_on is None:
        return data, None
    doses = [{"vaccine": d["vaccine"], "date": d["date"]} for d in (loaded.get("doses") or [])]
    try:
        evaluation = evaluate(loaded["birth_date"], checked_on, doses)
    except ScheduleInputError as err:
        return data, {err.field: [_("接种程序无法评估此项（%(code)s）", code=err.code)]}
    stored = {**data, "evaluation": json.loads(json.dumps(evaluation, default=str))}
    try:
        stored["catch_up_status"] = derive_status(stored, None, evaluation["missing"])
    except ScheduleInputError as err:
        return data, {err.field: [_("接种程序无法评估此项（%(code)s）", code=err.code)]}
    return stored, None

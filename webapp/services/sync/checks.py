"""Meaning checks of pushed records beyond their shape: kind rules, date messages, the server's evaluation."""

import json

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.domain.catch_up import derive_status
from webapp.domain.periods import cadence_of
from webapp.domain.schedule import ScheduleInputError, evaluate
from webapp.extensions import db
from webapp.models import Equipment
from webapp.services.reference_data import notice_versions, vaccines_by_code

CADENCE_NAMES = {"weekly": _l("周"), "dekad": _l("旬"), "monthly": _l("月"), "quarterly": _l("季度")}


DATE_MESSAGES = {
    "future": _l("日期不能晚于今天（已按设备时钟偏差校正）"),
    "before_birth": _l("日期不能早于出生日期"),
    "onset_before_vaccination": _l("发病时间不能早于接种日期"),
    "discovered_before_onset": _l("发现时间不能早于发病时间"),
    "reported_before_discovered": _l("报告时间不能早于发现时间"),
    "reported_before_started": _l("调查报告时间不能早于调查开始时间"),
    "ended_before_started": _l("结束时间不能早于开始时间"),
}


def date_messages() -> dict:
    """Messages for the date rules of webapp/domain/record_rules.py (lazy: translated only when used)."""
    return DATE_MESSAGES


def kind_errors(item, parent, existing, view, ctx) -> dict | None:
    """Rules that need the store: consent notices and supersedes, one zero report per unit and period."""
    if item.kind == "consent":
        return _consent(item, view)
    if item.kind == "aefi_zero_report":
        return _zero_report(item, view, ctx)
    if item.kind == "school_check" and item.data["school_code"] not in view.school_unit:
        return {"school_code": [_("学校不存在")]}
    if item.kind == "temperature_reading":
        return _reading(item.data)
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

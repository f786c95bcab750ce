"""Who may write which record: the author binding (`captured_by`) and the scope check of every pushed record.

Nurses write their own unit's clinic records and add catch-up doses to student checks referred to their
unit; school users write their own school's checks; county users (and admins) write AEFI reviews of
reports from their county and the village surveys of their county's units. The token's user may carry records
only for users of the same role and scope.
"""

from flask_babel import gettext as _

from webapp.services.sync.view import Known, StoreView, references

UNIT_KINDS = ("child", "precheck", "consent", "vaccination", "aefi_report", "aefi_zero_report", "stock_movement",
              "temperature_reading", "observation")
REFS_IN_UNIT = ("observation",)  # kinds whose every referenced record must belong to the author's unit
SURVEY_KINDS = ("survey", "survey_child")
NURSE_CATCH_UP_FIELDS = ("catch_up", "catch_up_status")
SCHOOL_KINDS = ("school_check", "student_check")


def in_reach(author, target: Known, view: StoreView) -> bool:
    """Whether a record lies in the author's scope (what the author's devices pull): the one rule every reference
    a pushed record carries must pass, whatever its kind, stored or accepted earlier in the same push."""
    scope = author.scope_code
    if author.role == "nurse":
        if target.kind == "student_check" and target.referral_unit == scope:
            return True
        return target.unit_code == scope and target.kind not in SCHOOL_KINDS
    if author.role == "school":
        return target.school_code == scope
    if author.role in ("county", "admin"):
        return view.county_of_unit(target.unit_code) == scope
    return False


def out_of_reach(field: str, target: Known) -> dict:
    """The error of a reference outside the writer's scope (a child of another unit: register it here)."""
    code = target.school_code if target.kind in SCHOOL_KINDS else target.unit_code
    if field == "child_id":
        return {field: [_("无权引用 %(code)s 的儿童：在本单位接种的外单位儿童，请先在本单位登记为临时接种",
                          code=code)]}
    return _not_yours(field, code)


def author_errors(carrier, author_name, view: StoreView) -> dict | None:
    """Errors on `captured_by` unless the author exists, is active, and the carrier may carry their records."""
    author = view.users.get(author_name)
    if author is None or not author.active:
        return {"captured_by": [_("记录人 %(name)s 不存在或已停用", name=author_name)]}
    same_scope = author.role == carrier.role and author.scope_code == carrier.scope_code
    if author.username != carrier.username and not same_scope:
        return {"captured_by": [_("当前登录用户不能代为提交 %(name)s 的记录（须同一单位）", name=author_name)]}
    return None


def scope_errors(author, kind: str, data: dict, parent: Known | None, existing: Known | None,
                 view: StoreView) -> dict | None:
    """Errors naming the scope field when the author may not write this record (new data and stored record)."""
    role = author.role
    if kind == "child_merge":
        return _merge(author, data, view)
    if role == "nurse":
        return _nurse(author, kind, data, existing, view)
    if role == "school":
        return _school(author, kind, data, parent, existing)
    if role in ("county", "admin") and kind == "aefi_review":
        return _county_review(author, parent, view)
    if role in ("county", "admin") and kind in SURVEY_KINDS:
        return _county_survey(author, data, existing, view)
    return {"kind": [_("当前角色不能提交此类记录")]}


def _merge(author, data, view):
    """A nurse merges two children of her unit; a county user (or admin) two children of the county."""
    if author.role == "nurse":
        inside = lambda unit: unit == author.scope_code  # noqa: E731
    elif author.role in ("county", "admin"):
        inside = lambda unit: view.county_of_unit(unit) == author.scope_code  # noqa: E731
    else:
        return {"kind": [_("当前角色不能提交此类记录")]}
    for name in ("keep_id", "merge_id"):
        unit = view.records[data[name]].unit_code
        if not inside(unit):
            return _not_yours(name, unit)
    return None if inside(data.get("unit_code")) else _not_yours("unit_code", data.get("unit_code"))


def _not_yours(field, code):
    return {field: [_("无权写入 %(code)s 的记录", code=code)]}


def _nurse(author, kind, data, existing, view):
    unit = author.scope_code
    if kind in UNIT_KINDS:
        if data.get("unit_code") != unit:
            return _not_yours("unit_code", data.get("unit_code"))
        if existing is not None and existing.unit_code != unit:
            return _not_yours("unit_code", existing.unit_code)
        return _references_of_unit(data, view, unit) if kind in REFS_IN_UNIT else None
    if kind != "student_check":
        return {"kind": [_("当前角色不能提交此类记录")]}
    if existing is not None and existing.referral_unit == unit:
        return _catch_up_only(data, view.data_of(existing.id), unit)
    return {"kind": [_("接种人员只能为转介到本单位的学生补录补种记录")]}


def _references_of_unit(data, view, unit):
    """Errors naming each referenced record (child, doses, AEFI report) that belongs to another unit."""
    errors = {}
    for path, _name, target in references(data):
        known = view.records.get(target)
        if known is not None and known.unit_code != unit:
            errors[path] = [_("引用的记录不属于本单位")]
    return errors or None


def _catch_up_only(data, stored, unit):
    """A referred unit may change only the catch-up fields, and only with doses of its own unit."""
    keys = (set(data) | set(stored)) - set(NURSE_CATCH_UP_FIELDS) - {"evaluation"}
    changed = sorted(k for k in keys if data.get(k) != stored.get(k))
    if changed:
        return {k: [_("接种单位只能修改补种信息")] for k in changed}
    for i, dose in enumerate(data.get("catch_up") or []):
        if dose.get("unit_code") != unit and dose not in (stored.get("catch_up") or []):
            return _not_yours(f"catch_up.{i}.unit_code", dose.get("unit_code"))
    return None


def _school(author, kind, data, parent, existing):
    school = author.scope_code
    if kind == "school_check":
        code = data.get("school_code")
    elif kind == "student_check":
        code = parent.school_code if parent else None
    else:
        return {"kind": [_("查验人员只能提交本校的查验记录")]}
    if code != school:
        return _not_yours("school_code" if kind == "school_check" else "school_check_id", code)
    if existing is not None and existing.school_code != school:
        return _not_yours("school_code", existing.school_code)
    return None


def _county_review(author, parent, view):
    county = view.county_of_unit(parent.unit_code if parent else None)
    if county != author.scope_code:
        return _not_yours("aefi_id", parent.unit_code if parent else "")
    return None


def _county_survey(author, data, existing, view):
    """A survey (and its children) of a unit of the author's county, and a stored one stays there."""
    codes = [data.get("unit_code")] + ([existing.unit_code] if existing is not None else [])
    for code in codes:
        if view.county_of_unit(code) != author.scope_code:
            return _not_yours("unit_code", code)
    return None

"""Every record kind of records.md × every push status that applies to it, through POST /api/v1/sync/push, with
the exact per-item result body.

created, duplicate and rejected for every kind; deferred for every kind that references another record; updated
and conflict for every kind that can be edited (a consent and a child merge are immutable: an edit is rejected).
A kind added to records.md joins KINDS below; `test_every_record_kind_is_in_the_table` fails until it does.
"""

from datetime import UTC, datetime

import pytest

from tests.factories import (
    aefi_report_data,
    aefi_review_data,
    child_data,
    consent_data,
    new_id,
    observation_data,
    precheck_data,
    push_item,
    reading_data,
    school_check_data,
    stock_data,
    student_check_data,
    survey_child_data,
    survey_data,
    vaccination_data,
    zero_report_data,
)
from tests.sync_client import RECORD_KINDS
from tests.sync_client import sync as sync_fixture
from webapp.models import Record
from webapp.schemas.records import SCHEMAS
from webapp.services.sync.view import REF_FIELDS

sync = sync_fixture  # the fixture, for the tests below
NURSE, COUNTY, SCHOOL = "demo-nurse", "demo-county", "demo-school"
REQUIRED = ["必填字段"]


def _last_month() -> str:
    today = datetime.now(UTC).astimezone().date()
    return f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"


def _chain(kind):
    """[(user, item)] that must be stored before a record of `kind`, then the record itself."""
    child = push_item("child", child_data())
    twin = push_item("child", child_data())
    pre = push_item("precheck", precheck_data(child["id"]))
    case = push_item("aefi_report", aefi_report_data(child["id"]))
    batch = push_item("school_check", school_check_data(), captured_by=SCHOOL)
    survey = push_item("survey", survey_data(), captured_by=COUNTY)
    dose = push_item("vaccination", vaccination_data(child["id"]))
    chains = {
        "child": [(NURSE, child)],
        "precheck": [(NURSE, child), (NURSE, pre)],
        "consent": [(NURSE, child), (NURSE, pre), (NURSE, push_item("consent", consent_data(child["id"], pre["id"])))],
        "vaccination": [(NURSE, child), (NURSE, push_item("vaccination", vaccination_data(child["id"])))],
        "aefi_report": [(NURSE, child), (NURSE, case)],
        "aefi_review": [(NURSE, child), (NURSE, case),
                        (COUNTY, push_item("aefi_review", aefi_review_data(case["id"]), captured_by=COUNTY))],
        "aefi_zero_report": [(NURSE, push_item("aefi_zero_report", zero_report_data(_last_month())))],
        "school_check": [(SCHOOL, batch)],
        "student_check": [(SCHOOL, batch), (SCHOOL, push_item("student_check", student_check_data(batch["id"]),
                                                              captured_by=SCHOOL))],
        "stock_movement": [(NURSE, push_item("stock_movement", stock_data()))],
        "temperature_reading": [(NURSE, push_item("temperature_reading", reading_data()))],
        "observation": [(NURSE, child), (NURSE, dose),
                        (NURSE, push_item("observation", observation_data(child["id"], [dose["id"]])))],
        "survey": [(COUNTY, survey)],
        "survey_child": [(COUNTY, survey), (COUNTY, push_item("survey_child", survey_child_data(survey["id"]),
                                                               captured_by=COUNTY))],
        "child_merge": [(NURSE, child), (NURSE, twin), (NURSE, push_item("child_merge", {
            "unit_code": "U01", "keep_id": child["id"], "merge_id": twin["id"], "reason": "重复登记"}))],
    }
    return chains[kind]


# kind → (a required field to leave out, a field and the edited value; None: the kind cannot be edited)
KINDS = {
    "child": ("name", ("guardian_phone", "13800000009")),
    "precheck": ("visit_date", ("temperature_c", 36.9)),
    "consent": ("guardian_name", None),
    "vaccination": ("lot_no", ("site", "右上臂")),
    "aefi_report": ("course", ("diagnosis", "发热（一般反应）")),
    "aefi_review": ("status", ("note", "已电话随访")),
    "aefi_zero_report": ("attested_by", ("attested_by", "李护士")),
    "school_check": ("checker", ("checker", "钱老师")),
    "student_check": ("name", ("class_name", "小二班")),
    "child_merge": ("keep_id", None),
    "survey": ("assessor", ("note", "村医协助")),
    "stock_movement": ("lot_no", ("doses", 90)),
    "temperature_reading": ("celsius", ("celsius", 6.5)),
    "observation": ("outcome", ("outcome", "left_early")),
    "survey_child": ("name", ("note", "证上无卡介苗记录")),
}
# kind → (a field and a value an edit of a stored record changes, the reason it is refused)
IMMUTABLE = {
    "consent": ("guardian_name", "李四",
                "知情告知保存后不可修改；如需更正，请新建一份并在 supersedes 中填写原记录编号"),
    "child_merge": ("reason", "又一次登记", "合并记录保存后不可修改"),
}
REFERRING = sorted(k for k in KINDS if any(f in _chain(k)[-1][1]["data"] for f in REF_FIELDS))
EDITABLE = sorted(k for k, (_, edit) in KINDS.items() if edit)


def _store_before(sync, kind):
    """Push the records the kind's record needs; returns (user, its item)."""
    *before, (user, item) = _chain(kind)
    for who, prior in before:
        assert sync.statuses([prior], user=who) == ["created"]
    return user, item


def _created(sync, kind):
    user, item = _store_before(sync, kind)
    assert sync.results([item], user=user) == [{"id": item["id"], "rev": 1, "status": "created"}]
    return user, item


def _edited(item, base_rev):
    field, value = KINDS[item["kind"]][1]
    return dict(item, base_rev=base_rev, data={**item["data"], field: value})


def test_every_record_kind_is_in_the_table():
    assert set(KINDS) == set(SCHEMAS) == set(RECORD_KINDS)
    assert REFERRING == ["aefi_report", "aefi_review", "child_merge", "consent", "observation", "precheck",
                         "student_check", "survey_child", "vaccination"]
    assert set(IMMUTABLE) == set(KINDS) - set(EDITABLE)


def _check_created(sync, db, kind):
    _created(sync, kind)


def _check_duplicate(sync, db, kind):
    user, item = _created(sync, kind)
    assert sync.results([item], user=user) == [{"id": item["id"], "rev": 1, "status": "duplicate"}]


def _check_rejected(sync, db, kind):
    user, item = _store_before(sync, kind)
    missing = KINDS[kind][0]
    bad = dict(item, data={k: v for k, v in item["data"].items() if k != missing})
    assert sync.results([bad], user=user) == [{"id": item["id"], "status": "rejected", "errors": {missing: REQUIRED}}]
    assert db.session.get(Record, item["id"]) is None


def _check_deferred(sync, db, kind):
    user, item = _store_before(sync, kind)
    unknown = {f: new_id() for f in REF_FIELDS if f in item["data"]}
    early = dict(item, data={**item["data"], **unknown})
    assert sync.results([early], user=user) == [{"id": item["id"], "status": "deferred", "errors": {
        f: [f"引用的记录尚未收到：{target}"] for f, target in unknown.items()}}]
    assert db.session.get(Record, item["id"]) is None


def _check_updated(sync, db, kind):
    user, item = _created(sync, kind)
    assert sync.results([_edited(item, base_rev=1)], user=user) == [{"id": item["id"], "rev": 2, "status": "updated"}]
    db.session.expire_all()
    field, value = KINDS[kind][1]
    assert db.session.get(Record, item["id"]).data[field] == value


def _check_conflict(sync, db, kind):
    user, item = _created(sync, kind)
    assert sync.statuses([_edited(item, base_rev=1)], user=user) == ["updated"]
    db.session.expire_all()
    stored = db.session.get(Record, item["id"]).data
    assert sync.results([_stale_edit(item)], user=user) == [{"id": item["id"], "rev": 2, "status": "conflict",
                                                             "current": {"kind": kind, "id": item["id"], "rev": 2,
                                                                         "data": stored}}]
    db.session.expire_all()
    assert db.session.get(Record, item["id"]).rev == 2


def _check_immutable(sync, db, kind):
    user, item = _created(sync, kind)
    field, value, reason = IMMUTABLE[kind]
    edit = dict(item, base_rev=1, data={**item["data"], field: value})
    assert sync.results([edit], user=user) == [{"id": item["id"], "status": "rejected", "errors": {"id": [reason]}}]


CHECKS = {"created": _check_created, "duplicate": _check_duplicate, "rejected": _check_rejected,
          "deferred": _check_deferred, "updated": _check_updated, "conflict": _check_conflict,
          "edit rejected": _check_immutable}
CASES = ([(k, s) for k in sorted(KINDS) for s in ("created", "duplicate", "rejected")]
         + [(k, "deferred") for k in REFERRING]
         + [(k, s) for k in EDITABLE for s in ("updated", "conflict")]
         + [(k, "edit rejected") for k in sorted(set(KINDS) - set(EDITABLE))])


@pytest.mark.parametrize(("kind", "status"), CASES, ids=[f"{k}-{s}" for k, s in CASES])
def test_push_status_of_each_record_kind(sync, db, kind, status):
    CHECKS[status](sync, db, kind)


def _stale_edit(item):
    """An edit from a phone that has not seen revision 2: based on revision 1, changing another value."""
    field, value = KINDS[item["kind"]][1]
    other = value + 0.3 if isinstance(value, float) else value + 1 if isinstance(value, int) else \
        CHOICES.get(value, value + "甲")
    return dict(item, base_rev=1, data={**item["data"], field: other})


CHOICES = {"left_early": "reaction"}  # a coded field's third value, for the stale edit

"""Push of the unit's daily records: stock movements, cold-chain readings and 留观 observations (records.md)."""

import pytest

from tests.factories import (
    aefi_report_data,
    child_data,
    new_id,
    observation_data,
    push_item,
    reading_data,
    stock_data,
    vaccination_data,
)
from tests.sync_client import sync as sync_fixture
from webapp.models import Record

sync = sync_fixture  # the fixture, for the tests below

KINDS = ("stock_movement", "temperature_reading", "observation")


def _dose(sync, unit="U01", user="demo-nurse"):
    child = push_item("child", child_data(unit), captured_by=user)
    dose = push_item("vaccination", vaccination_data(child["id"], unit), captured_by=user)
    assert sync.statuses([child, dose], user=user) == ["created", "created"]
    return child, dose


def _item(sync, kind, **kw):
    if kind == "stock_movement":
        return push_item(kind, stock_data(**kw))
    if kind == "temperature_reading":
        return push_item(kind, reading_data(**kw))
    child, dose = _dose(sync)
    return push_item(kind, observation_data(child["id"], [dose["id"]], **kw))


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_record_is_created_and_its_replay_is_a_duplicate(sync, db, kind):
    item = _item(sync, kind)
    assert sync.statuses([item]) == ["created"]
    assert sync.statuses([item]) == ["duplicate"]
    db.session.expire_all()
    stored = db.session.get(Record, item["id"])
    assert (stored.kind, stored.unit_code, stored.event_date is not None) == (kind, "U01", True)


EDITS = {"stock_movement": ("doses", 90, 80), "temperature_reading": ("celsius", 6.5, 7.5),
         "observation": ("outcome", "left_early", "reaction")}


@pytest.mark.parametrize("kind", KINDS)
def test_an_edit_on_the_current_rev_is_updated_and_on_an_old_rev_a_conflict(sync, kind):
    item = _item(sync, kind)
    assert sync.statuses([item]) == ["created"]
    field, first, second = EDITS[kind]
    assert sync.statuses([dict(item, base_rev=1, data={**item["data"], field: first})]) == ["updated"]
    result = sync.results([dict(item, base_rev=1, data={**item["data"], field: second})])[0]
    assert result["status"] == "conflict" and result["current"]["data"][field] == first


@pytest.mark.parametrize("kind", KINDS[:2])
def test_a_record_of_another_unit_is_rejected_naming_unit_code(sync, kind):
    item = _item(sync, kind, unit="U03")
    result = sync.results([item])[0]
    assert result["status"] == "rejected" and list(result["errors"]) == ["unit_code"]


@pytest.mark.parametrize(("kind", "field"), [("stock_movement", "lot_no"), ("temperature_reading", "celsius"),
                                             ("observation", "outcome")])
def test_a_record_without_a_hard_required_field_is_rejected_naming_it(sync, kind, field):
    item = _item(sync, kind)
    del item["data"][field]
    result = sync.results([item])[0]
    assert result["status"] == "rejected" and list(result["errors"]) == [field]


def test_stock_doses_must_be_a_positive_whole_number(sync):
    for bad in (0, -5, 2.5, "10"):
        result = sync.results([push_item("stock_movement", stock_data(doses=bad))])[0]
        assert result["status"] == "rejected" and list(result["errors"]) == ["doses"], bad


def test_a_reading_of_an_appliance_of_another_unit_is_rejected(sync):
    result = sync.results([push_item("temperature_reading", reading_data(equipment="U03-R1"))])[0]
    assert result == {"id": result["id"], "status": "rejected",
                      "errors": {"equipment_code": ["本单位没有编号为 U03-R1 的冷链设备"]}}


def test_a_reading_outside_minus_40_to_30_is_rejected(sync):
    result = sync.results([push_item("temperature_reading", reading_data(celsius=31.0))])[0]
    assert result["status"] == "rejected" and list(result["errors"]) == ["celsius"]


def test_an_observation_of_doses_not_yet_received_is_deferred_naming_each(sync):
    child, dose = _dose(sync)
    missing = new_id()
    item = push_item("observation", observation_data(child["id"], [dose["id"], missing]))
    result = sync.results([item])[0]
    assert result["status"] == "deferred" and list(result["errors"]) == ["vaccination_ids.1"]
    assert missing in result["errors"]["vaccination_ids.1"][0]
    later = push_item("vaccination", vaccination_data(child["id"]), id=missing)
    assert sync.statuses([later, item]) == ["created", "created"]


def test_an_observation_naming_a_child_as_a_dose_is_rejected(sync):
    child, _dose_item = _dose(sync)
    result = sync.results([push_item("observation", observation_data(child["id"], [child["id"]]))])[0]
    assert result["status"] == "rejected" and list(result["errors"]) == ["vaccination_ids.0"]


def test_an_observation_referring_to_another_units_dose_is_rejected(sync):
    _other_child, other_dose = _dose(sync, "U03", "demo-nurse-b")
    child, dose = _dose(sync)
    item = push_item("observation", observation_data(child["id"], [dose["id"], other_dose["id"]]))
    result = sync.results([item])[0]
    assert result == {"id": item["id"], "status": "rejected",
                      "errors": {"vaccination_ids.1": ["无权写入 U03 的记录"]}}  # every reference in scope


def test_an_observation_with_its_aefi_report_is_created_after_the_report(sync):
    child, dose = _dose(sync)
    report = push_item("aefi_report", aefi_report_data(child["id"]))
    item = push_item("observation", observation_data(child["id"], [dose["id"]], outcome="reaction",
                                                     aefi_id=report["id"]))
    assert sync.results([item])[0]["status"] == "deferred"
    assert sync.statuses([report, item]) == ["created", "created"]


def test_an_observation_ending_before_it_started_is_rejected(sync):
    child, dose = _dose(sync)
    data = observation_data(child["id"], [dose["id"]])
    data["started_at"], data["ended_at"] = data["ended_at"], data["started_at"]
    result = sync.results([push_item("observation", data)])[0]
    assert result["status"] == "rejected" and result["errors"] == {"ended_at": ["结束时间不能早于开始时间"]}


def test_the_unit_devices_pull_the_cold_chain_register(sync):
    changes, _cursor = sync.pull_all()
    equipment = {c["id"]: c["data"] for c in changes if c["kind"] == "equipment"}
    assert equipment["U01-R1"] == {"code": "U01-R1", "name": "1号冰箱", "unit_code": "U01", "kind": "refrigerator",
                                   "range_min": 2.0, "range_max": 8.0, "readings_per_day": 2}


def test_the_unit_devices_pull_their_stock_readings_and_observations(sync):
    items = [_item(sync, kind) for kind in KINDS]
    assert sync.statuses(items) == ["created"] * 3
    pulled = sync.records("demo-nurse2")
    assert all(item["id"] in pulled.get(item["kind"], set()) for item in items)

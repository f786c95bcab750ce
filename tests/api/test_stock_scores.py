"""Scores from the stock and the cold chain (issue 26), through the real push and scores endpoints, hand-computed.

U01 last month: its refrigerator U01-R1 read twice a day except the second reading of the 10th; its freezer U01-F1
never read; a HepB lot received 20, two doses given, counted 17 on the 20th (the book says 18).
"""

from datetime import date, timedelta

import pytest

from tests.factories import child_data, push_item, reading_data, stock_data, vaccination_data
from tests.sync_client import sync as sync_fixture
from webapp.models import Equipment, Record
from webapp.services import county

sync = sync_fixture  # the fixture, for the tests below


def _last_month() -> tuple[date, date]:
    """The first and last day of the month before the county's current one."""
    last = county.today().replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _readings(first: date, last: date, skip: tuple) -> list[dict]:
    items, day = [], first
    while day <= last:
        for n, hour in ((1, 8), (2, 16)):
            if (day.day, n) != skip:
                items.append(push_item("temperature_reading", reading_data(
                    read_at=f"{day.isoformat()}T{hour:02d}:00:00+08:00", celsius=5.0)))
        day += timedelta(days=1)
    return items


@pytest.fixture
def month(sync):
    """U01's last month as the module docstring says; returns (month name, ids by name)."""
    first, last = _last_month()
    child = push_item("child", child_data())
    doses = [push_item("vaccination", vaccination_data(child["id"], vaccine="HepB", dose=n, lot_no="H1",
                                                        given_on=(first + timedelta(days=n)).isoformat()))
             for n in (1, 2)]
    on = lambda d: (first + timedelta(days=d)).isoformat()  # noqa: E731
    receipt = push_item("stock_movement", stock_data(lot_no="H1", doses=20, on_date=on(0)))
    count = push_item("stock_movement", stock_data(lot_no="H1", kind="count", doses=17, on_date=on(19)))
    items = [child, *doses, receipt, count, *_readings(first, last, skip=(10, 2))]
    assert set(sync.statuses(items)) == {"created"}
    return f"{first:%Y-%m}", {"count": count["id"], "receipt": receipt["id"], "day10": first.replace(day=10)}


def _items(client, token_for, template, period, unit="U01"):
    resp = client.get("/api/v1/scores", query_string={"template": template, "period": period, "unit": unit},
                      headers=token_for("demo-county"))
    assert resp.status_code == 200, resp.get_json()
    return {(i["part"], i["code"]): i for i in resp.get_json()["items"]}


def test_a_missing_reading_costs_0_2_with_its_slot_and_a_month_without_readings_costs_1(client, token_for, month):
    name, ids = month
    item = _items(client, token_for, "county-plan-2014", name)[("h2" if name[5:] > "06" else "h1",
                                                                 "cold_chain_monitoring")]
    assert item["source"] == "computed" and not item["pending"]
    slot = [d for d in item["deductions"] if d["points"] == -0.2]
    assert len(slot) == 1 and f"{ids['day10']} 第2次" in slot[0]["reason"]
    assert {"kind": "temperature_slot", "id": f"U01-R1|{ids['day10']}|2"} in slot[0]["evidence"]
    assert {"kind": "equipment", "id": "U01-R1"} in slot[0]["evidence"]
    unrecorded = [d for d in item["deductions"] if d["points"] == -1]
    assert len(unrecorded) == 1 and unrecorded[0]["evidence"] == [{"kind": "equipment", "id": "U01-F1"}]
    assert len(item["deductions"]) == 2 and item["score"] == -1.2  # a deduct line of 五 (max 0)


def test_a_hepb_count_one_dose_short_costs_0_2_with_the_lot_the_count_and_the_figures(client, token_for, month):
    name, ids = month
    items = _items(client, token_for, "county-plan-2014", name)
    ledger = items[("h2" if name[5:] > "06" else "h1", "vaccine_ledger")]
    assert ledger["score"] == -0.2 and len(ledger["deductions"]) == 1
    deduction = ledger["deductions"][0]
    assert deduction["evidence"] == [{"kind": "stock_lot", "id": "HepB|H1"}, {"kind": "stock_movement",
                                                                            "id": ids["count"]}]
    assert "盘点17剂，帐面18剂（入库20 + 退回0 − 发出0 − 报损0 − 接种2），差-1剂" in deduction["reason"]
    newborn = _items(client, token_for, "evaluation-standard", name)[("assessment", "neonatal_hepb_ledger")]
    assert newborn["score"] == 0 and newborn["source"] == "computed"  # 苗账相符得满分，否者不得分


def test_the_system_count_line_costs_0_5_per_vaccine_in_the_second_half(client, token_for, month):
    name, _ids = month
    line = _items(client, token_for, "county-plan-2014", name)[("routine", "stock_system_match")]
    if name[5:] <= "06":  # the plan counts it in the second half only
        assert line["pending"]
    else:
        assert line["score"] == -0.5 and len(line["deductions"]) == 1


def test_a_count_corrected_between_two_computations_is_scored_afresh(client, token_for, sync, month, db):
    name, ids = month
    part = "h2" if name[5:] > "06" else "h1"
    assert _items(client, token_for, "county-plan-2014", name)[(part, "vaccine_ledger")]["score"] == -0.2
    stored = db.session.get(Record, ids["count"])
    fixed = push_item("stock_movement", {**stored.data, "doses": 18}, id=ids["count"], base_rev=stored.rev)
    assert sync.statuses([fixed]) == ["updated"]
    ledger = _items(client, token_for, "county-plan-2014", name)[(part, "vaccine_ledger")]
    assert ledger["score"] == 0 and ledger["deductions"] == [] and not ledger["pending"]


def test_a_unit_that_records_no_stock_and_no_readings_has_these_items_pending(client, token_for, month):
    name, _ids = month
    part = "h2" if name[5:] > "06" else "h1"
    plan = _items(client, token_for, "county-plan-2014", name, unit="U03")
    standard = _items(client, token_for, "evaluation-standard", name, unit="U03")
    for item in (plan[(part, "vaccine_ledger")], plan[(part, "cold_chain_monitoring")],
                 plan[("routine", "stock_system_match")], standard[("assessment", "neonatal_hepb_ledger")],
                 standard[("assessment", "issue_records")], standard[("assessment", "temperature_logs")]):
        assert item["pending"] and item["deductions"] == [], item["code"]


def test_the_county_opens_a_missing_slot_and_a_lot_from_the_scorecard(auth, client, month):
    name, ids = month
    part = "h2" if name[5:] > "06" else "h1"
    auth.login("demo-county")
    card = client.get(f"/scores/card/county-plan-2014/{name}/U01").get_data(as_text=True)
    slot_link = f"/scores/evidence/county-plan-2014/{name}/U01/{part}/cold_chain_monitoring/1"
    assert slot_link in card
    page = client.get(slot_link).get_data(as_text=True)
    assert "1号冰箱（U01-R1）第2次" in page and str(ids["day10"]) in page and "漏测的温度记录" in page
    lot = client.get(f"/scores/evidence/county-plan-2014/{name}/U01/{part}/vaccine_ledger/0").get_data(as_text=True)
    assert "乙肝疫苗 批号H1" in lot and f"/scores/record/{ids['count']}" in lot


def test_an_appliance_taken_out_of_the_register_between_two_computations_owes_no_readings(client, token_for, month,
                                                                                          db):
    name, _ids = month
    part = "h2" if name[5:] > "06" else "h1"
    assert _items(client, token_for, "county-plan-2014", name)[(part, "cold_chain_monitoring")]["score"] == -1.2
    db.session.get(Equipment, "U01-F1").active = False
    db.session.commit()
    assert _items(client, token_for, "county-plan-2014", name)[(part, "cold_chain_monitoring")]["score"] == -0.2


def test_the_evaluation_standard_takes_1_per_appliance_with_an_incomplete_log_and_finds_the_records_complete(
        client, token_for, month):
    name, ids = month
    items = _items(client, token_for, "evaluation-standard", name)
    logs = items[("assessment", "temperature_logs")]
    assert logs["basis"] == "system" and logs["score"] == -2 and len(logs["deductions"]) == 2
    fridge = next(d for d in logs["deductions"] if "U01-R1" in d["reason"])
    assert "漏测1次" in fridge["reason"] and {"kind": "temperature_slot", "id": f"U01-R1|{ids['day10']}|2"} in \
        fridge["evidence"]
    records = items[("assessment", "issue_records")]
    assert records["source"] == "computed" and not records["pending"] and records["deductions"] == []

"""County pages of stock, cold chain and 留观: what a county user sees from pushed records, and who may see it."""

from datetime import datetime, timedelta

import pytest

from tests.factories import child_data, observation_data, push_item, reading_data, stock_data, vaccination_data
from tests.sync_client import sync as sync_fixture
from webapp.services import county

sync = sync_fixture  # the fixture, for the tests below


def _at(day, hour):
    return datetime.combine(day, datetime.min.time(), county.zone()).replace(hour=hour).isoformat()


@pytest.fixture
def unit_days(sync):
    """U01 this month: a lot counted short, a lot expiring in 10 days, readings with a gap and an excursion,
    two children vaccinated yesterday, one observed, who left early."""
    today = county.today()
    yesterday = today - timedelta(days=1)
    a, b = push_item("child", child_data()), push_item("child", child_data(name="李小红"))
    dose_a = push_item("vaccination", vaccination_data(a["id"], given_on=yesterday.isoformat(), lot_no="L9"))
    dose_b = push_item("vaccination", vaccination_data(b["id"], given_on=yesterday.isoformat(), lot_no="L9"))
    items = [a, b, dose_a, dose_b,
             push_item("stock_movement", stock_data(lot_no="L9", doses=10, on_date=yesterday.isoformat())),
             push_item("stock_movement", stock_data(lot_no="L9", kind="count", doses=7, on_date=yesterday.isoformat())),
             push_item("stock_movement", stock_data(lot_no="NEAR", doses=5, on_date=yesterday.isoformat(),
                                                    expiry_date=(today + timedelta(days=10)).isoformat())),
             push_item("temperature_reading", reading_data(read_at=_at(yesterday, 8), celsius=11.5)),
             push_item("observation", observation_data(a["id"], [dose_a["id"]], outcome="left_early",
                                                       started_at=_at(yesterday, 9), ended_at=_at(yesterday, 10)))]
    assert set(sync.statuses(items)) == {"created"}
    return yesterday


def test_the_county_sees_a_count_short_of_the_book_and_a_lot_expiring_soon(auth, client, unit_days):
    auth.login("demo-county")
    html = client.get("/stock/").get_data(as_text=True)
    mismatches = html.split('id="mismatches"')[1].split("</section>")[0]
    assert "L9" in mismatches and "差异 -1" in mismatches  # 10 received − 2 given = 8 on the book, 7 on the shelf
    expiring = html.split('id="expiring"')[1].split("</section>")[0]
    assert "NEAR" in expiring and "乙肝疫苗" in expiring and "L9" not in expiring


def test_a_missing_reading_and_an_excursion_without_action_are_listed_with_their_slot(auth, client, unit_days):
    auth.login("demo-county")
    if unit_days.month != county.today().month:
        pytest.skip("the first day of a month has no finished day of its own")
    html = client.get("/stock/cold-chain").get_data(as_text=True)
    fridge = html.split('data-code="U01-R1"')[1].split("</div>")[0]
    assert f"{unit_days} 第2次" in fridge and "11.5 ℃ · 未填写处理措施" in fridge
    assert "超温 1 次，未填处理措施 1 次" in fridge


def test_observation_rates_count_children_per_day(auth, client, unit_days):
    auth.login("demo-county")
    html = client.get(f"/stock/observations?month={unit_days:%Y-%m}").get_data(as_text=True)
    row = html.split('data-unit="U01"')[1].split("</tr>")[0]
    assert [c.split("<")[0] for c in row.split("<td>")[2:]] == ["2", "1", "50.0%", "1", "0"]


def test_nurses_may_not_open_the_county_pages_and_bad_months_are_400(auth, client):
    auth.login("demo-nurse")
    assert client.get("/stock/").status_code == 403
    auth.login("demo-county")
    assert client.get("/stock/cold-chain?month=2026-13").status_code == 400
    assert client.get("/stock/observations?month=2026-Q4").status_code == 400


def test_a_lot_given_but_never_received_is_listed_under_the_units_name(auth, client, sync):
    today = county.today()
    child = push_item("child", child_data())
    dose = vaccination_data(child["id"], given_on=(today - timedelta(days=1)).isoformat(), lot_no="NOBOOK",
                            expiry_date=(today + timedelta(days=200)).isoformat())
    assert set(sync.statuses([child, push_item("vaccination", dose)])) == {"created"}
    auth.login("demo-county")
    html = client.get("/stock/").get_data(as_text=True)
    assert "林西镇防保站：1 个在效期内的批号有接种记录但无入库记录" in html
    assert "U01：" not in html

"""GET /api/v1/stock: a unit's stock by lot, against figures computed by hand; expired lots flagged, never refused."""

import pytest

from tests.factories import child_data, push_item, stock_data, vaccination_data
from tests.sync_client import sync as sync_fixture

sync = sync_fixture  # the fixture, for the tests below

L1, L2 = ("L1", "2027-06-30"), ("L2", "2026-11-15")


def _move(kind, lot, doses, on, **kw):
    return push_item("stock_movement", stock_data(kind=kind, lot_no=lot[0], expiry_date=lot[1], doses=doses,
                                                  on_date=on, **kw))


def _doses(child, lot, days, unit="U01", user="demo-nurse"):
    return [push_item("vaccination", vaccination_data(child["id"], unit, lot_no=lot[0], expiry_date=lot[1],
                                                      given_on=f"2026-11-{d:02d}"), captured_by=user) for d in days]


@pytest.fixture
def november(sync):
    """U01 in November 2026: two HepB lots moved, counted and given; U03 gives from the same lot number."""
    child = push_item("child", child_data())
    items = [child, _move("receive", L1, 100, "2026-11-01"), _move("receive", L2, 20, "2026-11-02"),
             _move("issue", L1, 10, "2026-11-03"), _move("return", L1, 3, "2026-11-04"),
             _move("waste", L1, 2, "2026-11-05", note="安瓿破损"), _move("count", L1, 85, "2026-11-25")]
    items += _doses(child, L1, (10, 10, 10, 28)) + _doses(child, L2, (14, 20))
    assert set(sync.statuses(items)) == {"created"}
    other = push_item("child", child_data("U03"), captured_by="demo-nurse-b")
    assert set(sync.statuses([other, *_doses(other, L1, (12, 13), "U03", "demo-nurse-b")],
                             user="demo-nurse-b")) == {"created"}
    return items


def _stock(client, headers, **query):
    return client.get("/api/v1/stock", query_string=query, headers=headers)


def test_balance_by_lot_matches_the_hand_computed_figures(client, sync, november):
    body = _stock(client, sync.auth("demo-nurse"), unit="U01", on="2026-11-30").get_json()
    lots = {lot["lot_no"]: lot for lot in body["lots"]}
    # L1: 100 received + 3 returned − 10 issued − 2 wasted − 4 given = 87; on 11-25 the book said 88, the shelf 85
    assert {k: lots["L1"][k] for k in ("received", "issued", "returned", "wasted", "given", "balance", "counted",
                                       "count_difference", "given_expired")} == {
        "received": 100, "issued": 10, "returned": 3, "wasted": 2, "given": 4, "balance": 87, "counted": 85,
        "count_difference": -3, "given_expired": 0}
    # L2: 20 received − 2 given = 18; the dose of 11-20 came after the lot's expiry on 11-15
    assert (lots["L2"]["balance"], lots["L2"]["counted"], lots["L2"]["given_expired"]) == (18, None, 1)
    assert lots["L2"]["expiry_date"] == "2026-11-15" and lots["L1"]["vaccine"] == "HepB"


def test_the_stock_on_an_earlier_day_leaves_out_what_came_after(client, sync, november):
    body = _stock(client, sync.auth("demo-nurse"), unit="U01", on="2026-11-12").get_json()
    lots = {lot["lot_no"]: (lot["given"], lot["balance"], lot["counted"]) for lot in body["lots"]}
    assert lots == {"L1": (3, 88, None), "L2": (0, 20, None)}


def test_a_dose_from_an_expired_lot_is_accepted_and_listed(client, sync, november):
    expired = next(i for i in november if i["kind"] == "vaccination" and i["data"]["given_on"] == "2026-11-20")
    body = _stock(client, sync.auth("demo-county"), unit="U01", on="2026-11-30").get_json()
    assert body["expired_doses"] == [{"vaccination_id": expired["id"], "vaccine": "HepB", "lot_no": "L2",
                                      "expiry_date": "2026-11-15"}]


def test_another_units_nurse_may_not_read_the_stock(client, sync, november):
    resp = _stock(client, sync.auth("demo-nurse-b"), unit="U01", on="2026-11-30")
    assert resp.status_code == 403 and list(resp.get_json()["errors"]) == ["unit"]
    own = _stock(client, sync.auth("demo-nurse-b"), unit="U03", on="2026-11-30").get_json()
    assert [(lot["lot_no"], lot["given"], lot["balance"]) for lot in own["lots"]] == [("L1", 2, -2)]


@pytest.mark.parametrize(("query", "field"), [({"on": "2026-11-30"}, "unit"), ({"unit": "U01", "on": "11/30"}, "on"),
                                              ({"unit": "U01", "on": "2026-02-30"}, "on")])
def test_bad_input_is_a_4xx_naming_the_field(client, sync, query, field):
    resp = _stock(client, sync.auth("demo-county"), **query)
    assert resp.status_code == 422 and list(resp.get_json()["errors"]) == [field]

"""The phone's stock and cold-chain checks in a browser: a dose from an expired lot warns before it is saved, is
saved on the second tap and flagged by GET /api/v1/stock; cold-chain readings are saved, one out of range needs the
action taken, and home reminds the nurse of the appliances whose reading of today is still missing."""

from datetime import date, timedelta

import pytest

from tests.e2e import steps

pytestmark = pytest.mark.e2e

REMINDER = "#view p.warn:has-text('冷链温度未记录')"


def test_a_dose_from_an_expired_lot_warns_then_is_saved_and_flagged(page, live_server, client, token_for):
    steps.sign_in(page, live_server)
    expired = (date.today() - timedelta(days=3)).isoformat()
    steps.receive(page, live_server, "HepB", "HB2609X", expired)
    steps.register_child(page, live_server, "赵小禾", (date.today() - timedelta(days=1)).isoformat())
    steps.precheck(page)
    steps.consent(page)
    page.select_option("#vaccination-form [name='v0.held']", "HB2609X")
    page.select_option("#vaccination-form [name='v0.site']", "left_deltoid")
    page.click("#save-vaccination")
    warning = page.wait_for_selector("#vaccination-form .summary-warning")
    assert "已过有效期" in warning.text_content()
    assert page.locator("#enc-done").count() == 0  # not saved yet: the nurse is asked first

    page.click("#save-vaccination")  # saved anyway: a dose given is a fact
    page.wait_for_selector("#enc-done")
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    [dose] = steps.server_records("vaccination")
    assert (dose.data["lot_no"], dose.data["expiry_date"]) == ("HB2609X", expired)
    stock = client.get("/api/v1/stock", query_string={"unit": "U01"}, headers=token_for("demo-nurse", "dev-check"))
    body = stock.get_json()
    [lot] = [lot for lot in body["lots"] if lot["lot_no"] == "HB2609X"]
    assert (lot["given"], lot["given_expired"], lot["balance"]) == (1, 1, 19)
    assert body["expired_doses"] == [{"vaccination_id": dose.id, "vaccine": "HepB", "lot_no": "HB2609X",
                                      "expiry_date": expired}]


def test_cold_chain_readings_an_excursion_needs_its_action_and_home_reminds_what_is_missing(page, live_server):
    steps.sign_in(page, live_server)
    reminder = page.wait_for_selector(REMINDER).text_content()
    assert "1号冰箱" in reminder and "1号冰柜" in reminder  # U01's two appliances, nothing read today

    steps.go(page, live_server, "cold-chain")
    page.wait_for_selector("#cold-form")
    page.select_option("#cold-form [name=equipment_code]", "U01-R1")
    page.fill("#cold-form [name=celsius]", "12.5")  # above the fridge's 2–8 ℃
    page.click("#save-reading")
    page.wait_for_selector("#cold-form .field[data-path=action].has-error")
    assert page.locator("#home-pending").count() == 0  # refused until the action is given
    page.fill("#cold-form [name=action]", "关紧冰箱门，疫苗移至备用冰箱，30 分钟后复测")
    page.click("#save-reading")
    page.wait_for_selector("#home-pending")
    steps.cold_reading(page, live_server, "U01-R1", 5.0)  # the day's second reading (two a day)

    reminder = page.wait_for_selector(REMINDER).text_content()
    assert "1号冰柜" in reminder and "1号冰箱" not in reminder
    for celsius in (-18.0, -19.5):
        steps.cold_reading(page, live_server, "U01-F1", celsius)
    assert page.locator(REMINDER).count() == 0

    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    readings = sorted((r.data["equipment_code"], r.data["celsius"], r.data.get("action"))
                      for r in steps.server_records("temperature_reading"))
    assert readings == [("U01-F1", -19.5, None), ("U01-F1", -18.0, None), ("U01-R1", 5.0, None),
                        ("U01-R1", 12.5, "关紧冰箱门，疫苗移至备用冰箱，30 分钟后复测")]

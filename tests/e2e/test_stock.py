"""Stock on the phone: a receipt reaches the server, and the vaccination step offers only the lots the unit holds."""

from datetime import date, timedelta

import pytest

from tests.e2e import steps

pytestmark = pytest.mark.e2e


def test_a_receipt_syncs_and_the_dose_picks_its_lot_from_the_unit_stock(page, live_server):
    steps.sign_in(page, live_server)
    expiry = (date.today() + timedelta(days=300)).isoformat()
    for vaccine, lot in (("HepB", "HB2612"), ("BCG", "BCG2612")):
        steps.receive(page, live_server, vaccine, lot, expiry)
    assert "20" in page.text_content("#stock-held li[data-lot='HB2612']")

    steps.register_child(page, live_server, "王小禾", (date.today() - timedelta(days=1)).isoformat())
    steps.precheck(page)
    steps.consent(page)
    offered = page.locator("#vaccination-form [name='v0.held'] option[value]:not([value=''])").all()
    assert len(offered) == 1  # only the held lot of this dose's vaccine
    lot = offered[0].get_attribute("value")
    page.select_option("#vaccination-form [name='v0.held']", lot)
    assert page.input_value("#vaccination-form [name='v0.lot_no']") == lot
    assert page.input_value("#vaccination-form [name='v0.expiry_date']") == expiry
    page.select_option("#vaccination-form [name='v0.site']", "left_deltoid")
    page.click("#save-vaccination")
    page.wait_for_selector("#enc-done")

    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    receipts = {r.data["lot_no"]: r.data for r in steps.server_records("stock_movement")}
    assert set(receipts) == {"HB2612", "BCG2612"} and receipts["HB2612"]["doses"] == 20
    dose = steps.server_records("vaccination")[0]
    assert dose.data["lot_no"] == lot and dose.data["manufacturer"] == "北京天坛生物"
    steps.go(page, live_server, "stock")
    page.wait_for_selector(f"#stock-held li[data-lot='{lot}']")
    assert "19" in page.text_content(f"#stock-held li[data-lot='{lot}']")

"""A child's page on the phone: every dose with date, lot and unit and the engine's verdict, the certificate number;
the status changed (迁出 with a date) as a new revision of the child, which leaves the due list."""

import pytest

from tests.e2e import steps
from tests.factories import add_record, child_data, vaccination_data
from webapp.extensions import db

pytestmark = pytest.mark.e2e


def test_the_childs_doses_and_verdicts_then_a_move_out_with_its_date(page, net, live_server):
    child = add_record("child", child_data(name="陈小宝", birth_date="2025-01-10", certificate_no="150424-0099"))
    add_record("vaccination", vaccination_data(child.id, vaccine="HepB", dose=1, given_on="2025-01-10", lot_no="HB01"))
    add_record("vaccination", vaccination_data(child.id, vaccine="MMR", dose=1, given_on="2025-06-10", lot_no="MM07"))
    child_id = child.id
    db.session.commit()
    steps.sign_in(page, live_server)
    steps.wait_worker(page)
    mark = steps.cut(net)
    steps.go(page, live_server, "children")
    page.click("#child-list li.card:has-text('陈小宝') .child-open")
    page.wait_for_selector("#child-doses")
    assert page.text_content("#child-certificate_no") == "150424-0099"
    rows = page.locator("#child-doses tbody tr")
    assert rows.count() == 2
    first, second = rows.nth(0).text_content(), rows.nth(1).text_content()
    assert "2025-01-10" in first and "乙肝疫苗" in first and "HB01" in first and "计入" in first
    assert "麻腮风疫苗" in second and "MM07" in second and "不计入" in second and "8月龄前" in second
    assert "HepB" not in page.text_content("#child-doses")
    steps.go(page, live_server, f"aefi?child={child_id}")  # the AEFI form names the child's doses too
    page.wait_for_selector("#aefi-form")
    options = page.locator("#aefi-form [name=pick0] option").all_text_contents()
    assert any(o.startswith("乙肝疫苗 第1剂 · 2025-01-10") for o in options) and not any("HepB" in o for o in options)
    scored = page.text_content("#aefi-scored")  # the form says which fields the county's score checks
    assert all(name in scored for name in ("红肿分级", "硬结分级", "报告人电话", "接种途径"))
    steps.go(page, live_server, f"child?child={child_id}")
    page.wait_for_selector("#status-form")

    page.select_option("#status-form [name=status]", "moved_out")
    page.click("#save-status")
    page.wait_for_selector("#status-form .has-error")  # the date of the move is required
    page.fill("#status-form [name=status_on]", "2026-12-01")
    page.fill("#status-form [name=resident_since]", "2025-01-10")
    page.click("#save-status")
    page.wait_for_function("() => /迁出 · 2026-12-01/.test(document.querySelector('#child-status')?.textContent)")
    assert page.text_content("#child-resident_since") == "2025-01-10"
    item = page.evaluate("""async (id) => {
      const db = await new Promise((ok, ko) => { const r = indexedDB.open('immuqc'); r.onsuccess = () => ok(r.result);
        r.onerror = ko; });
      return await new Promise((ok) => { const q = db.transaction('outbox').objectStore('outbox').get(id);
        q.onsuccess = () => ok(q.result); });
    }""", child_id)
    assert item["base_rev"] == 1 and item["data"]["status"] == "moved_out" and item["data"]["status_on"] == "2026-12-01"
    assert item["data"]["name"] == "陈小宝" and "_local" not in item["data"]
    steps.go(page, live_server, "due")
    page.wait_for_selector("#due-overdue")
    assert "陈小宝" not in page.text_content("main")
    steps.assert_server_received_nothing(mark)  # before the close: the page and the edit were the phone's alone

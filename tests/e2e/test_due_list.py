"""The 应种通知 list on the phone, offline: overdue / today / this week by village, names not codes, a call link."""

from datetime import datetime, timedelta

import pytest

from tests.e2e import steps
from tests.factories import add_record, child_data, vaccination_data
from webapp.extensions import db

pytestmark = pytest.mark.e2e


def _day(days_ago: int) -> str:
    return (datetime.now(steps.TZ).date() - timedelta(days=days_ago)).isoformat()


def test_the_due_list_is_worked_out_offline_with_names_and_the_guardians_phone(page, context, net, live_server):
    born = _day(17)  # nothing given: BCG and HepB 1 due today
    add_record("child", child_data(name="新生宝", birth_date=born, guardian_phone="13900001111", village_code="V01"))
    late = add_record("child", child_data(name="逾期宝", birth_date=_day(75), guardian_phone="13900002222"))
    for vaccine in ("HepB", "BCG"):  # birth doses only: HepB 2 fell due at one month, 44 days ago
        add_record("vaccination", vaccination_data(late.id, vaccine=vaccine, dose=1, given_on=_day(75)))
    db.session.commit()
    steps.sign_in(page, live_server)
    steps.wait_worker(page)

    mark = steps.cut(net, context)  # the real cut, and Chromium told so: the phone says it is offline
    page.wait_for_selector("#status #offline:has-text('离线')")
    steps.go(page, live_server, "due")
    page.wait_for_selector("#due-overdue")
    overdue = page.text_content("#due-overdue")
    assert "逾期宝" in overdue and "乙肝疫苗 第2剂" in overdue
    today = page.text_content("#due-today")
    assert "新生宝" in today and "卡介苗 第1剂" in today and "乙肝疫苗 第1剂" in today
    assert "HepB" not in page.text_content("main") and "BCG" not in page.text_content("main")
    assert page.get_attribute("#due-today a.tel", "href") == "tel:13900001111"
    assert page.is_visible("#due-print")
    steps.assert_server_received_nothing(mark)  # before the close: the list came from the phone alone

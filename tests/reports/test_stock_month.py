"""The month's stock, cold chain and 留观 on the monthly report page, its Excel file and the 月总结 (issue 26).

U01 in October 2026, hand-computed: HepB lot H1 received 20, one dose wasted (安瓿破损), two given, counted 16 on
the 20th against a book of 17; BCG lot B1 received 10 expiring 15 November (within the 60 days warned); the
refrigerator U01-R1 read twice a day but the 10th's second reading, the 12th's afternoon reading 9.5 ℃ without an
action; the freezer U01-F1 never read (2 × 31 × 2 = 124 owed, 61 taken, 63 missing); two children vaccinated, both
observed, one left early.
"""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.factories import child_data, observation_data, push_item, reading_data, stock_data, vaccination_data
from tests.sync_client import sync as sync_fixture

sync = sync_fixture  # the fixture, for the tests below
MONTH = "2026-10"


def _at(day: int, hour: int, minute: int = 0) -> str:
    return f"2026-10-{day:02d}T{hour:02d}:{minute:02d}:00+08:00"


def _readings() -> list[dict]:
    items = []
    for day in range(1, 32):
        for slot, hour in ((1, 8), (2, 16)):
            if (day, slot) == (10, 2):
                continue
            celsius = 9.5 if (day, slot) == (12, 2) else 5.0
            items.append(push_item("temperature_reading", reading_data(read_at=_at(day, hour), celsius=celsius)))
    return items


@pytest.fixture
def october(sync):
    a, b = push_item("child", child_data()), push_item("child", child_data(name="李小红"))
    dose_a = push_item("vaccination", vaccination_data(a["id"], dose=1, lot_no="H1", given_on="2026-10-02"))
    dose_b = push_item("vaccination", vaccination_data(b["id"], dose=1, lot_no="H1", given_on="2026-10-03"))
    stock = [stock_data(lot_no="H1", doses=20, on_date="2026-10-01"),
             stock_data(lot_no="H1", kind="waste", doses=1, on_date="2026-10-05", note="安瓿破损"),
             stock_data(lot_no="H1", kind="count", doses=16, on_date="2026-10-20"),
             stock_data(vaccine="BCG", lot_no="B1", doses=10, on_date="2026-10-01", expiry_date="2026-11-15")]
    observed = [push_item("observation", observation_data(a["id"], [dose_a["id"]], started_at=_at(2, 9),
                                                          ended_at=_at(2, 9, 30))),
                push_item("observation", observation_data(b["id"], [dose_b["id"]], outcome="left_early",
                                                          started_at=_at(3, 9), ended_at=_at(3, 9, 10)))]
    items = [a, b, dose_a, dose_b, *(push_item("stock_movement", s) for s in stock), *_readings(), *observed]
    assert set(sync.statuses(items)) == {"created"}


def test_the_summary_says_the_months_stock_cold_chain_and_observation(auth, client, october):
    auth.login("demo-county")
    html = client.get(f"/scores/summary/U01/{MONTH}").get_data(as_text=True)
    for text in ("7、疫苗：本月入库30剂，接种2剂，报废1剂（安瓿破损 1剂），损耗率33.3%",
                 "近效期或已过期批号1个（卡介苗 B1 有效期至2026-11-15，结存10剂）",
                 "盘点与帐面不符1个批号（乙肝疫苗 H1 盘点16剂、帐面17剂）",
                 "8、冷链：2台设备应测温124次，实测61次，漏测63次；超出温度范围1次，其中未填处理措施1次。",
                 "9、留观：本月接种2人次，留观2人次，留观率100.0%；留观中发生反应0例，提前离开1例。",
                 "1个批号盘点数与帐面不符", "核对疫苗出入库和接种记录", "冷链温度漏测63次", "1次超温未填处理措施",
                 "1名儿童未满30分钟离开留观"):
        assert text in html, text


def test_a_unit_without_stock_or_readings_says_so_instead_of_zeros(auth, client, october):
    auth.login("demo-county")
    html = client.get(f"/scores/summary/U03/{MONTH}").get_data(as_text=True)
    assert "本月未在系统中记录疫苗出入库。" in html and "本月未在系统中记录冷链温度。" in html
    assert "漏测" not in html
    page = client.get(f"/scores/monthly/U03/{MONTH}").get_data(as_text=True).split('id="stock-month"')[1]
    assert "本月未在系统中记录疫苗出入库。" in page and "本月未在系统中记录冷链温度。" in page
    assert 'id="cold-chain-month"' not in page


def test_the_report_page_and_its_excel_file_show_the_month_but_the_api_keeps_its_fields(auth, client, october,
                                                                                       token_for):
    auth.login("demo-county")
    html = client.get(f"/scores/monthly/U01/{MONTH}").get_data(as_text=True)
    section = html.split('id="stock-month"')[1].split("</section>")[0]
    assert "安瓿破损 1" in section and "33.3%" in section and "盘点 16 剂，帐面 17 剂，差异 -1" in section
    fridge = section.split('data-code="U01-R1"')[1].split("</tr>")[0]
    assert "<td>62</td><td>61</td><td>1</td><td>1</td><td>1</td>" in fridge
    book = load_workbook(BytesIO(client.get(f"/scores/monthly/U01/{MONTH}.xlsx").data))
    rows = [[c for c in row if c is not None] for row in book.worksheets[1].iter_rows(values_only=True)]
    assert ["乙肝疫苗", 20, 2, 1, "安瓿破损 1", 33.3] in rows and ["1号冰柜（U01-F1）", 62, 0, 62, 0, 0] in rows
    api = client.get("/api/v1/reports/monthly", query_string={"unit": "U01", "month": MONTH},
                     headers=token_for("demo-county")).get_json()
    assert set(api) == {"unit", "month", "rows", "totals"}  # records.md's report is unchanged


"""County review pages: queue with timers, case page, indicators with drill-down, calendar, silence, lots,
devices, exports; and who may reach them."""

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests import pushed_data
from tests.aefi_records import add_doses, add_report, add_review, add_zero_report
from tests.sync_client import SyncClient
from webapp.models import County, DeviceToken, Record, Township, Unit, User
from webapp.services.accounts.users import create_user

REVIEW_PAGES = ["/review/", "/review/calendar", "/review/indicators?period=2026", "/review/silent?year=2026",
                "/review/lots?from=2026-03-01&to=2026-03-31", "/review/export.xlsx"]


@pytest.fixture
def other_county(db, demo_org):
    db.session.add(County(code="150425", name="巴林右旗"))
    db.session.add(Township(code="150425001", name="大板镇", county_code="150425"))
    db.session.add(Unit(code="X01", name="大板镇防保站", kind="township_station", township_code="150425001"))
    db.session.flush()
    create_user("county-2", "Demo-2026!", "county", "150425", "外县审核", actor="test")
    foreign = add_report("X01", onset="2026-03-05T08:00:00+08:00", name="外县儿童")
    db.session.commit()
    return foreign


@pytest.fixture(params=["inserted", "pushed"])
def cases(request, db, demo_org):
    """Two AEFI cases and four doses, inserted into the record store or pushed through POST /sync/push."""
    if request.param == "pushed":
        sync = SyncClient(request.getfixturevalue("client"), request.getfixturevalue("token_for"))
        ids = pushed_data.aefi_cases(sync)
        db.session.expire_all()
        return {name: db.session.get(Record, record_id) for name, record_id in ids.items()}
    on_time = add_report("U01", onset="2026-03-10T08:00:00+08:00", name="按时儿童")
    late = add_report("U03", onset="2026-03-12T08:00:00+08:00", reported_h=60, name="迟报儿童", serious=True)
    add_review(late, status="investigating", investigation_started_at="2026-03-15T09:00:00+08:00",
               final_class="rare_reaction", who_causality="A1")
    add_doses("U01", "2026-03-02", 4)
    db.session.commit()
    return {"on_time": on_time, "late": late}


def test_queue_lists_cases_with_their_timers_most_pressing_first(auth, client, cases):
    auth.login("demo-county")
    html = client.get("/review/").get_data(as_text=True)
    assert "迟报儿童" in html and "按时儿童" in html
    assert html.index("迟报儿童") < html.index("按时儿童")
    assert "48小时内报告：超时" in html and "48小时内报告：按时" in html


def test_line_list_export_has_chinese_case_card_headers(auth, client, cases):
    auth.login("demo-county")
    resp = client.get("/review/export.xlsx?period=2026-03")
    assert resp.status_code == 200
    sheet = load_workbook(BytesIO(resp.data)).active
    headers = [c.value for c in sheet[1]]
    for header in ("编码", "姓名", "出生日期", "可疑疫苗1 疫苗批号", "反应发生日期", "病人转归", "报告单位",
                   "最终分类"):
        assert header in headers
    names = {row[headers.index("姓名")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {"按时儿童", "迟报儿童"}


def test_indicator_numbers_link_to_the_cases_behind_them(auth, client, cases):
    auth.login("demo-county")
    html = client.get("/review/indicators?period=2026-03&level=county").get_data(as_text=True)
    assert "及时报告率" in html and "50.0%" in html
    drill = client.get("/review/indicators/cases?period=2026-03&level=county&group=150424"
                       "&indicator=timely_report&part=numerator").get_data(as_text=True)
    assert "按时儿童" in drill and "迟报儿童" not in drill
    per_unit = client.get("/review/indicators?period=2026-03&level=unit").get_data(as_text=True)
    assert "25000.0" in per_unit  # U01: 1 report / 4 doses × 100000


def test_calendar_page_shows_the_states(auth, client, cases, db):
    add_zero_report("U04", "2026-03")
    db.session.commit()
    auth.login("demo-county")
    html = client.get("/review/calendar?from=2026-03&to=2026-04").get_data(as_text=True)
    assert "有病例（1）" in html and 'class="cal cal-zero' in html and 'class="cal cal-silent' in html
    listed = client.get("/review/?unit=U03&period=2026-03").get_data(as_text=True)
    assert "迟报儿童" in listed and "按时儿童" not in listed
    assert "迟报儿童" not in client.get("/review/?unit=U03&period=2026-04").get_data(as_text=True)


def test_silent_page_shows_the_poisson_arithmetic(auth, client, db, demo_org):
    add_doses("U04", "2025-05-01", 10)
    db.session.commit()
    auth.login("demo-county")
    html = client.get("/review/silent?year=2025").get_data(as_text=True)
    assert "λ = 10 × 32.52 / 100000 = 0.003" in html
    assert "2025-Q1、2025-Q2、2025-Q3、2025-Q4" in html


def test_lot_page_lists_a_lot_reported_from_two_units(auth, client, cases):
    auth.login("demo-county")
    html = client.get("/review/lots?from=2026-03-01&to=2026-03-31").get_data(as_text=True)
    assert "L2026A" in html and "同一批号来自两个及以上单位" in html and "迟报儿童" in html
    units = html[html.index("报告单位"):html.index("该批号接种剂次")]
    assert "林西镇防保站" in units and "U01" not in units  # the units by name


def test_devices_page_flags_a_silent_device(auth, client, token_for, db):
    token_for("demo-nurse", device_id="phone-A")
    row = db.session.query(DeviceToken).one()
    row.last_sync_at = datetime.now(UTC) - timedelta(days=10)
    row.outbox_depth, row.app_version, row.clock_offset_s = 7, "1.2.0", -3.5
    db.session.commit()
    auth.login("demo-county")
    html = client.get("/review/devices").get_data(as_text=True)
    assert "沉默 10 天" in html and "1.2.0" in html and "-3.5" in html


@pytest.mark.parametrize("path", REVIEW_PAGES)
def test_nurse_and_school_never_see_review_pages(auth, client, cases, path):
    for username in ("demo-nurse", "demo-school", "demo-admin"):
        auth.login(username)
        assert client.get(path).status_code == 403
        client.post("/logout", data={"csrf_token": auth.csrf("/")})


def test_admin_may_see_device_health_but_a_nurse_may_not(auth, client, demo_org):
    auth.login("demo-admin")
    assert client.get("/review/devices").status_code == 200
    client.post("/logout", data={"csrf_token": auth.csrf("/")})
    auth.login("demo-nurse")
    assert client.get("/review/devices").status_code == 403


def test_county_user_sees_only_its_own_county(auth, client, cases, other_county, db):
    auth.login("demo-county")
    assert "外县儿童" not in client.get("/review/").get_data(as_text=True)
    assert client.get(f"/review/cases/{other_county.id}").status_code == 404
    token = auth.csrf(f"/review/cases/{cases['on_time'].id}")
    resp = client.post(f"/review/cases/{other_county.id}/return", data={"ret-csrf_token": token,
                                                                       "ret-return_reason": "x"})
    assert resp.status_code == 404
    client.post("/logout", data={"csrf_token": auth.csrf("/")})
    auth.login("county-2")
    html = client.get("/review/").get_data(as_text=True)
    assert "外县儿童" in html and "按时儿童" not in html
    assert db.session.query(User).filter_by(username="county-2").one().scope_code == "150425"

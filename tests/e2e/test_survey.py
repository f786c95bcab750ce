"""Browser test: a county assessor, on a tablet with the network off, surveys the village the app draws: the registry
child of the cohort living there is proposed and its certificate copied, a child the registry does not know (漏卡)
is added; back online, the server holds the survey and its children once, and 范本1 三 of the unit's half-year is
scored from them (GET /api/v1/scores)."""

import uuid
from datetime import datetime, timedelta

import pytest

from tests.conftest import DEMO_PASSWORD
from tests.e2e.steps import TZ, assert_server_received_nothing, cut, restore, sign_in, wait_worker
from tests.e2e.test_school_check import loaded_chunks, records, sync_until
from tests.factories import child_data, vaccination_data
from webapp.domain.schedule.dates import add_months

pytestmark = pytest.mark.e2e
TABLET = {"viewport": {"width": 800, "height": 1280}, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}
U01_VILLAGES = {"V01": "东村", "V04": "北村", "V07": "双井村", "V10": "新民村"}
BIRTH = "2025-03-01"  # 21 months old on the survey day: in the 12–36 month cohort
PRIMARY = [("HepB", "2025-03-01"), ("BCG", "2025-03-01"), ("HepB", "2025-04-01"), ("IPV", "2025-05-01"),
           ("DTaP", "2025-05-01"), ("IPV", "2025-06-01"), ("bOPV", "2025-07-01"), ("DTaP", "2025-07-01"),
           ("DTaP", "2025-09-01"), ("HepB", "2025-09-01"), ("MPSV-A", "2025-09-01"), ("JE-L", "2025-11-01"),
           ("MMR", "2025-11-01"), ("MPSV-A", "2025-12-01")]
ITEMS = ("primary_coverage_12m", "nip_coverage", "bcg_scar", "booster_coverage_90", "booster_coverage_95",
         "survey_unvaccinated", "card_concordance", "card_rate", "certificate_rate")


def api(app, method, path, body=None, token=None):
    """One JSON request to the app the live server serves (its test client, in this thread); (status, body)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    resp = app.test_client().open(path, method=method, json=body, headers=headers)
    return resp.status_code, resp.get_json()


def token(app, username):
    status, body = api(app, "POST", "/api/v1/auth/token", {"username": username, "password": DEMO_PASSWORD,
                                                            "device_id": f"seed-{username}", "device_name": "seed"})
    assert status == 201, body
    return body["token"]


def seed_registry(app):
    """The unit's nurse registers, in each U01 village, a child of the cohort with the primary doses, and one child
    too old for the cohort; returns {village code: (child id, name)} of the cohort's children."""
    now = datetime.now(TZ).isoformat()
    items, cohort = [], {}
    for code, village in U01_VILLAGES.items():
        for name, birth in ((f"{village}小宝", BIRTH), (f"{village}大宝", "2022-01-01")):
            child = {"kind": "child", "id": str(uuid.uuid4()), "base_rev": None, "captured_at": now,
                     "captured_by": "demo-nurse", "data": child_data(name=name, birth_date=birth, village_code=code)}
            items.append(child)
            if birth == BIRTH:
                cohort[code] = (child["id"], name)
                numbers = {}
                for vaccine, day in PRIMARY:
                    numbers[vaccine] = numbers.get(vaccine, 0) + 1
                    items.append({"kind": "vaccination", "id": str(uuid.uuid4()), "base_rev": None, "captured_at": now,
                                  "captured_by": "demo-nurse", "data": vaccination_data(
                                      child["id"], vaccine=vaccine, dose=numbers[vaccine], given_on=day)})
    status, body = api(app, "POST", "/api/v1/sync/push", {"device_id": "seed-demo-nurse", "app_version": "test",
                                                          "schema_version": 1, "device_time": now, "items": items},
                       token(app, "demo-nurse"))
    assert status == 200 and {r["status"] for r in body["results"]} == {"created"}, body
    return cohort


def copy_certificate(page, bcg_scar):
    """On a surveyed child's page: the certificate seen, its doses copied into the grid (✓ fills the on-time dates
    up to the survey day), the BCG scar noted; saved, back on the village's page."""
    page.wait_for_selector("#survey-child-form")
    page.check("#survey-child-form input[name=certificate][value=present]")
    page.click("#fill-all")
    page.check(f"#survey-child-form input[name=bcg_scar][value={bcg_scar}]")
    page.click("#survey-child-save")
    page.wait_for_selector("#survey-progress")


def test_a_county_assessor_surveys_a_drawn_village_offline_and_the_scores_use_it(app, live_server, net, browser):
    base, errors = live_server, []
    cohort = seed_registry(app)
    context = browser.new_context(**TABLET)
    context.set_default_timeout(20000)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, base, "demo-county", "2468")  # the first sync brings the county's registry and the plans
    wait_worker(page)

    cut_at = cut(net)  # a real network cut between the tablet and the server
    page.goto(f"{base}/app/#/surveys")
    page.select_option("#survey-start-form select[name=unit_code]", "U01")
    page.click("#survey-start")
    page.wait_for_selector("#survey-head")
    head = page.inner_text("#survey-head")
    drawn = next(code for code, name in U01_VILLAGES.items() if name in head)
    assert head.startswith("林西镇防保站 · ") and "随机抽取" in head, head
    today = datetime.now(TZ).date()
    born = f"{add_months(today, -36) + timedelta(days=1)} 至 {add_months(today, -12)} 出生的儿童"
    assert born in page.inner_text("#survey-cohort")  # the plan's 12–36 months on the survey day
    child_id, child_name = cohort[drawn]
    proposed = page.inner_text("#survey-proposed")
    assert child_name in proposed and "大宝" not in proposed  # only the cohort, only the drawn village
    assert all(cohort[c][1] not in proposed for c in cohort if c != drawn)

    page.click(f"[data-proposed='{child_id}'] button")
    assert "乙肝疫苗" in page.inner_text("#survey-child-form")  # vaccines by name
    copy_certificate(page, "yes")

    page.fill("#missed-form input[name=name]", "李小红")
    page.check("#missed-form input[name=sex][value=F]")
    page.fill("#missed-form input[name=birth_date]", "2020-02-01")  # too old for the survey: refused
    page.click("#missed-save")
    page.wait_for_selector("#missed-form .summary li")
    assert "出生日期：不在本次调查的出生日期范围" in page.inner_text("#missed-form .summary")
    page.fill("#missed-form input[name=birth_date]", "2025-02-01")
    page.click("#missed-save")
    page.wait_for_selector("#survey-child-form")
    page.fill("input.dose[data-vaccine=HepB][data-index='0']", "2025-02-02")
    copy_certificate(page, "no")
    assert page.inner_text("#survey-progress") == "已调查 2 名，其中漏卡 1 名，待抄录接种证 0 名"
    page.click("#lang")  # English, names still names
    page.wait_for_function("() => document.querySelector('#survey-progress')?.textContent.startsWith('2 surveyed')")
    english = page.inner_text("#survey-head")
    assert "(Drawn at random)" in english and U01_VILLAGES[drawn] in english
    assert "not in registry" in page.inner_text("#survey-children")
    page.click("#lang")
    assert len(loaded_chunks(page)) >= 1  # the survey pages came from their own chunk, offline: precached
    assert_server_received_nothing(cut_at)
    assert records(app, "survey") == []  # nothing left the tablet

    restore(net, cut_at)
    page.goto(f"{base}/app/#/home")
    assert sync_until(page, lambda: len(records(app, "survey_child")) == 2), page.inner_text("#status")
    page.click("#home-sync")  # a second sync sends nothing twice
    page.wait_for_function("() => document.querySelector('#home-pending')?.textContent === '0'")
    surveys, kids = records(app, "survey"), records(app, "survey_child")
    assert len(surveys) == 1 and len(kids) == 2
    survey = surveys[0]
    assert (survey["unit_code"], survey["village_code"], survey["village_drawn"], survey["assessor"]) == (
        "U01", drawn, "random", "demo-county")
    assert survey["template"] == "county-plan-2014" and survey["period"] == f"{survey['surveyed_on'][:4]}-H2"
    missed = next(k for k in kids if k["child_id"] is None)
    found = next(k for k in kids if k["child_id"] == child_id)
    assert missed["name"] == "李小红" and {"vaccine": "HepB", "date": "2025-02-02"} in missed["doses"]
    assert found["bcg_scar"] == "yes" and len(found["doses"]) >= 10

    status, body = api(app, "GET", f"/api/v1/scores?template=county-plan-2014&unit=U01&period={survey['period']}",
                       token=token(app, "demo-county"))
    assert status == 200 and body["survey"]["village_code"] == drawn and body["survey"]["children"] == 2
    items = {i["code"]: i for i in body["items"] if i["code"] in ITEMS and i["part"] == "h2"}
    assert set(items) == set(ITEMS) and not any(i["status"] == "pending" for i in items.values())
    card_rate = items["card_rate"]["deductions"]
    assert [(d["points"], [e["kind"] for e in d["evidence"]]) for d in card_rate] == [(-5.0, ["survey_child"])]
    assert items["bcg_scar"]["deductions"][0]["points"] < 0  # one scar of two
    context.close()
    assert errors == []


def test_a_nurse_has_no_survey_pages_on_the_phone(live_server, page):
    """Surveys are the county's (county users and admins, as on the server): a unit's nurse sees no tile and is sent
    home from the survey page's address."""
    sign_in(page, live_server, "demo-nurse")
    assert "现场调查接种率" not in page.inner_text("nav")
    page.goto(f"{live_server}/app/#/surveys")
    page.wait_for_selector("#home-pending")
    assert page.query_selector("#survey-start-form") is None

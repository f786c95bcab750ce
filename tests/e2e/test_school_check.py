"""Browser test: a school checker, offline, enters a class of five and sees the missing doses; after sync the
nurse's phone receives the referral task and records the catch-up; the school report shows the new rates."""

import re
import time
from datetime import date

import pytest
from sqlalchemy import select

from tests.e2e import steps
from tests.e2e.conftest import CONTEXT
from tests.e2e.steps import DEMO_PASSWORD, sign_in, wait_worker

pytestmark = pytest.mark.e2e
CLASS = [("周一", None), ("周二", None), ("周三", ("MPSV-AC", 1)), ("周四", None), ("周五", None)]


def phone(browser, base, username, errors):
    """A 360 px phone (its own profile) signed in to the app online, after its first sync has finished (the
    school's reference data and the field rules are on the phone before it goes offline)."""
    context = browser.new_context(**CONTEXT)
    context.set_default_timeout(20000)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, base, username, "2468")
    return context, page


def records(app, kind):
    """The stored data of every record of a kind (read in a fresh session: the server writes from its threads)."""
    from webapp.extensions import db
    from webapp.models import Record

    db.session.remove()
    return [r.data for r in db.session.execute(select(Record).where(Record.kind == kind)).scalars()]


def wait_for(predicate, timeout=30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_offline_class_of_five_referral_catch_up_and_report(app, net, live_server, browser):
    base, errors = live_server, []
    school_ctx, school = phone(browser, base, "demo-school", errors)
    mark = steps.cut(net)
    school.goto(f"{base}/app/#/school-batches")
    school.wait_for_selector("#batch-form")
    school.click("#batch-save")
    school.wait_for_selector("#add-student")
    batch = school.evaluate("location.hash").split("batch=")[1]
    results = {}
    for name, gap in CLASS:
        school.goto(f"{base}/app/#/school-batch?batch={batch}")
        school.wait_for_selector("#add-student")
        results[name] = enter_student_in(school, name, gap)
    assert "缺 1 剂" in results["周三"][0] and "A群C群流脑多糖疫苗 第2剂" in results["周三"][0]
    assert "林西镇防保站" in results["周三"][1]
    assert all("无需补种" in results[n][0] for n in ("周一", "周二", "周四", "周五"))
    assert records(app, "student_check") == []  # still offline: nothing reached the server
    steps.restore(net, mark)  # the guard first: not one request reached the server while cut
    school.goto(f"{base}/app/#/home")
    assert sync_until(school, lambda: len(records(app, "student_check")) == 5), (
        "the class never reached the server", school.inner_text("#status"), records(app, "school_check"))
    referred = [s for s in records(app, "student_check") if s.get("referral")]
    assert [s["name"] for s in referred] == ["周三"]
    assert [(m["series"], m["dose"]) for m in referred[0]["evaluation"]["missing"]] == [("MenAC", 2)]

    nurse_ctx, nurse = phone(browser, base, "demo-nurse", errors)
    nurse.goto(f"{base}/app/#/catch-up-tasks")
    nurse.wait_for_selector("#catch-up-tasks")
    assert "周三" in nurse.inner_text("#catch-up-tasks")
    nurse.click("#catch-up-tasks a.button")
    nurse.wait_for_selector("#catch-up-form")
    nurse.check("#catch-up-form input.given")
    nurse.click("#catch-up-save")
    assert wait_for(lambda: any(s.get("catch_up_status") == "complete" for s in records(app, "student_check"))), \
        "the catch-up never reached the server"

    county = browser.new_context().new_page()
    county.goto(f"{base}/login")
    county.fill("input[name=username]", "demo-county")
    county.fill("input[name=password]", DEMO_PASSWORD)
    county.click("main form button[type=submit]")
    county.wait_for_url(re.compile(r".*/(home)?$|.*/$"), timeout=10000)
    county.goto(f"{base}/schools/report?year={date.today().year}")
    html = county.content()
    assert cell(html, "caught_up_rate") == "100.0% 1/1"
    assert cell(html, "missed_rate") == "20.0% 1/5"
    assert cell(html, "complete_rate") == "80.0% 4/5"
    for ctx in (school_ctx, nurse_ctx, county.context):
        ctx.close()
    assert errors == []


def sync_until(page, predicate, tries=6):
    """Tap 立即同步 on the phone's home page until the server has what `predicate` wants (a sync may be backing off
    after the offline period)."""
    for _ in range(tries):
        page.click("#home-sync")
        if wait_for(predicate, timeout=8):
            return True
    return False


def enter_student_in(page, name, gap):
    """Enter one student on the batch page; returns (the result box text, the referral notice text or None)."""
    page.click("#add-student")
    page.wait_for_selector("#student-form")
    page.fill("#student-form input[name=name]", name)
    page.check("#student-form input[name=sex][value=F]")
    page.fill("#student-form input[name=birth_date]", "2020-07-01")
    page.fill("#student-form input[name=class_name]", "一(1)班")
    page.click("#fill-all")
    if gap:
        cell_sel = f"input.dose[data-vaccine='{gap[0]}'][data-index='{gap[1]}']"
        page.fill(cell_sel, "")
        page.dispatch_event(cell_sel, "input")
    result = page.inner_text("#result")
    page.click("#student-save")
    if gap:
        page.wait_for_selector("#notice")
        return result, page.inner_text("#notice")
    page.wait_for_selector("#add-student")
    return result, None


def cell(html, code):
    """The total row's rate text of one indicator on the report page."""
    table = re.search(r'<table id="total">(.*?)</table>', html, re.S).group(1)
    found = re.search(rf'data-code="{code}">(.*?)</td>', table, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", found).split())


def test_an_excel_roster_is_imported_on_the_phone_offline(net, live_server, browser):
    """The Excel reader is not part of the shell: it is loaded only when a roster is read, and then, offline,
    from the service worker's precache (this page never loaded it while online)."""
    from pathlib import Path

    errors = []
    ctx, school = phone(browser, live_server, "demo-school", errors)
    wait_worker(school)
    mark = steps.cut(net)
    school.goto(f"{live_server}/app/#/school-batches")
    school.wait_for_selector("#batch-form")
    school.click("#batch-save")
    school.wait_for_selector("#roster-file")
    assert loaded_chunks(school) == []
    roster = Path(__file__).resolve().parents[2] / "pwa" / "test" / "fixtures" / "roster.xlsx"
    school.set_input_files("#roster-file", str(roster))
    school.wait_for_function("() => document.querySelectorAll('#waiting li').length === 3")
    waiting = school.inner_text("#waiting")
    assert "张小花 · 小一班 · 2021-05-01" in waiting and "王小丫" in waiting
    assert len(loaded_chunks(school)) == 1
    steps.assert_server_received_nothing(mark)  # before the close: the chunk came from the precache
    ctx.close()
    assert errors == []


def loaded_chunks(page):
    """The chunks loaded on demand (pwa/dist/chunks/) the page has loaded so far; esbuild's shared `chunk-…` files,
    which the shell imports statically, are part of the first load and not counted."""
    return page.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)"
                         ".filter((n) => n.includes('/app/chunks/') && !n.includes('/app/chunks/chunk-'))")

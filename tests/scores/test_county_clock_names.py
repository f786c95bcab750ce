"""The scores pages at the county's clock and with names: the record behind a deduction names its unit and state
and when it was entered in Asia/Shanghai time, the scorecard's history is dated the same way, the survey list
names units and villages."""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tests.factories import add_record
from tests.services.scoring import data as scores_data
from webapp.models import ScoreSnapshot

STAMP_UTC = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")


def test_the_record_page_names_unit_and_state_and_dates_the_entry_at_county_time(client, db, auth):
    zero = add_record("aefi_zero_report", {"unit_code": "U01", "period": "2026-03", "attested_by": "demo-nurse",
                                           "attested_at": "2026-04-02T10:00:00+08:00"},
                      captured_at=datetime(2026, 4, 2, 2, 0, tzinfo=UTC), state="contradicted")
    db.session.commit()
    auth.login("demo-county")
    html = client.get(f"/scores/record/{zero.id}").get_data(as_text=True)
    head = html[html.index('<p class="muted">'):html.index("</p>", html.index('<p class="muted">'))]
    assert "林西镇防保站" in head and "U01" not in head
    assert "2026-04-02 10:00" in head and "02:00" not in head and not STAMP_UTC.search(head)
    assert "零报告与病例矛盾" in head and "contradicted" not in head


def test_the_scorecard_history_is_dated_at_county_time(client, db, auth):
    scores_data.build()
    db.session.commit()
    auth.login("demo-county")
    html = client.get("/scores/card/evaluation-standard/2026/U01").get_data(as_text=True)
    stamp = db.session.query(ScoreSnapshot).filter_by(unit_code="U01").first().computed_at
    assert not STAMP_UTC.search(html)
    assert stamp.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M") in html


def test_the_survey_list_names_units_and_villages(client, db, auth):
    add_record("survey", {"unit_code": "U01", "village_code": "V01", "template": "county-plan-2014",
                          "period": "2026-H1", "cohort_from": "2023-07-11", "cohort_to": "2025-07-10",
                          "village_drawn": "chosen", "surveyed_on": "2026-07-10", "assessor": "刘医生"},
               captured_by="demo-county")
    db.session.commit()
    auth.login("demo-county")
    html = client.get("/scores/surveys").get_data(as_text=True)
    listed = html[html.index("已有调查"):]
    assert "林西镇防保站" in listed and ">U01<" not in listed and ">V01<" not in listed

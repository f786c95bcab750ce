"""The village survey kinds through POST /sync/push and GET /sync/pull: county writers, references, scope."""

import pytest

from tests.factories import child_data, push_item, survey_child_data, survey_data
from tests.sync_client import sync as sync_fixture
from webapp.models import County, Record, Township, Unit, Village

sync = sync_fixture  # the fixture, for the tests below
COUNTY = "demo-county"


def _survey(**kw):
    return push_item("survey", survey_data(**kw), captured_by=COUNTY)


def _child(survey_id, **kw):
    return push_item("survey_child", survey_child_data(survey_id, **kw), captured_by=COUNTY)


def test_a_county_user_stores_a_survey_and_its_children_with_their_projections(sync, db):
    kid = push_item("child", child_data())
    assert sync.statuses([kid]) == ["created"]
    survey = _survey()
    found, missed = _child(survey["id"], child_id=kid["id"]), _child(survey["id"], name="李小红")
    assert sync.statuses([survey, found, missed], user=COUNTY) == ["created"] * 3
    db.session.expire_all()
    stored = db.session.get(Record, survey["id"])
    assert (stored.unit_code, stored.period, str(stored.event_date)) == ("U01", "2026-H1", "2026-07-10")
    row = db.session.get(Record, found["id"])
    assert (row.unit_code, row.parent_id, row.child_id, str(row.event_date)) == (
        "U01", survey["id"], kid["id"], "2026-07-10")
    assert db.session.get(Record, missed["id"]).child_id is None


def test_a_surveyed_child_before_its_survey_is_deferred_naming_survey_id(sync):
    survey = _survey()
    child = _child(survey["id"])
    result = sync.results([child], user=COUNTY)[0]
    assert result["status"] == "deferred" and list(result["errors"]) == ["survey_id"]
    assert sync.statuses([survey, child], user=COUNTY) == ["created", "created"]


def test_a_nurse_may_not_write_a_survey(sync):
    result = sync.results([push_item("survey", survey_data())])[0]
    assert result["status"] == "rejected" and list(result["errors"]) == ["kind"]


@pytest.fixture
def other_county(db, demo_org):
    db.session.add(County(code="150425", name="外县"))
    db.session.add(Township(code="150425001", name="外镇", county_code="150425"))
    db.session.add(Unit(code="X01", name="外县防保站", kind="township_station", township_code="150425001"))
    db.session.flush()
    db.session.add(Village(code="XV1", name="外村", unit_code="X01"))
    db.session.commit()


def test_a_county_user_may_not_survey_a_unit_of_another_county(sync, other_county):
    result = sync.results([_survey(unit="X01", village_code="XV1")], user=COUNTY)[0]
    assert result["status"] == "rejected" and list(result["errors"]) == ["unit_code"]


def test_the_village_must_be_one_of_the_units_villages(sync):
    result = sync.results([_survey(village_code="V02")], user=COUNTY)[0]  # V02 is a U03 village
    assert result == {"id": result["id"], "status": "rejected", "errors": {"village_code": ["该村不属于此接种单位"]}}


def test_a_surveyed_child_stays_in_its_surveys_unit_and_links_only_that_units_children(sync):
    other = push_item("child", child_data(unit="U03"), captured_by="demo-nurse-b")
    assert sync.statuses([other], user="demo-nurse-b") == ["created"]
    survey = _survey()
    wrong_unit = _child(survey["id"], unit="U03")
    wrong_child = _child(survey["id"], child_id=other["id"])
    results = sync.results([survey, wrong_unit, wrong_child], user=COUNTY)
    assert [r["status"] for r in results] == ["created", "rejected", "rejected"]
    assert list(results[1]["errors"]) == ["unit_code"] and list(results[2]["errors"]) == ["child_id"]


def test_bad_fields_are_rejected_by_name(sync):
    bad = _survey(period="2026-11", village_drawn="lucky", cohort_from="2025-06-30", cohort_to="2024-07-01")
    errors = sync.results([bad], user=COUNTY)[0]["errors"]
    assert set(errors) == {"period", "village_drawn"}
    reversed_cohort = sync.results([_survey(cohort_from="2025-06-30", cohort_to="2024-07-01")], user=COUNTY)[0]
    assert list(reversed_cohort["errors"]) == ["cohort_to"]
    survey = _survey()
    child = _child(survey["id"], birth_date="2025-03-01", doses=[{"vaccine": "HepB", "date": "2025-02-01"}],
                   bcg_scar="maybe")
    results = sync.results([survey, child], user=COUNTY)
    assert set(results[1]["errors"]) == {"bcg_scar"}
    child = _child(survey["id"], doses=[{"vaccine": "HepB", "date": "2025-02-01"}])
    assert list(sync.results([child], user=COUNTY)[0]["errors"]) == ["doses.0.date"]


def test_county_devices_pull_surveys_and_the_units_devices_do_not(sync):
    survey = _survey()
    child = _child(survey["id"])
    assert sync.statuses([survey, child], user=COUNTY) == ["created", "created"]
    county = sync.records(COUNTY)
    assert county["survey"] == {survey["id"]} and county["survey_child"] == {child["id"]}
    nurse = sync.records("demo-nurse")
    assert "survey" not in nurse and "survey_child" not in nurse


def test_a_county_device_pulls_the_plans_with_a_survey_and_their_cohort_to_survey_offline(sync):
    changes, _ = sync.pull_all(COUNTY)
    plans = {c["id"]: c["data"] for c in changes if c["kind"] == "survey_template"}
    assert list(plans) == ["county-plan-2014"]  # 范本2 has no village survey
    assert plans["county-plan-2014"]["cohort_months"] == [12, 36]
    assert plans["county-plan-2014"]["title"] == "林西县2014年免疫规划工作考核方案"

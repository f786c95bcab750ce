"""The county assessor's survey pages: start a survey (village drawn by the app), add registry and 漏卡 children,
copy a certificate into the grid; every write is a sync record; CSRF and scope hold."""

from sqlalchemy import select

from tests.factories import add_record as add
from tests.factories import child_data, vaccination_data
from webapp.models import Record


def _survey(db):
    return db.session.execute(select(Record).where(Record.kind == "survey")).scalar_one()


def test_a_county_assessor_runs_a_survey_through_the_pages(client, db, auth):
    kid = add("child", child_data(birth_date="2025-03-01", village_code="V01"))
    add("vaccination", vaccination_data(kid.id, vaccine="HepB", dose=1, given_on="2025-03-01"))
    db.session.commit()
    auth.login("demo-county")
    assert "开始调查" in client.get("/scores/surveys").get_data(as_text=True)
    resp = client.post("/scores/surveys", data={
        "csrf_token": auth.csrf("/scores/surveys"), "unit": "U01", "template": "county-plan-2014",
        "period": "2026-H1", "surveyed_on": "2026-07-10", "village_drawn": "random"})
    assert resp.status_code == 302
    db.session.expire_all()
    survey = _survey(db)
    assert survey.data["village_drawn"] == "random" and survey.data["village_code"] in ("V01", "V04", "V07", "V10")
    assert (survey.data["cohort_from"], survey.data["cohort_to"]) == ("2023-07-11", "2025-07-10")
    assert survey.captured_by == "demo-county" and survey.change_seq is not None  # a sync record like a phone's
    page = client.get(f"/scores/surveys/{survey.id}").get_data(as_text=True)
    assert (kid.data["name"] in page) == (survey.data["village_code"] == "V01")
    token = auth.csrf(f"/scores/surveys/{survey.id}")
    resp = client.post(f"/scores/surveys/{survey.id}/children", data={"csrf_token": token, "child_id": kid.id})
    assert resp.status_code == 302
    found = db.session.execute(select(Record).where(Record.kind == "survey_child")).scalar_one()
    assert found.child_id == kid.id and found.parent_id == survey.id
    url = f"/scores/surveys/{survey.id}/children/{found.id}"
    resp = client.post(url, data={"csrf_token": auth.csrf(url), "certificate": "present", "bcg_scar": "yes",
                                  "resident_since": "2025-03-01", "dose-HepB-1": "2025-03-01",
                                  "dose-BCG-1": "2025-03-02"})
    assert resp.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Record, found.id)
    assert stored.rev == 2 and stored.data["doses"] == [{"vaccine": "HepB", "date": "2025-03-01"},
                                                        {"vaccine": "BCG", "date": "2025-03-02"}]
    assert stored.data["bcg_scar"] == "yes"


def test_a_child_missing_from_the_registry_is_added_as_lou_ka_and_bad_fields_are_named(client, db, auth):
    auth.login("demo-county")
    client.post("/scores/surveys", data={
        "csrf_token": auth.csrf("/scores/surveys"), "unit": "U01", "template": "county-plan-2014",
        "period": "2026-H1", "surveyed_on": "2026-07-10", "village_drawn": "chosen", "village": "V04"})
    survey = _survey(db)
    assert (survey.data["village_drawn"], survey.data["village_code"]) == ("chosen", "V04")
    token = auth.csrf(f"/scores/surveys/{survey.id}")
    client.post(f"/scores/surveys/{survey.id}/children", data={
        "csrf_token": token, "name": "李小红", "sex": "F", "birth_date": "2025-01-05", "resident_since": "2025-06-01"})
    found = db.session.execute(select(Record).where(Record.kind == "survey_child")).scalar_one()
    assert found.child_id is None and found.data["resident_since"] == "2025-06-01"
    url = f"/scores/surveys/{survey.id}/children/{found.id}"
    page = client.post(url, data={"csrf_token": auth.csrf(url), "certificate": "present", "dose-HepB-1": "2025-13-01"},
                       follow_redirects=True).get_data(as_text=True)
    assert "日期无效，应为 YYYY-MM-DD" in page
    resp = client.post(url, data={"csrf_token": auth.csrf(url), "certificate": "present",
                                  "dose-HepB-1": "2024-12-01"}, follow_redirects=True)  # before birth
    assert "doses.0.date" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Record, found.id).rev == 1


def test_survey_pages_need_csrf_and_stay_in_the_users_county(client, db, auth):
    auth.login("demo-county")
    resp = client.post("/scores/surveys", data={"unit": "U01", "template": "county-plan-2014", "period": "2026-H1",
                                                "surveyed_on": "2026-07-10", "village_drawn": "random"})
    assert resp.status_code == 400
    resp = client.post("/scores/surveys", data={
        "csrf_token": auth.csrf("/scores/surveys"), "unit": "NOPE", "template": "county-plan-2014",
        "period": "2026-H1", "surveyed_on": "2026-07-10", "village_drawn": "random"})
    assert resp.status_code == 404
    assert db.session.execute(select(Record).where(Record.kind == "survey")).first() is None
    auth.login("demo-nurse")
    assert client.get("/scores/surveys").status_code in (302, 403)

"""The role matrix, generated from the URL map: every endpoint declares a rule, and the rule holds for every role.

New endpoints are picked up automatically: an endpoint without `access_rule` fails, and every declared rule is
checked for anonymous, nurse, school, county and admin users, on HTML pages (session) and the API (bearer token).
"""

import pytest

from tests.access_walk import (
    DENIED_PAGE,
    ROLE_USERS,
    endpoint_rules,
    page_denial,
    request_as,
    rules_with_args,
    sample_url,
    view_rule,
)
from tests.factories import (
    aefi_report_data,
    child_data,
    push_item,
    school_check_data,
    student_check_data,
    survey_child_data,
    survey_data,
)
from tests.sync_client import SyncClient

ROLES = ("anonymous",) + tuple(ROLE_USERS)


def test_every_endpoint_declares_an_access_rule(app):
    missing = [rule.endpoint for rule in app.url_map.iter_rules()
               if rule.endpoint != "static" and view_rule(app, rule.endpoint) is None]
    assert missing == [], f"endpoints without @public/@pages/@api: {missing}"


def test_every_declared_rule_names_known_roles(app):
    from webapp.access import ALL_ROLES

    for rule in app.url_map.iter_rules():
        declared = view_rule(app, rule.endpoint)
        if declared and declared["kind"] != "public":
            assert declared["roles"] and set(declared["roles"]) <= set(ALL_ROLES), rule.endpoint


@pytest.mark.parametrize("role", ROLES)
def test_roles_outside_a_rule_are_refused(app, client, auth, token_for, role):
    session = request_as(client, auth, token_for, role)
    failures = []
    for rule, method, declared in endpoint_rules(app):
        if declared["kind"] == "public" or role in declared["roles"]:
            continue
        resp = session.send(method, sample_url(rule, role), declared["kind"])
        expected = page_denial(role) if declared["kind"] == "pages" else (401 if role == "anonymous" else 403)
        if not _denied_as_expected(resp, expected):
            failures.append(f"{method} {rule.rule} ({rule.endpoint}) as {role}: {resp.status_code}")
    assert failures == []


@pytest.mark.parametrize("role", ROLES)
def test_roles_inside_a_rule_get_past_the_door(app, client, auth, token_for, role):
    session = request_as(client, auth, token_for, role)
    failures = []
    for rule, method, declared in endpoint_rules(app, methods=("GET",)):
        allowed = declared["kind"] == "public" or role in declared["roles"]
        if not allowed or (declared["kind"] != "public" and role == "anonymous"):
            continue
        resp = session.send(method, sample_url(rule, role), declared["kind"])
        sent_to_login = declared["kind"] != "public" and _is_login_redirect(resp)
        if resp.status_code in (401, 403) or resp.status_code >= 500 or sent_to_login:
            failures.append(f"{method} {rule.rule} ({rule.endpoint}) as {role}: {resp.status_code}")
    assert failures == []


def test_api_refusals_are_problem_json(app, client, auth, token_for):
    session = request_as(client, auth, token_for, "anonymous")
    for rule, method, declared in endpoint_rules(app):
        if declared["kind"] == "api":
            resp = session.send(method, sample_url(rule, "anonymous"), "api")
            assert resp.status_code == 401 and resp.mimetype == "application/problem+json", rule.rule
            assert resp.headers.get("WWW-Authenticate") == "Bearer"


def test_api_writes_refuse_a_session_cookie_without_a_token(app, client, auth):
    auth.login("demo-admin")
    for rule, method, declared in endpoint_rules(app, methods=("POST", "PUT", "PATCH", "DELETE")):
        if declared["kind"] == "api":
            resp = client.open(sample_url(rule, "admin"), method=method, json={})
            assert resp.status_code == 401, f"{method} {rule.rule} accepted a session cookie"


SCOPE_CASES = [  # (argument kind, role, an identifier inside the role's scope, one outside it)
    ("unit", "nurse", "U01", "U03"), ("unit", "county", "U01", "U91"), ("unit", "admin", "U01", "U91"),
    ("school", "school", "S01", "S03"), ("school", "nurse", "S01", "S03"), ("school", "county", "S01", "S91"),
    ("school", "admin", "S01", "S91"),
]
QUERY_SCOPED = {  # reads whose scope identifier is a query parameter (not visible in the URL map)
    "unit": ["/api/v1/scores?template=county-plan-2014&period=2026&unit={}"],
}


@pytest.fixture
def other_county(demo_org, db):
    """A second county (150425) with its own unit U91 and school S91."""
    from webapp.models import County, School, Township, Unit

    for row in (County(code="150425", name="克什克腾旗"),
                Township(code="150425001", name="经棚镇", county_code="150425"),
                Unit(code="U91", name="经棚镇防保站", kind="township_station", township_code="150425001"),
                School(code="S91", name="经棚镇小学", kind="primary", township_code="150425001", unit_code="U91")):
        db.session.add(row)
        db.session.flush()
    db.session.commit()


@pytest.mark.parametrize("arg_kind, role, own, other", SCOPE_CASES)
def test_identifiers_outside_the_users_scope_are_refused(app, client, auth, token_for, other_county, arg_kind,
                                                         role, own, other):
    """A nurse of U01 opens U01 resources, never U03 ones; a county or admin user never another county's."""
    session = request_as(client, auth, token_for, role)
    failures = []
    for rule, arg in rules_with_args(app, role, arg_kind):
        kind = view_rule(app, rule.endpoint)["kind"]
        own_resp = session.send("GET", sample_url(rule, role, {arg: own}), kind)
        other_resp = session.send("GET", sample_url(rule, role, {arg: other}), kind)
        if other_resp.status_code not in (403, 404) or own_resp.status_code != 200:
            failures.append(f"{rule.rule}: own {own_resp.status_code}, other {other_resp.status_code}")
    for template in QUERY_SCOPED.get(arg_kind, []):
        if role in ("nurse", "county", "admin"):
            own_resp = session.send("GET", template.format(own), "api")
            other_resp = session.send("GET", template.format(other), "api")
            if other_resp.status_code not in (403, 404) or own_resp.status_code != 200:
                failures.append(f"{template}: own {own_resp.status_code}, other {other_resp.status_code}")
    assert failures == []


RECORD_ARG_KINDS = {"record_id": "child", "case_id": "aefi_report", "batch_id": "school_check",
                    "student_id": "student_check", "survey_id": "survey", "child_id": "survey_child"}
OTHER_SCOPE = {"nurse": ("U03", "S03"), "school": ("U01", "S02"), "county": ("U91", "S91"), "admin": ("U91", "S91")}


def _own_records(client, token_for) -> dict:
    """A record of each kind a record route takes, in U01 / S01, pushed by the demo nurse and school checker."""
    sync = SyncClient(client, token_for)
    child = push_item("child", child_data())
    case = push_item("aefi_report", aefi_report_data(child["id"]))
    batch = push_item("school_check", school_check_data(), captured_by="demo-school")
    student = push_item("student_check", student_check_data(batch["id"]), captured_by="demo-school")
    assert sync.statuses([child, case]) == ["created"] * 2
    assert sync.statuses([batch, student], user="demo-school") == ["created"] * 2
    survey = push_item("survey", survey_data(), captured_by="demo-county")
    surveyed = push_item("survey_child", survey_child_data(survey["id"]), captured_by="demo-county")
    assert sync.statuses([survey, surveyed], user="demo-county") == ["created"] * 2
    return {"child": child["id"], "aefi_report": case["id"], "school_check": batch["id"],
            "student_check": student["id"], "survey": survey["id"], "survey_child": surveyed["id"]}


def _other_records(db, unit, school) -> dict:
    """The same kinds in another unit and school (inserted: no demo account writes there)."""
    from tests.factories import add_record

    child = add_record("child", child_data(unit=unit), captured_by="demo-nurse-b")
    case = add_record("aefi_report", aefi_report_data(child.id, unit=unit), captured_by="demo-nurse-b")
    batch = add_record("school_check", school_check_data(school=school), captured_by="demo-school")
    student = add_record("student_check", student_check_data(batch.id), captured_by="demo-school",
                         school_code=school, unit_code=batch.unit_code)
    survey = add_record("survey", survey_data(unit=unit), captured_by="demo-county")
    surveyed = add_record("survey_child", survey_child_data(survey.id, unit=unit), captured_by="demo-county",
                          parent_id=survey.id)
    db.session.commit()
    return {"child": child.id, "aefi_report": case.id, "school_check": batch.id, "student_check": student.id,
            "survey": survey.id, "survey_child": surveyed.id}


@pytest.mark.parametrize("role", ["nurse", "school", "county", "admin"])
def test_records_outside_the_users_scope_are_not_readable_by_id(app, client, auth, token_for, db, other_county,
                                                                role):
    """Every route taking a record id answers 200 for a record of the user's own scope and refuses another's."""
    own, other = _own_records(client, token_for), _other_records(db, *OTHER_SCOPE[role])
    session = request_as(client, auth, token_for, role)
    failures, walked = [], set()
    for rule, arg in rules_with_args(app, role, "record"):
        kind, declared = RECORD_ARG_KINDS[arg], view_rule(app, rule.endpoint)
        mine = {a: own[RECORD_ARG_KINDS[a]] for a in rule.arguments if a in RECORD_ARG_KINDS}  # a child of its survey
        other_resp = session.send("GET", sample_url(rule, role, {**mine, arg: other[kind]}), declared["kind"])
        own_resp = session.send("GET", sample_url(rule, role, mine), declared["kind"])
        walked.add(rule.rule)
        if other_resp.status_code not in (403, 404) or own_resp.status_code != 200:
            failures.append(f"{rule.rule}: own {own_resp.status_code}, other {other_resp.status_code}")
    assert failures == [] and walked


POST_FORMS = {"/scores/summary/<unit>/<month>": {"text": "本月按计划完成接种。", "action": "save"},
              "/scores/assess/<template>/<period>/<unit>": {}, "/scores/monthly/<unit>/<month>/submit": {}}


@pytest.mark.parametrize("arg_kind, role, own, other", [c for c in SCOPE_CASES if c[0] == "unit"])
def test_forms_posted_for_a_unit_outside_the_users_scope_are_refused_and_change_nothing(
        app, client, auth, token_for, db, other_county, arg_kind, role, own, other):
    """The assessor's and the monthly summary's forms (every page POST taking a unit) save for the user's own unit
    and refuse another's, which keeps no assessment, entry or summary."""
    from webapp.models.reports import MonthlyReportSubmission
    from webapp.models.scoring import Assessment, MonthlySummary

    session = request_as(client, auth, token_for, role)
    failures, walked = [], set()
    for rule, arg in rules_with_args(app, role, arg_kind, methods=("POST",)):
        if rule.rule.startswith("/api/"):
            continue
        form = POST_FORMS[rule.rule]
        other_resp = session.send("POST", sample_url(rule, role, {arg: other}), "pages", form)
        own_resp = session.send("POST", sample_url(rule, role, {arg: own}), "pages", form)
        walked.add(rule.rule)
        if other_resp.status_code not in (403, 404) or own_resp.status_code not in (200, 302):
            failures.append(f"POST {rule.rule}: own {own_resp.status_code}, other {other_resp.status_code}")
    db.session.expire_all()
    assert failures == [] and walked == set(POST_FORMS) & {r for r, _ in _post_rules(app, role)}
    assert db.session.query(Assessment).filter_by(unit_code=other).count() == 0
    assert db.session.query(MonthlySummary).filter_by(unit_code=other).count() == 0
    assert db.session.query(MonthlyReportSubmission).filter_by(unit_code=other).count() == 0
    if "/scores/summary/<unit>/<month>" in walked:
        assert db.session.query(MonthlySummary).filter_by(unit_code=own).count() == 1


def _post_rules(app, role):
    return [(r.rule, a) for r, a in rules_with_args(app, role, "unit", methods=("POST",))]


def _denied_as_expected(resp, expected) -> bool:
    if expected == DENIED_PAGE:
        return _is_login_redirect(resp)
    return resp.status_code == expected


def _is_login_redirect(resp) -> bool:
    return resp.status_code in (301, 302, 303) and "/login" in resp.headers.get("Location", "")

"""The privacy notice: public, in Chinese by default, linked from the footer of every page the server renders."""

from tests.access_walk import ROLE_USERS, endpoint_rules, request_as, sample_url
from tests.test_access_matrix import RECORD_ARG_KINDS, _own_records

LINK = 'href="/privacy"'
NOT_HTML = ("/api/", "export", ".xlsx", ".csv", "/photo/", "/static/", "/app", "/healthz", "/readyz", "/favicon")
QUERIES = {"/review/indicators/cases": "?period=2026-03&level=county&group=150424&indicator=timely_report"
                                      "&part=numerator"}


def test_privacy_page_is_public_and_in_chinese(client):
    resp = client.get("/privacy")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and 'lang="zh-CN"' in html
    assert "个人信息保护说明" in html and "个人信息保护法" in html and "谁能看到" in html


def test_every_page_the_server_renders_links_the_privacy_notice_in_its_footer(app, client, auth, token_for):
    """Every GET route that is not the API, a file or the phone app (pwa/, its own shell), as each role that may
    open it, with a record of the kind a record route takes: each must answer an HTML page for some role, and
    every HTML page must carry the footer link."""
    own = _own_records(client, token_for)
    pages = {rule.rule: rule for rule, _m, declared in endpoint_rules(app, ("GET",))
             if declared["kind"] != "api" and not any(part in rule.rule for part in NOT_HTML)}
    rendered, missing = set(), []
    for role in ("anonymous", *ROLE_USERS):
        session = request_as(client, auth, token_for, role)
        for path, rule in pages.items():
            declared = app.view_functions[rule.endpoint].access_rule
            if declared["kind"] != "public" and role not in declared["roles"]:
                continue
            url = sample_url(rule, role, {a: own[RECORD_ARG_KINDS[a]] for a in rule.arguments if a in RECORD_ARG_KINDS})
            resp = session.send("GET", url + QUERIES.get(path, ""), declared["kind"])
            if resp.status_code == 200 and resp.mimetype == "text/html":
                rendered.add(path)
                if LINK not in resp.get_data(as_text=True):
                    missing.append(f"{url} as {role}")
    assert missing == []
    assert sorted(set(pages) - rendered) == [] and len(rendered) > 30

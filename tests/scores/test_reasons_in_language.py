"""Deduction reasons follow the user's language on the scorecard, the evidence page and the exports (Chinese by
default); the API keeps the Chinese and an assessor's note reads as typed."""

import csv
import io

from openpyxl import load_workbook

from tests.scores.test_titles_in_language import english
from tests.services.scoring import data as scores_data
from webapp.services.scoring.assessments import get_assessment

CARD = "/scores/card/evaluation-standard/2026/U01"
PLAN_CARD = "/scores/card/county-plan-2014/2026/U01"
ZH = ["-0.5 预检登记 2026-04-10 填写不完整：体温（℃）", "-20 建证率 80.00% &lt; 100%（4/5）",
      "-9.5 脊灰疫苗（2024–2025年出生） 0.00% &lt; 95%（0/9）",
      "-1 预检登记2026-04-10计划DTaP第1剂，接种底册无；无接种证编号"]
EN = ["-0.5 Pre-vaccination screening 2026-04-10 incomplete: Temperature (°C)",
      "-20 Certificate rate 80.00% &lt; 100% (4/5)", "-9.5 Polio vaccine (born 2024–2025) 0.00% &lt; 95% (0/9)",
      "-1 Pre-vaccination screening 2026-04-10 planned DTaP dose 1, not in the vaccination register; "
      "No vaccination certificate number"]


def build(db):
    ids = scores_data.build()
    db.session.commit()
    return ids


def sample_march(db):
    """The H1 assessment samples March, when v1's written consent has no signature."""
    get_assessment("county-plan-2014", "U01", "2026-H1", create=True, assessor="demo-county").sample_month = "2026-03"
    db.session.commit()


def test_scorecard_reasons_default_to_chinese(client, db, auth):
    build(db)
    auth.login("demo-county")
    html = client.get(CARD).get_data(as_text=True)
    assert all(reason in html for reason in ZH)
    assert not any(reason in html for reason in EN)


def test_scorecard_in_english_shows_english_reasons(client, db, auth):
    build(db)
    auth.login("demo-county")
    html = client.get(CARD + "?lang=en").get_data(as_text=True)
    assert all(reason in html for reason in EN)
    assert "2026-01: neither an AEFI report nor a zero report (not reported)" in html
    assert not any(reason in html for reason in ZH) and "既无AEFI报告" not in html


def test_consent_and_plan_rate_reasons_in_english(client, db, auth):
    build(db)
    sample_march(db)
    auth.login("demo-county")
    html = client.get(PLAN_CARD + "?lang=en").get_data(as_text=True)
    assert "-0.1 2026-03-10 HepB: written consent not signed" in html
    assert "-48 Timely HepB birth dose rate 50.00% &lt; 98% (1/2)" in html
    assert "-1 Antenatal HBsAg screening rate 0.00% (0/2)" in html
    assert "书面告知未签字" not in html and "首针乙肝及时接种率" not in html
    zh = client.get(PLAN_CARD).get_data(as_text=True)
    assert "-0.1 2026-03-10 HepB 书面告知未签字" in zh and "-48 首针乙肝及时接种率 50.00% &lt; 98%（1/2）" in zh


def test_evidence_page_shows_the_reason_in_the_users_language(client, db, auth):
    build(db)
    auth.login("demo-county")
    url = "/scores/evidence/evaluation-standard/2026/U01/assessment/precheck_register/0"
    assert "预检登记 2026-04-10 填写不完整：体温（℃）" in client.get(url).get_data(as_text=True)
    en = client.get(url + "?lang=en").get_data(as_text=True)
    assert "Pre-vaccination screening 2026-04-10 incomplete: Temperature (°C)" in en and "填写不完整" not in en


def test_scorecard_exports_in_english_have_english_reasons(client, db, auth):
    build(db)
    auth.login("demo-county")
    english(client, auth)
    sheet = load_workbook(io.BytesIO(client.get(CARD + "/export.xlsx").data)).active
    reasons = {r[3].split(" (")[0]: r[6] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert reasons["Pre-vaccination screening register kept and complete"] == (  # ' : a leading - is no formula
        "'-0.5 Pre-vaccination screening 2026-04-10 incomplete: Temperature (°C)")
    lines = list(csv.reader(io.StringIO(client.get(CARD + "/export.csv").data.decode("utf-8-sig"))))
    coverage = next(line[6] for line in lines if line[6].startswith("'-9.5 Polio vaccine"))
    assert coverage.startswith("'-9.5 Polio vaccine (born 2024–2025) 0.00% < 95% (0/9); -9.5 DTaP vaccine (born ")
    assert not any("应种" in line[6] or "（" in line[6] for line in lines[1:])


def test_scorecard_exports_default_to_chinese_reasons(client, db, auth):
    build(db)
    auth.login("demo-county")
    lines = list(csv.reader(io.StringIO(client.get(CARD + "/export.csv").data.decode("utf-8-sig"))))
    assert "'-0.5 预检登记 2026-04-10 填写不完整：体温（℃）" in [line[6] for line in lines]  # escaped: no formula
    polio = "'-9.5 脊灰疫苗（2024–2025年出生） 0.00% < 95%（0/9）；-9.5 百白破疫苗"
    assert any(line[6].startswith(polio) for line in lines)


def test_an_assessors_note_reads_as_typed_in_english(client, db, auth):
    auth.login("demo-county")
    url = "/scores/assess/evaluation-standard/2026/U01"
    client.post(url, data={"csrf_token": auth.csrf(url), "score.assessment.notice_board": "1.5",
                           "note.assessment.notice_board": "未公示二类疫苗价格",
                           "adjust.assessment.precheck_register": "-1",
                           "note.assessment.precheck_register": "现场发现预检本漏登1人"})
    html = client.get(CARD + "?lang=en").get_data(as_text=True)
    assert "-1.5 未公示二类疫苗价格" in html and "-1 现场发现预检本漏登1人" in html
    assert "-3 No pre-vaccination screening records" in html


def test_scores_api_keeps_the_chinese_reasons_in_english(client, db, token_for):
    build(db)
    headers = {**token_for("demo-county"), "Accept-Language": "en"}
    body = client.get("/api/v1/scores?template=evaluation-standard&period=2026&unit=U01&lang=en",
                      headers=headers).get_json()
    precheck = next(i for i in body["items"] if i["code"] == "precheck_register")
    assert [d["reason"] for d in precheck["deductions"]] == ["预检登记 2026-04-10 填写不完整：体温（℃）"]
    assert set(precheck["deductions"][0]) == {"points", "reason", "note", "evidence"}


def test_the_monthly_summary_draft_is_written_in_the_users_language(client, db, auth):
    # the draft used to stay Chinese under ?lang=en; issue 22: it is drawn in the user's language
    build(db)
    auth.login("demo-county")
    html = client.get("/scores/summary/U01/2026-04?lang=en").get_data(as_text=True)
    assert "1 Overview" in html and "3 Next month" in html and "基本情况" not in html


def test_the_score_history_says_why_in_the_users_language(client, db, auth):
    build(db)
    auth.login("demo-county")
    assert "首次计算" in client.get(CARD).get_data(as_text=True)
    html = client.get(CARD + "?lang=en").get_data(as_text=True)
    assert "First computation" in html and "首次计算" not in html

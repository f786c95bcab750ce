"""The plans' titles follow the user's language on every scores screen and export; the API keeps the Chinese."""

import csv
import io

from openpyxl import load_workbook

from tests.services.scoring import data as scores_data

CARD = "/scores/card/evaluation-standard/2026/U01"
ZH_ITEM = "建立预检登记制度，预检登记记录完善"
EN_ITEM = "Pre-vaccination screening register kept and complete"


def english(client, auth):
    """Switch the signed-in user to English with the language toggle (remembered in the session)."""
    client.post("/lang/en", data={"csrf_token": auth.csrf("/")})


def test_scorecard_defaults_to_chinese_titles(client, auth):
    auth.login("demo-county")
    html = client.get(CARD).get_data(as_text=True)
    assert "<h1>免疫规划工作考评标准</h1>" in html and "2 预防接种门诊管理" in html and ZH_ITEM in html
    assert EN_ITEM not in html and "Evaluation Standard" not in html


def test_scorecard_in_english_shows_english_item_titles(client, auth):
    auth.login("demo-county")
    html = client.get(CARD + "?lang=en").get_data(as_text=True)
    assert "<h1>Immunization Programme Evaluation Standard</h1>" in html
    assert "2 Vaccination clinic management" in html and EN_ITEM in html
    assert "<td>Certificate rate 100%; −1 per 1% below</td>" in html
    assert ZH_ITEM not in html and "预防接种门诊管理" not in html


def test_scorecard_of_a_plan_in_parts_shows_english_part_titles(client, auth):
    auth.login("demo-county")
    html = client.get("/scores/card/county-plan-2014/2026/U01?lang=en").get_data(as_text=True)
    assert "Linxi County 2014 Immunization Programme Assessment Plan" in html
    assert "H1 supervision" in html and "H2 assessment" in html and "Routine and ad hoc work" in html
    assert "三 Surveyed routine coverage" in html and "上半年督导" not in html and "综合管理" not in html


def test_ranking_column_headers_follow_the_language(client, auth):
    auth.login("demo-county")
    zh = client.get("/scores/?template=evaluation-standard&period=2026").get_data(as_text=True)
    assert ">1 资料管理</th>" in zh and ">11 根据国家免疫规划程序" in zh
    en = client.get("/scores/?template=evaluation-standard&period=2026&lang=en").get_data(as_text=True)
    assert ">1 Records management</th>" in en and ">7 Biologics and cold chain management</th>" in en
    assert "资料管理" not in en
    assert '<option value="county-plan-2014" >Linxi County 2014 Immunization Programme Assessment Plan</option>' in en
    parts = client.get("/scores/?template=county-plan-2014&period=2026&lang=en").get_data(as_text=True)
    assert ">H1 supervision 三</th>" in parts and ">Routine and ad hoc work 八</th>" in parts


def test_assessor_form_in_english_shows_english_titles(client, auth):
    auth.login("demo-county")
    url = "/scores/assess/evaluation-standard/2026/U01"
    zh = client.get(url).get_data(as_text=True)
    assert "<h2>年度考评" in zh and "7 生物制品和冷链管理" in zh and "醒目位置应设立扩大免疫规划疫苗种类" in zh
    en = client.get(url + "?lang=en").get_data(as_text=True)
    assert "Immunization Programme Evaluation Standard" in en and "<h2>Annual evaluation" in en
    assert "7 Biologics and cold chain management" in en
    assert "Notice in a prominent place of the expanded programme&#39;s vaccines" in en
    assert "醒目位置应设立" not in en and "年度考评" not in en


def test_evidence_page_names_the_item_in_the_users_language(client, db, auth):
    scores_data.build()
    db.session.commit()
    auth.login("demo-county")
    url = "/scores/evidence/evaluation-standard/2026/U01/assessment/precheck_register/0"
    assert ZH_ITEM in client.get(url).get_data(as_text=True)
    en = client.get(url + "?lang=en").get_data(as_text=True)
    assert EN_ITEM in en and ZH_ITEM not in en


def test_scorecard_excel_in_english_has_english_headers_and_titles(client, db, auth):
    scores_data.build()
    db.session.commit()
    auth.login("demo-county")
    english(client, auth)
    sheet = load_workbook(io.BytesIO(client.get(CARD + "/export.xlsx").data)).active
    assert sheet.title == "Scorecard"
    assert [c.value for c in sheet[1]][:4] == ["Stage", "Item", "No.", "Criteria"]
    rows = {r[3]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    precheck = next(r for title, r in rows.items() if title.startswith(EN_ITEM))
    assert precheck[:2] == ("Annual evaluation", "2 Vaccination clinic management")
    assert not any("预防接种" in str(v) for r in rows.values() for v in r[:4])


def test_scorecard_exports_default_to_chinese_titles(client, auth):
    auth.login("demo-county")
    sheet = load_workbook(io.BytesIO(client.get(CARD + "/export.xlsx").data)).active
    assert [c.value for c in sheet[1]][:4] == ["考核阶段", "项目", "序号", "考核内容"]
    assert any(r[3].startswith(ZH_ITEM) and r[1] == "2 预防接种门诊管理"
               for r in sheet.iter_rows(min_row=2, values_only=True))
    lines = list(csv.reader(io.StringIO(client.get(CARD + "/export.csv").data.decode("utf-8-sig"))))
    assert lines[0][0] == "考核阶段" and lines[1][:2] == ["年度考评", "1 资料管理"]


def test_exports_in_english_title_the_ranking_columns_and_csv_lines_in_english(client, auth):
    auth.login("demo-county")
    english(client, auth)
    sheet = load_workbook(io.BytesIO(client.get("/scores/export.xlsx?template=county-plan-2014&period=2026").data)
                          ).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Rank", "Unit code", "Unit", "Total score"]
    assert "H1 supervision 一" in header and "H2 assessment 五" in header and "Routine and ad hoc work 八" in header
    lines = list(csv.reader(io.StringIO(
        client.get("/scores/card/county-plan-2014/2026/U01/export.csv").data.decode("utf-8-sig"))))
    assert lines[1][:4] == ["H1 supervision", "一 Accreditation and staff proficiency examination", "",
                            "Standardized clinic accredited, vaccination posts approved"]


def test_scores_api_keeps_the_chinese_titles_in_english(client, token_for):
    headers = {**token_for("demo-county"), "Accept-Language": "en"}
    body = client.get("/api/v1/scores?template=evaluation-standard&period=2026&unit=U01&lang=en",
                      headers=headers).get_json()
    assert body["parts"][0]["title"] == "年度考评"
    assert body["parts"][0]["sections"][0]["title"] == "资料管理"
    assert next(i for i in body["items"] if i["code"] == "precheck_register")["title"].startswith(ZH_ITEM)
    assert "title_en" not in body["items"][0]


def test_the_title_filter_shows_chinese_for_a_node_without_english(app):
    from flask import render_template_string
    from flask_babel import refresh

    from webapp.domain.rubric.model import Item, Rule

    county_item = Item("own", "本县自定项目", 1, Rule("manual", {}))
    with app.test_request_context("/?lang=en"):
        assert render_template_string("{{ item|rubric_title }}", item=county_item) == "本县自定项目"
        translated = Item("own", "本县自定项目", 1, Rule("manual", {}), title_en="Our own item")
        assert render_template_string("{{ item|rubric_title }}", item=translated) == "Our own item"
    with app.test_request_context("/"):
        refresh()
        assert render_template_string("{{ item|rubric_title }}", item=translated) == "本县自定项目"

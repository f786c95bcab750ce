"""Scores pages: ranking and exports, assessor entry (bounds, photo, sample), monthly summary (draft, file)."""

import io
import re

from openpyxl import load_workbook

from tests.factories import add_record, child_data
from tests.services.scoring import data as scores_data
from tests.services.scoring.test_honesty import hepb_too_soon
from webapp.models import Assessment, MonthlySummary, ScoreEntry
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_scorecards

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\xdac\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def test_ranking_lists_the_county_units_best_first(client, db, auth):
    scores_data.build()
    db.session.commit()
    auth.login("demo-county")
    html = client.get("/scores/?template=evaluation-standard&period=2026").get_data(as_text=True)
    assert "考核排名" in html and "ranking-chart" in html and "chart.umd.min.js" in html
    # U01 has records; the three other demo units have none in 2026: 无数据, ranked last
    totals = re.findall(r"<td[^>]*><strong>([\d.-]+|无数据)</strong>", html)
    assert totals[0] != "无数据" and totals[1:] == ["无数据"] * 3
    assert "含待评" in html and "已评" in html and "待评" in html


def test_the_scorecard_says_scored_and_pending_and_labels_the_systems_rates(client, db, auth):
    scores_data.build()
    db.session.commit()
    auth.login("demo-county")
    html = client.get("/scores/card/county-plan-2014/2026/U01").get_data(as_text=True)
    assert re.search(r"已评 [\d.-]+ / 待评 [\d.]+ 分", html)
    assert "本系统设定：补录超过5日每条扣0.1分" in html
    empty = client.get("/scores/card/county-plan-2014/2026/U02").get_data(as_text=True)
    assert "无数据" in empty and "已评" not in empty


def test_ranking_exports_are_real_excel_and_csv(client, db, auth):
    auth.login("demo-county")
    resp = client.get("/scores/export.xlsx?template=county-plan-2014&period=2026")
    sheet = load_workbook(io.BytesIO(resp.data)).active
    assert [c.value for c in sheet[1]][:4] == ["名次", "单位编码", "单位", "总分"]
    assert sheet.max_row == 5
    csv = client.get("/scores/export.csv?template=county-plan-2014&period=2026").data
    assert csv.startswith("\ufeff名次".encode())


def test_the_assessor_form_names_the_unit_and_jumps_to_every_section(client, db, auth):
    auth.login("demo-county")
    html = client.get("/scores/assess/county-plan-2014/2026-H2/U01").get_data(as_text=True)
    assert "林西镇防保站</strong>（U01）" in html and "返回评分表" in html
    jumps = re.findall(r'<a href="#(sec-[^"]+)">', html)
    anchors = re.findall(r'<h3 id="(sec-[^"]+)">', html)
    assert len(jumps) == 6 and jumps == anchors  # sections 一–五 of H2 and 八 of the routine work
    assert 'class="save-bar"' in html


def test_assessor_entry_is_bounded_and_needs_a_reason(client, db, auth):
    auth.login("demo-county")
    url = "/scores/assess/evaluation-standard/2026/U01"
    token = auth.csrf(url)
    resp = client.post(url, data={"csrf_token": token, "score.assessment.notice_board": "5"})
    assert resp.status_code == 200 and "分值应在 0 到 3 之间" in resp.get_data(as_text=True)
    resp = client.post(url, data={"csrf_token": token, "score.assessment.notice_board": "2"})
    assert "扣分须写明理由" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.query(ScoreEntry).count() == 0


def test_assessor_entry_with_photo_and_sample_month_changes_the_scorecard(client, db, auth):
    auth.login("demo-county")
    url = "/scores/assess/evaluation-standard/2026/U01"
    resp = client.post(url, data={"csrf_token": auth.csrf(url), "score.assessment.notice_board": "1.5",
                                  "note.assessment.notice_board": "未公示二类疫苗价格",
                                  "photo.assessment.notice_board": (io.BytesIO(PNG), "board.png"),
                                  "adjust.assessment.precheck_register": "-1", "sample_month.assessment": "2026-10",
                                  "note.assessment.precheck_register": "现场发现预检本漏登1人"},
                       content_type="multipart/form-data")
    assert resp.status_code == 302
    db.session.expire_all()
    assessment = db.session.query(Assessment).one()
    assert assessment.sample_month == "2026-10" and assessment.assessor == "demo-county"
    entry = db.session.query(ScoreEntry).filter_by(item_code="notice_board").one()
    assert entry.score == 1.5 and entry.photo.endswith(".png")
    assert client.get(f"/scores/photo/{entry.id}").data == PNG
    body = client.get("/scores/card/evaluation-standard/2026/U01").get_data(as_text=True)
    assert "未公示二类疫苗价格" in body and "现场发现预检本漏登1人" in body


def test_a_file_that_is_not_an_image_is_refused_and_not_kept(client, db, auth):
    auth.login("demo-county")
    url = "/scores/assess/evaluation-standard/2026/U01"
    resp = client.post(url, data={"csrf_token": auth.csrf(url), "note.assessment.notice_board": "照片",
                                  "photo.assessment.notice_board": (io.BytesIO(b"<script>"), "x.png")},
                       content_type="multipart/form-data")
    assert "照片只支持 JPEG 或 PNG 格式" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.query(ScoreEntry).count() == 0


def test_a_nurse_reads_her_scorecard_but_cannot_enter_scores(client, auth):
    auth.login("demo-nurse")
    assert client.get("/scores/card/evaluation-standard/2026/U01").status_code == 200
    assert client.get("/scores/card/evaluation-standard/2026/U03").status_code == 404
    assert client.get("/scores/assess/evaluation-standard/2026/U01").status_code == 403


def test_monthly_summary_is_drafted_from_data_edited_and_filed(client, db, auth):
    scores_data.build()
    db.session.commit()
    auth.login("demo-county")
    url = "/scores/summary/U01/2026-03"
    html = client.get(url).get_data(as_text=True)
    assert "一、基本情况" in html and "三、下月工作" in html and "本月扣分" not in html
    assert "免疫质控月总结 · 林西镇防保站（U01） · 2026-03" in html
    token = auth.csrf(url)
    client.post(url, data={"csrf_token": token, "text": "修改后的总结", "action": "save"})
    db.session.expire_all()
    assert db.session.query(MonthlySummary).one().status == "draft"
    client.post(url, data={"csrf_token": token, "text": "最终总结", "action": "file"})
    resp = client.post(url, data={"csrf_token": token, "text": "归档后再改", "action": "save"})
    db.session.expire_all()
    summary = db.session.query(MonthlySummary).one()
    assert (summary.status, summary.text) == ("filed", "最终总结")
    assert "已归档，不能再修改" in client.get(resp.headers["Location"]).get_data(as_text=True)


def test_the_scorecard_shows_when_a_late_record_changed_the_score(client, db, auth):
    from tests.factories import add_record, precheck_data

    ids = scores_data.build()
    db.session.commit()
    auth.login("demo-county")
    url = "/scores/card/evaluation-standard/2026/U01"
    assert "首次计算" in client.get(url).get_data(as_text=True)
    late = precheck_data(ids["c1"], visit_date="2026-06-01", planned=[{"vaccine": "DTaP", "dose": 1}])
    late.pop("temperature_c")
    add_record("precheck", late)
    db.session.commit()
    html = client.get(url).get_data(as_text=True)
    assert "新到记录 1 条" in html and "assessment.precheck_register 2.5→2.0" in html
    assert f"/scores/record/{ids['p2']}" in html


def test_every_record_of_a_deduction_is_listed_and_linked(client, db, auth):
    ids = scores_data.build()
    db.session.commit()
    auth.login("demo-county")
    html = client.get("/scores/evidence/evaluation-standard/2026/U01/assessment/precheck_register/0").get_data(
        as_text=True)
    assert "预检登记" in html and f"/scores/record/{ids['p2']}" in html
    assert client.get("/scores/evidence/evaluation-standard/2026/U01/assessment/precheck_register/5").status_code \
        == 404
    record = client.get(f"/scores/record/{ids['p2']}").get_data(as_text=True)
    assert "temperature_c" not in record and "answers.neuro" in record
    assert "是否有癫痫、脑病、惊厥等神经系统疾病？" in record and "预检日期" in record  # as the phone app names them
    english = client.get(f"/scores/record/{ids['p2']}?lang=en").get_data(as_text=True)
    assert 'Epilepsy, encephalopathy, convulsions or other neurological disease?' in english and 'Visit date' in english



def precheck_row_with_incomplete(client, db, auth, more: int) -> str:
    """U01's pre-check item on its scorecard after `more` incomplete pre-checks beside the one scores_data has."""
    from tests.factories import add_record, precheck_data

    ids = scores_data.build()
    for day in range(1, more + 1):
        late = precheck_data(ids["c1"], visit_date=f"2026-05-{day:02d}", planned=[{"vaccine": "DTaP", "dose": 1}])
        late.pop("temperature_c")
        add_record("precheck", late)
    db.session.commit()
    auth.login("demo-county")
    html = client.get("/scores/card/evaluation-standard/2026/U01").get_data(as_text=True)
    row = html[html.index("建立预检登记制度"):]
    return row[:row.index("</tr>")]


def test_an_item_with_over_15_deductions_shows_10_folds_the_rest_and_reconciles_the_total(client, db, auth):
    row = precheck_row_with_incomplete(client, db, auth, 16)  # 17 × −0.5 listed against a 3-point item
    shown, folded = row.split('<details class="more-deductions">')
    assert shown.count('class="deduction"') == 10 and folded.count('class="deduction"') == 7
    assert "其余 7 条扣分" in folded and "所列扣分合计 8.5 分，本项实扣 3 分" in folded
    assert '<a href="/scores/record/' in folded  # a folded deduction still links to its records
    english = client.get("/scores/card/evaluation-standard/2026/U01?lang=en").get_data(as_text=True)
    assert "7 more deductions" in english and "add up to 8.5 points; the item loses 3" in english


def test_an_item_with_15_deductions_lists_them_all(client, db, auth):
    row = precheck_row_with_incomplete(client, db, auth, 14)
    assert row.count('class="deduction"') == 15 and "more-deductions" not in row
    assert "所列扣分合计 7.5 分，本项实扣 3 分" in row


def test_a_line_the_data_cannot_judge_takes_the_assessors_score(client, db, auth):
    # U01 has no migrant child in the demo org: 特殊人群管理 is pending until the assessor scores it on site
    add_record("child", child_data(birth_date="2025-01-01"))
    db.session.commit()
    auth.login("demo-county")
    url = "/scores/assess/evaluation-standard/2026/U01"
    assert 'name="score.assessment.special_populations"' in client.get(url).get_data(as_text=True)
    client.post(url, data={"csrf_token": auth.csrf(url), "score.assessment.special_populations": "0",
                           "note.assessment.special_populations": "无流动儿童接种登记记录"})
    card = compute_scorecards(get_template("evaluation-standard"), ["U01"], "2026")["U01"]
    item = next(i for p in card.parts for s in p.sections for i in s.items if i.item.code == "special_populations")
    assert (item.score, item.pending) == (0, False) and item.deductions[0].reason == "无流动儿童接种登记记录"


def test_a_rule_the_data_cannot_judge_is_named_and_adjusted_on_site(client, db, auth):
    auth.login("demo-county")
    html = client.get("/scores/card/county-plan-2014/2026/U01").get_data(as_text=True)
    assert "现场核定：数据不能判断笔误" in html and "现场核定：数据不能判断未种的原因" in html
    url = "/scores/assess/county-plan-2014/2026-H2/U01"
    assert "现场核查调整（另扣填负数，核实后加回填正数，可留空）" in client.get(url).get_data(as_text=True)
    token = auth.csrf(url)
    refused = client.post(url, data={"csrf_token": token, "adjust.h2.consent_notice": "1",
                                     "note.h2.consent_notice": "x"})
    assert "现场核查只能扣分（填负数）" in refused.get_data(as_text=True)
    unexplained = client.post(url, data={"csrf_token": token, "adjust.h2.schedule_correct": "1"})
    assert "加回扣分须写明现场核实的情况" in unexplained.get_data(as_text=True)
    saved = client.post(url, data={"csrf_token": token, "adjust.h2.schedule_correct": "1",
                                   "note.h2.schedule_correct": "一处系笔误"})
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.query(ScoreEntry).filter_by(item_code="schedule_correct").one().adjustment == 1


def test_the_scorecard_lists_the_unverified_checks_it_did_not_score(client, db, app, auth):
    hepb_too_soon()
    db.session.commit()
    auth.login("demo-county")
    html = client.get("/scores/card/county-plan-2014/2026/U01").get_data(as_text=True)
    assert "另有 1 处仅依未核实规则（domain.md [GK]）判定，未计分" in html
    assert "未计分的核查" in html and "乙肝第2、3剂最小间隔（未核实）" in html and "≥6周岁补种：第2剂距第1剂" in html
    app.config["SCORE_GK_RULES"] = True
    html = client.get("/scores/card/county-plan-2014/2026/U01").get_data(as_text=True)
    assert "另有 1 处" not in html and "不足60天" in html

"""The 月总结 draft is drawn from the month's report and facts (篇六's shape), in the user's language; the
hand-built unit of test_monthly_api (October 2026) gives its figures. Replaces the old Chinese-only draft test
(tests/scores/test_reasons_in_language.py pinned a Chinese draft under ?lang=en; the draft now follows the user)."""

import pytest

from tests.reports.test_monthly_api import build_unit
from tests.sync_client import SyncClient
from webapp.domain.metrics.reasons_en import GROUP_LABELS_EN
from webapp.services.reports.summary import series_name

URL = "/scores/summary/U01/2026-10"


@pytest.fixture
def unit(client, token_for, db):
    ids = build_unit(SyncClient(client, token_for))
    db.session.commit()
    return ids


def test_the_draft_reads_the_months_report_per_vaccine_and_its_problems(client, auth, unit):
    auth.login("demo-county")
    html = client.get(URL).get_data(as_text=True)
    for text in ("一、基本情况", "乙肝疫苗应种4针次，实种4针次", "卡介苗应种2针次，实种1针次",
                 "脊灰疫苗应种1针次，实种0针次", "乙肝疫苗第一针及时接种率为100.0%（2/2）", "7岁以下儿童建卡4人",
                 "本月为流动儿童接种1人，1针次", "二、存在的问题", "应种未种：卡介苗 1针次、脊灰疫苗 1针次",
                 "三、下月工作", "按应种通知逐一通知应种未种儿童", "下月应种通知：", "5剂次接种信息超过5日才录入",
                 "接种信息当日录入"):
        assert text in html, text
    for gone in ("本月扣分", "HepB", "BCG 1", "接种率（全部剂次）"):
        assert gone not in html, gone


def test_the_draft_is_in_english_for_a_user_reading_english(client, auth, unit):
    auth.login("demo-county")
    html = client.get(URL + "?lang=en").get_data(as_text=True)
    assert "HepB due 4, given 4" in html and "Next month" in html
    assert "应种" not in html


def test_the_english_draft_names_each_vaccine_in_one_style_as_the_english_pages_do(client, auth, unit):
    auth.login("demo-county")
    html = client.get(URL + "?lang=en").get_data(as_text=True)
    for text in ("HepB due 4, given 4", "BCG due 2, given 1", "Polio due 1, given 0",
                 "DTaP due 1, given 0", "Due but not given: BCG 1 doses, Polio 1 doses, DTaP 1 doses"):
        assert text in html, text
    for mixed in ("hepatitis B", "polio due", "vaccine due", "BCG vaccine"):  # the schedule's and catalogue's names
        assert mixed not in html, mixed


@pytest.mark.parametrize("group", sorted(GROUP_LABELS_EN))
def test_each_dose_groups_english_vaccine_name_is_how_its_dose_label_begins(group):
    name = series_name(group, "en")
    assert GROUP_LABELS_EN[group].startswith(name) and name == name.strip() and name


def test_a_nurse_drafts_her_own_units_month(client, auth, unit):
    auth.login("demo-nurse")
    assert "乙肝疫苗应种4针次" in client.get(URL).get_data(as_text=True)

"""The case page and the printable case card show every field of the national AEFI case report card
(records.md `aefi_report`, each field of AefiReportSchema and of each suspected vaccine), filled and pushed."""

import html as html_lib
import re

import pytest

from tests.aefi_records import report_data
from tests.factories import child_data, push_item
from tests.sync_client import SyncClient
from webapp.review.views_cases import county_dt
from webapp.schemas.records.aefi import AefiReportSchema, SuspectedVaccineSchema

ONSET = "2026-03-10T08:00:00+08:00"


@pytest.fixture
def full_case(client, token_for):
    """A report with every field filled (distinct values), pushed with its child by the U01 nurse."""
    sync = SyncClient(client, token_for)
    child = push_item("child", child_data())
    data = report_data("U01", onset=ONSET, name="全字段儿童", child_id=child["id"], guardian_name="全字段监护人",
                       phone="13912345678", address="林西镇幸福村三组", clinic="林西县人民医院", fever_grade=3,
                       swelling_grade=2, induration_grade=1, hospitalized=True, outcome="improved", serious=True,
                       preliminary_class="pending", detection="active", reporter="全字段报告人",
                       reporter_phone="13898765432", diagnosis="过敏性皮疹", course="接种后出现皮疹，已好转。",
                       case_code="AEFI-2026-0001", occupation="散居儿童", cluster=True, high_impact=True)
    data["vaccines"][0].update(vaccine="DTaP", manufacturer="武汉生物", lot_no="L-FULL-1", dose=2,
                               strategy="catch_up", route="IM", site="右上臂", category="nip", spec="0.5ml/支",
                               dose_amount="0.5ml")
    case = push_item("aefi_report", data)
    assert sync.statuses([child, case]) == ["created", "created"]
    return {**case, "child": child["data"]}  # the registry child the report links: its person is shown


def _shown(case) -> dict:
    """field → how the page must show it (the `<th>` label's cell, or the vaccine row's cells)."""
    d, v, c = case["data"], case["data"]["vaccines"][0], case["child"]
    return {  # name, sex and birth date are the linked registry child's (the report's own only without a link)
        "unit_code": ("报告单位", "林西镇防保站"), "name": ("姓名", c["name"]),
        "child_id": ("接种证编号", c["certificate_no"]), "case_code": ("编码", d["case_code"]),
        "occupation": ("职业", d["occupation"]), "cluster": ("群体性 / 重大社会影响", "是 / 是"),
        "high_impact": ("群体性 / 重大社会影响", "是 / 是"),
        "sex": ("性别", {"M": "男", "F": "女"}[c["sex"]]), "birth_date": ("出生日期", c["birth_date"]),
        "guardian_name": ("监护人", d["guardian_name"]), "phone": ("联系电话", d["phone"]),
        "address": ("现住址", d["address"]), "onset_at": ("反应发生时间", county_dt(d["onset_at"])),
        "discovered_at": ("发现/就诊时间", county_dt(d["discovered_at"])),
        "reported_at": ("报告时间", county_dt(d["reported_at"])), "clinic": ("就诊单位", d["clinic"]),
        "course": ("主要临床经过", d["course"]), "fever_grade": ("发热（腋温）分级", "3 ≥38.6 ℃"),
        "swelling_grade": ("局部红肿 / 硬结分级", "2 2.6–5.0 cm / 1 ≤2.5 cm"),
        "induration_grade": ("局部红肿 / 硬结分级", "2 2.6–5.0 cm / 1 ≤2.5 cm"),
        "diagnosis": ("初步临床诊断", d["diagnosis"]), "hospitalized": ("是否住院", "是"),
        "outcome": ("病人转归", "好转"), "serious": ("是否严重", "是"), "preliminary_class": ("初步分类", "待定"),
        "detection": ("反应获得方式", "主动监测"), "reporter": ("报告人", d["reporter"]),
        "reporter_phone": ("报告人联系电话", d["reporter_phone"]),
        "vaccines": ("可疑疫苗", ["百白破疫苗", "免疫规划", v["spec"], v["manufacturer"], v["lot_no"],
                                  v["vaccinated_on"], "2", v["dose_amount"], "补种", "肌内注射", v["site"]]),
    }


def _cells(page: str) -> dict:
    """`<th>` label → the text of the cell beside it, from the fields table."""
    pairs = re.findall(r"<th>(.*?)</th><td[^>]*>(.*?)</td>", page, re.S)
    return {html_lib.unescape(th): " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", td)).split())
            for th, td in pairs}


def _vaccine_rows(page: str) -> list[list[str]]:
    table = page.split("可疑疫苗</h2>", 1)[1].split("</table>", 1)[0]
    return [[html_lib.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr><td>.*?</tr>", table, re.S)]


def _check_every_field(page: str, case) -> None:
    shown = _shown(case)
    assert set(shown) == set(AefiReportSchema().fields)  # a field added to the card's schema joins the table
    assert len(shown["vaccines"][1]) == len(SuspectedVaccineSchema().fields)
    cells = _cells(page)
    for field, (label, value) in shown.items():
        if field == "vaccines":
            assert _vaccine_rows(page) == [value], field
        elif field == "reported_at":
            assert cells[label].startswith(value), (field, cells.get(label))
        else:
            assert cells.get(label) == value, (field, label, cells.get(label))


def test_case_page_shows_every_field_of_the_case_card_and_the_revision_history(app, auth, client, full_case):
    auth.login("demo-county")
    page = client.get(f"/review/cases/{full_case['id']}").get_data(as_text=True)
    _check_every_field(page, full_case)
    assert "修订记录" in page and "demo-nurse" in page


def test_printable_case_card_has_every_national_field(app, auth, client, full_case):
    auth.login("demo-county")
    page = client.get(f"/review/cases/{full_case['id']}/card").get_data(as_text=True)
    assert "疑似预防接种异常反应个案报告卡" in page and "js/print-card.js" in page and "<script>" not in page
    _check_every_field(page, full_case)

"""The national card's fields a reporter may now send (编码, 职业, 群体性, 重大社会影响; per vaccine 规格, 接种剂量,
疫苗属性) are accepted by sync/push and shown on the card and in the line list; the queue shows a suspected cluster
at one unit; the case page shows the county's receipt and a sign reported outside the scheme's window."""

from io import BytesIO

from openpyxl import load_workbook

from tests.factories import aefi_report_data, child_data, new_id, push_item
from tests.sync_client import SyncClient


def _report(**extra):
    data = aefi_report_data(**{"case_code": "15042420260001", "occupation": "散居儿童", "cluster": True,
                               "high_impact": False, **extra})
    data["vaccines"][0].update(spec="0.5ml/支", dose_amount="0.5ml", category="nip")
    return data


def test_the_new_fields_are_accepted_and_shown_on_card_and_line_list(client, token_for, auth, db):
    sync = SyncClient(client, token_for)
    report_id = new_id()
    assert sync.statuses([push_item("aefi_report", _report(), id=report_id)]) == ["created"]
    auth.login("demo-county")
    html = client.get(f"/review/cases/{report_id}/card").get_data(as_text=True)
    for text in ("15042420260001", "散居儿童", "0.5ml/支", "免疫规划", "百白破疫苗"):
        assert text in html, text
    assert "县级接收时间" in client.get(f"/review/cases/{report_id}").get_data(as_text=True)
    sheet = load_workbook(BytesIO(client.get("/review/export.xlsx").data)).active
    row = dict(zip([c.value for c in sheet[1]], next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert (row["编码"], row["职业"], row["群体性"], row["可疑疫苗1 接种剂量"], row["可疑疫苗1 疫苗属性"],
            row["可疑疫苗1 疫苗名称"]) == ("15042420260001", "散居儿童", "是", "0.5ml", "免疫规划", "百白破疫苗")


def test_a_wrong_new_field_is_rejected_naming_it(client, token_for):
    sync = SyncClient(client, token_for)
    bad = _report(cluster="yes")
    bad["vaccines"][0]["category"] = "private"
    result = sync.results([push_item("aefi_report", bad)])[0]
    assert result["status"] == "rejected"
    assert {"cluster", "vaccines.0.category"} <= set(result["errors"])


def test_two_cases_after_one_vaccine_at_one_unit_show_as_a_suspected_cluster(client, token_for, auth):
    sync = SyncClient(client, token_for)
    children = [new_id(), new_id()]
    items = [push_item("child", child_data(name=name), id=cid) for cid, name in
             zip(children, ("甲儿", "乙儿"), strict=True)]
    items += [push_item("aefi_report", aefi_report_data(child_id=cid)) for cid in children]
    assert sync.statuses(items) == ["created"] * 4
    auth.login("demo-county")
    html = client.get("/review/").get_data(as_text=True)
    assert 'id="clusters"' in html
    section = html[html.index('id="clusters"'):html.index("</section>", html.index('id="clusters"'))]
    assert "甲儿" in section and "乙儿" in section and "百白破疫苗" in section


def test_one_case_is_no_cluster(client, token_for, auth):
    sync = SyncClient(client, token_for)
    assert sync.statuses([push_item("aefi_report", aefi_report_data())]) == ["created"]
    auth.login("demo-county")
    assert 'id="clusters"' not in client.get("/review/").get_data(as_text=True)

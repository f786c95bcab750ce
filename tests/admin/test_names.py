"""Names for people on the county's pages: admin lists with Chinese column names and values, the audit log in
readable Chinese at the county's time, the AEFI revision history naming fields as the phone's forms do."""

from zoneinfo import ZoneInfo

from tests.aefi_records import add_report
from webapp.models import AuditEvent
from webapp.services.audit import record_audit


def test_the_unit_list_shows_chinese_column_names_and_values(auth, client, demo_org):
    auth.login("demo-admin")
    html = client.get("/admin/org/unit").get_data(as_text=True)
    for text in ("代码", "名称", "类型", "所属乡镇代码", "启用", "乡镇防保站", "林西镇（150424001）", "是"):
        assert text in html, text
    for raw in ("<th>code</th>", "<th>township_code</th>", ">True<", "township_station"):
        assert raw not in html, raw


def test_the_audit_log_shows_chinese_text_at_the_countys_time(auth, client, db, demo_org):
    record_audit("demo-admin", "user.update", "user", 3, after={"display_name": "王护士"})
    db.session.commit()
    at = db.session.query(AuditEvent).filter_by(action="user.update").one().at
    auth.login("demo-admin")
    html = client.get("/admin/audit?action=user.update").get_data(as_text=True)
    assert "王护士" in html and "\\u738b" not in html
    assert at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M") in html  # the county's time
    assert at.strftime("%Y-%m-%d %H:%M") not in html  # not UTC


def test_the_aefi_revision_history_names_the_changed_fields(auth, client, db, demo_org):
    report = add_report("U01")
    db.session.commit()
    auth.login("demo-county")
    html = client.get(f"/review/cases/{report.id}").get_data(as_text=True)
    history = html[html.index("修订记录"):]
    assert "反应发生时间" in history or "主要临床经过" in history
    assert "onset_at" not in history and "vaccines" not in history.split("</table>")[0].split("<tbody>")[1]

"""范本2 item 6 follows the county's zero-report cadence: a quarterly county that filed every quarter keeps its 3
points; the same reports in a weekly county leave every week unreported."""

from datetime import date

from tests.factories import add_record, zero_report_data
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_scorecards

TODAY = date(2027, 1, 15)


def aefi_item(unit="U01"):
    card = compute_scorecards(get_template("evaluation-standard"), [unit], "2026", TODAY)[unit]
    return next(i for p in card.parts for s in p.sections for i in s.items if i.item.code == "aefi_monitoring")


def test_a_quarterly_county_that_filed_every_quarter_keeps_item_6(app, db, demo_org):
    for q in (1, 2, 3, 4):
        add_record("aefi_zero_report", zero_report_data(f"2026-Q{q}"))
    db.session.commit()
    app.config["ZERO_REPORT_CADENCE"] = "quarterly"
    assert aefi_item().score == 3 and aefi_item().deductions == []
    app.config["ZERO_REPORT_CADENCE"] = "weekly"
    weekly = aefi_item()
    assert weekly.score == 0 and "2026-W01 既无AEFI报告也无零报告" in weekly.deductions[0].reason
    assert len(weekly.deductions[0].reason.split("；")) == 5 and "…（53）" in weekly.deductions[0].reason

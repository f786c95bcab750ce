"""Cases as the county sees them: device clock skew removed, conclusion time from the review's revisions,
calendar contradiction through a real push."""

from datetime import UTC, datetime, timedelta

from tests.aefi_records import add_report, report_data
from tests.factories import add_record, push_body, push_item
from webapp.models import Record, RecordRevision, User
from webapp.services.aefi.calendar import zero_report_calendar
from webapp.services.aefi.cases import load_cases


def _county(db):
    return db.session.query(User).filter_by(username="demo-county").one()


def test_a_phone_clock_running_fast_is_corrected_before_the_48_hour_timer(db, demo_org):
    # discovered 10:00 +08:00; the phone stamped the report 50 h later, but its clock ran 3 h fast
    record = add_report("U01", onset="2026-03-10T08:00:00+08:00", reported_h=52)
    record.corrected_at = record.captured_at - timedelta(hours=3)
    db.session.flush()
    (case,) = load_cases(_county(db))
    assert case.reported_at == datetime(2026, 3, 12, 1, 0, tzinfo=UTC)   # 12:00 − 3 h = 09:00 +08:00 = 47 h
    assert case.timers["report"].state == "on_time"


def test_the_conclusion_time_is_the_first_revision_with_a_final_class(db, demo_org):
    report = add_report("U01", onset="2026-03-10T08:00:00+08:00", preliminary_class="general_reaction")
    first = datetime(2026, 3, 20, 2, 0, tzinfo=UTC)
    review = add_record("aefi_review", {"aefi_id": report.id, "status": "received"}, captured_by="demo-county",
                        captured_at=first - timedelta(days=2), unit_code="U01")
    db.session.add(RecordRevision(record_id=review.id, rev=2, data={"aefi_id": report.id, "status": "received",
                                  "final_class": "general_reaction", "who_causality": "A1"}, content_hash="x",
                                  captured_at=first, captured_by="demo-county", pushed_by="demo-county"))
    review.data = {"aefi_id": report.id, "status": "closed", "final_class": "general_reaction",
                   "who_causality": "A1"}
    review.rev = 2
    db.session.flush()
    (case,) = load_cases(_county(db))
    assert case.concluded_at == first and case.classified
    assert case.timers["conclusion"].state == "on_time" and case.timers["conclusion"].done
    assert case.timers["investigation_start"].state == "not_applicable"


def test_a_case_pushed_after_the_zero_report_makes_the_period_contradicted(client, token_for, db):
    nurse = token_for("demo-nurse", "phone-1")
    zero = push_item("aefi_zero_report", {"unit_code": "U01", "period": "2026-03", "attested_by": "王护士",
                                          "attested_at": "2026-04-01T09:00:00+08:00"})
    case = push_item("aefi_report", report_data("U01", onset="2026-03-30T20:00:00+08:00"))
    for item in (zero, case):
        resp = client.post("/api/v1/sync/push", json=push_body([item], device_id="phone-1"), headers=nurse)
        assert resp.get_json()["results"][0]["status"] == "created"
    db.session.expire_all()
    assert db.session.get(Record, zero["id"]).state == "contradicted"
    (u01,) = [r for r in zero_report_calendar(_county(db), "2026-03", "2026-03")["units"] if r["unit"] == "U01"]
    (cell,) = u01["cells"]
    assert (cell.state, cell.cases, cell.zero_report_id) == ("contradicted", 1, zero["id"])

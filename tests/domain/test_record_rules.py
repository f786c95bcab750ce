"""Pure record rules: a case's period in the county zone, and impossible dates."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from webapp.domain.record_rules import DateCheck, case_period, impossible_dates

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
MSG = {k: k for k in ("future", "before_birth", "onset_before_vaccination", "discovered_before_onset",
                      "reported_before_discovered", "reported_before_started")}


def check(offset_s=0.0):
    return DateCheck(NOW, offset_s, SHANGHAI, 600, MSG)


def test_a_case_belongs_to_the_period_of_its_onset_in_the_county_zone():
    late_evening_utc = datetime(2026, 10, 31, 16, 30, tzinfo=UTC)  # 00:30 on 1 November in Shanghai
    assert case_period(late_evening_utc, SHANGHAI, "monthly") == "2026-11"
    assert case_period(late_evening_utc, ZoneInfo("UTC"), "monthly") == "2026-10"
    assert case_period(late_evening_utc, SHANGHAI, "dekad") == "2026-11-D1"
    assert case_period(late_evening_utc, SHANGHAI, "weekly") == "2026-W44"


def test_tomorrow_in_the_county_is_the_future():
    assert impossible_dates("child", {"birth_date": date(2026, 11, 23)}, check()) == {"birth_date": ["future"]}
    assert impossible_dates("child", {"birth_date": date(2026, 11, 22)}, check()) == {}


def test_aefi_dates_must_run_vaccination_onset_discovery_report():
    onset = NOW - timedelta(days=1)
    data = {"vaccines": [{"vaccinated_on": date(2026, 11, 22)}], "onset_at": onset,
            "discovered_at": onset - timedelta(hours=1), "reported_at": onset - timedelta(hours=2)}
    assert impossible_dates("aefi_report", data, check()) == {
        "onset_at": ["onset_before_vaccination"], "discovered_at": ["discovered_before_onset"],
        "reported_at": ["reported_before_discovered"]}


def test_a_fast_device_clock_is_corrected_before_the_future_check():
    two_hours_ahead = NOW + timedelta(hours=2)
    data = {"vaccines": [], "onset_at": two_hours_ahead, "discovered_at": two_hours_ahead,
            "reported_at": two_hours_ahead}
    assert set(impossible_dates("aefi_report", data, check())) == {"onset_at", "discovered_at", "reported_at"}
    assert impossible_dates("aefi_report", data, check(offset_s=7200)) == {}


def test_certificate_doses_cannot_precede_birth():
    data = {"birth_date": date(2022, 5, 1), "doses": [{"date": date(2022, 4, 30)}, {"date": date(2022, 5, 1)}]}
    assert impossible_dates("student_check", data, check()) == {"doses.0.date": ["before_birth"]}


def test_a_zero_report_cannot_attest_a_period_that_has_not_started():
    assert impossible_dates("aefi_zero_report", {"period": "2026-12", "attested_at": NOW}, check()) == {
        "period": ["future"]}
    assert impossible_dates("aefi_zero_report", {"period": "2026-11", "attested_at": NOW}, check()) == {}

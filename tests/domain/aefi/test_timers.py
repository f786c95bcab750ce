"""AEFI time limits: each step on time / due soon / late at its boundaries, across device and server zones."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from webapp.domain.aefi.clocks import corrected, county_date, parse_dt
from webapp.domain.aefi.timers import (
    DUE_SOON,
    LATE,
    NOT_APPLICABLE,
    ON_TIME,
    WAITING,
    CaseTimes,
    Limits,
    case_timers,
    clock,
    is_urgent,
    needs_investigation,
    worst_state,
)

CST = timezone(timedelta(hours=8))
DISCOVERED = datetime(2026, 3, 10, 9, 0, tzinfo=CST)


@pytest.mark.parametrize("hours_after,state", [(47, ON_TIME), (48, ON_TIME), (48 + 1 / 3600, LATE)])
def test_report_within_48_hours_of_discovery_includes_the_48th_hour(hours_after, state):
    case = CaseTimes(DISCOVERED, DISCOVERED + timedelta(hours=hours_after))
    timer = case_timers(case, now=DISCOVERED + timedelta(days=5))["report"]
    assert timer.done and timer.state == state


def test_report_stamped_in_utc_by_the_server_is_compared_with_a_device_time_at_plus_eight():
    reported_utc = datetime(2026, 3, 12, 1, 0, tzinfo=UTC)  # = 2026-03-12 09:00 +08:00, exactly 48 h
    assert case_timers(CaseTimes(DISCOVERED, reported_utc), now=reported_utc)["report"].state == ON_TIME
    late_utc = reported_utc + timedelta(minutes=1)
    assert case_timers(CaseTimes(DISCOVERED, late_utc), now=late_utc)["report"].state == LATE


def test_device_clock_skew_is_removed_before_timing():
    # the phone's clock ran 3 h fast: it stamped 12:00 (+08:00) when it was 09:00
    stamped = parse_dt("2026-03-12T12:00:00+08:00")
    real = corrected(stamped, timedelta(hours=3))
    assert real == datetime(2026, 3, 12, 1, 0, tzinfo=UTC)
    assert case_timers(CaseTimes(DISCOVERED, real), now=real)["report"].state == ON_TIME
    assert case_timers(CaseTimes(DISCOVERED, stamped), now=stamped)["report"].state == LATE


def test_urgent_case_must_be_reported_within_two_hours():
    urgent = CaseTimes(DISCOVERED, DISCOVERED + timedelta(hours=2, seconds=1), urgent=True)
    timers = case_timers(urgent, now=DISCOVERED + timedelta(days=1))
    assert timers["urgent_report"].state == LATE and timers["report"].state == ON_TIME
    ordinary = CaseTimes(DISCOVERED, DISCOVERED + timedelta(hours=3))
    assert case_timers(ordinary, now=DISCOVERED)["urgent_report"].state == NOT_APPLICABLE


@pytest.mark.parametrize("elapsed_h,state", [(0, ON_TIME), (35.9, ON_TIME), (36, DUE_SOON), (48, DUE_SOON),
                                             (48.01, LATE)])
def test_open_investigation_start_is_due_soon_in_its_last_quarter_and_late_after(elapsed_h, state):
    reported = DISCOVERED + timedelta(hours=1)
    timers = case_timers(CaseTimes(DISCOVERED, reported), now=reported + timedelta(hours=elapsed_h))
    assert timers["investigation_start"].state == state and not timers["investigation_start"].done


def test_clearly_diagnosed_general_reaction_needs_no_investigation():
    assert not needs_investigation("general_reaction", urgent=False, hospitalized=False)
    assert needs_investigation("general_reaction", urgent=False, hospitalized=True)
    assert needs_investigation("general_reaction", urgent=True, hospitalized=False)
    assert needs_investigation("pending", urgent=False, hospitalized=False)
    case = CaseTimes(DISCOVERED, DISCOVERED + timedelta(hours=1), needs_investigation=False)
    timers = case_timers(case, now=DISCOVERED + timedelta(days=10))
    assert timers["investigation_start"].state == NOT_APPLICABLE
    assert timers["investigation_form"].state == NOT_APPLICABLE
    assert timers["conclusion"].start == case.reported_at


def test_investigation_form_within_three_days_of_the_start_and_waits_until_started():
    reported = DISCOVERED + timedelta(hours=1)
    assert case_timers(CaseTimes(DISCOVERED, reported), now=reported)["investigation_form"].state == WAITING
    started = reported + timedelta(hours=10)
    on_time = CaseTimes(DISCOVERED, reported, investigation_started_at=started,
                        investigation_reported_at=started + timedelta(days=3))
    late = CaseTimes(DISCOVERED, reported, investigation_started_at=started,
                     investigation_reported_at=started + timedelta(days=3, seconds=1))
    now = started + timedelta(days=9)
    assert case_timers(on_time, now)["investigation_form"].state == ON_TIME
    assert case_timers(late, now)["investigation_form"].state == LATE


def test_preliminary_report_for_serious_cases_within_seven_days_of_the_start():
    reported = DISCOVERED + timedelta(hours=1)
    started = reported + timedelta(hours=5)
    case = CaseTimes(DISCOVERED, reported, urgent=True, investigation_started_at=started)
    assert case_timers(case, started + timedelta(days=7))["preliminary_report"].state == DUE_SOON
    assert case_timers(case, started + timedelta(days=7, minutes=1))["preliminary_report"].state == LATE
    plain = CaseTimes(DISCOVERED, reported, investigation_started_at=started)
    assert case_timers(plain, started)["preliminary_report"].state == NOT_APPLICABLE


def test_conclusion_within_thirty_days_of_the_investigation_ending():
    reported = DISCOVERED + timedelta(hours=1)
    form = reported + timedelta(days=2)
    case = CaseTimes(DISCOVERED, reported, investigation_started_at=reported, investigation_reported_at=form,
                     concluded_at=form + timedelta(days=30))
    assert case_timers(case, form + timedelta(days=40))["conclusion"].state == ON_TIME


def test_limits_marked_gk_are_settings():
    reported = DISCOVERED + timedelta(hours=1)
    case = CaseTimes(DISCOVERED, reported, investigation_started_at=reported,
                     investigation_reported_at=reported + timedelta(days=5))
    assert case_timers(case, reported + timedelta(days=9))["investigation_form"].state == LATE
    relaxed = Limits(investigation_form_d=7)
    assert case_timers(case, reported + timedelta(days=9), relaxed)["investigation_form"].state == ON_TIME


def test_worst_state_orders_late_before_due_soon():
    now = DISCOVERED
    timers = {"a": clock("report", now - timedelta(hours=40), None, now, Limits()),
              "b": clock("report", now - timedelta(hours=50), None, now, Limits())}
    assert worst_state(timers) == LATE
    assert worst_state({"a": timers["a"]}) == DUE_SOON


def test_urgent_means_death_serious_cluster_or_high_impact():
    assert is_urgent(False, "death") and is_urgent(True, "recovered") and is_urgent(False, None, cluster=True)
    assert not is_urgent(False, "recovered")


def test_a_moment_late_in_the_utc_day_is_the_next_day_in_the_county():
    assert str(county_date(datetime(2026, 3, 31, 17, 30, tzinfo=UTC), "Asia/Shanghai")) == "2026-04-01"
    with pytest.raises(ValueError):
        parse_dt("2026-03-31T17:30:00")

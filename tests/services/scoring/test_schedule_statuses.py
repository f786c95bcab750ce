"""Stored schedule views: used while a child's inputs are unchanged and on later days they still hold on, evaluated
again when anything they read moves."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import add_record, child_data, vaccination_data
from webapp.domain.metrics.context import UnitRows
from webapp.domain.metrics.coverage import dose_status, statuses
from webapp.domain.metrics.doses_codec import decode, encode
from webapp.models import Record
from webapp.models.scoring import ScheduleStatus
from webapp.services.scoring import schedule_statuses
from webapp.services.scoring.rows import load_rows
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_scorecards

JUNE, NOV = date(2026, 6, 30), date(2026, 11, 30)
TODAY = date(2026, 12, 1)
SPAN = (date(2026, 1, 1), date(2027, 1, 1))
SAMPLES = {(date(2026, 11, 1), date(2026, 12, 1))}


def _load(days=(JUNE, NOV), today=TODAY):
    return load_rows(["U01"], *SPAN, SAMPLES, set(days), today)["U01"]


def _stored_count():
    from webapp.extensions import db

    return db.session.execute(select(func.count()).select_from(ScheduleStatus)).scalar_one()


@pytest.fixture
def child(db, demo_org):
    kid = add_record("child", child_data(birth_date="2026-01-05"))
    add_record("vaccination", vaccination_data(kid.id, vaccine="HepB", dose=1, given_on="2026-01-05"))
    add_record("vaccination", vaccination_data(kid.id, vaccine="BCG", dose=1, given_on="2026-01-06"))
    db.session.commit()
    return kid


def _evaluate_counter(monkeypatch):
    calls = []
    real = schedule_statuses.dose_status

    def counting(*args):
        calls.append(args[1])
        return real(*args)
    monkeypatch.setattr(schedule_statuses, "dose_status", counting)
    return calls


def test_a_stored_view_round_trips_through_its_cells():
    view = dose_status(date(2025, 1, 1), NOV, [("HepB", date(2025, 1, 1), "v1"), ("MMR", date(2025, 3, 1), "v2")])
    assert view.rejected and decode(*encode(view)) == view


def _shots(kid):
    from webapp.extensions import db

    rows = db.session.execute(select(Record.data["vaccine"].as_string(), Record.event_date, Record.id).where(
        Record.kind == "vaccination", Record.child_id == kid.id, Record.deleted.is_(False))).all()
    return [tuple(r) for r in rows]


def test_views_are_evaluated_once_then_read_back_unchanged(db, child, monkeypatch):
    calls = _evaluate_counter(monkeypatch)
    first = _load()
    db.session.commit()
    # nothing changes for this child from June to November (no dose, no age the engine asks about): one evaluation
    assert calls == [JUNE] and _stored_count() == 1
    calls.clear()
    second = _load()
    assert calls == []
    for day in (JUNE, NOV):
        assert statuses(second, day)[child.id] == statuses(first, day)[child.id]
        assert statuses(second, day)[child.id] == dose_status(child.event_date, day, _shots(child))
        assert statuses(second, day)[child.id].groups["HepB-1"] == (date(2026, 1, 5), None)


def test_a_view_is_evaluated_again_where_it_stops_holding(db, demo_org, monkeypatch):
    turning_four = add_record("child", child_data(birth_date="2022-08-01"))  # BCG is no longer due from 4 years
    dated_later = add_record("child", child_data(birth_date="2026-01-05"))
    add_record("vaccination", vaccination_data(dated_later.id, vaccine="HepB", dose=1, given_on="2026-08-01"))
    db.session.commit()
    calls = _evaluate_counter(monkeypatch)
    rows = _load()
    assert calls == [JUNE, NOV, JUNE, NOV]
    assert statuses(rows, JUNE)[turning_four.id].groups["BCG-1"][1] is not None
    assert "BCG-1" not in statuses(rows, NOV)[turning_four.id].groups
    assert statuses(rows, JUNE)[dated_later.id].groups["HepB-1"][0] is None
    assert statuses(rows, NOV)[dated_later.id].groups["HepB-1"] == (date(2026, 8, 1), None)
    db.session.commit()
    calls.clear()
    _load()
    assert calls == []


def test_a_late_dose_makes_the_child_evaluated_again(db, child, monkeypatch):
    _load()
    db.session.commit()
    add_record("vaccination", vaccination_data(child.id, vaccine="HepB", dose=2, given_on="2026-02-05"))
    db.session.commit()
    calls = _evaluate_counter(monkeypatch)
    rows = _load()
    assert calls == [JUNE]  # evaluated again; the new June view holds on November too
    assert statuses(rows, NOV)[child.id].groups["HepB-2"][0] == date(2026, 2, 5)
    assert _stored_count() == 1


def test_a_deleted_dose_and_an_edited_birth_date_are_seen(db, child, monkeypatch):
    _load()
    db.session.commit()
    bcg = db.session.execute(select(Record).where(Record.kind == "vaccination", Record.child_id == child.id,
                                                  Record.data["vaccine"].as_string() == "BCG")).scalar_one()
    bcg.deleted, bcg.change_seq = True, bcg.change_seq + 1000  # as a tombstone is written (sync.py)
    db.session.commit()
    assert statuses(_load(), NOV)[child.id].groups["BCG-1"][0] is None
    child.event_date, child.change_seq = date(2025, 12, 1), child.change_seq + 1000
    db.session.commit()
    calls = _evaluate_counter(monkeypatch)
    _load()
    assert calls == [JUNE]


def test_a_changed_engine_invalidates_every_view(db, child, monkeypatch):
    _load()
    db.session.commit()
    monkeypatch.setattr(schedule_statuses, "engine_fingerprint", lambda: "another-engine")
    calls = _evaluate_counter(monkeypatch)
    _load()
    assert calls == [JUNE]


def _kept(kid):
    from webapp.extensions import db

    return db.session.execute(select(ScheduleStatus.on_date).where(ScheduleStatus.child_id == kid.id)
                              .order_by(ScheduleStatus.on_date)).scalars().all()


def test_a_passed_day_that_ends_no_month_is_pruned_once_its_view_no_longer_holds(db, child, monkeypatch):
    turning_four = add_record("child", child_data(birth_date="2022-12-02"))  # BCG not due from 2026-12-02
    db.session.commit()
    _load(days=(TODAY,))  # an open period's last day is today
    db.session.commit()
    assert _kept(child) == [TODAY] and _kept(turning_four) == [TODAY]
    calls = _evaluate_counter(monkeypatch)
    tomorrow = date(2026, 12, 2)
    rows = _load(days=(tomorrow,), today=tomorrow)
    db.session.commit()
    assert calls == [tomorrow]  # only the child whose view changed
    assert _kept(child) == [TODAY]  # still holds on the new today: read back, kept
    assert _kept(turning_four) == [tomorrow]  # 12-01 went: it no longer holds on today
    assert "BCG-1" not in statuses(rows, tomorrow)[turning_four.id].groups


def test_views_of_years_before_the_two_last_are_pruned_once_they_hold_on_none_of_them(db, demo_org):
    kid = add_record("child", child_data(birth_date="2022-03-05"))
    db.session.commit()
    old, kept_year, later = date(2023, 12, 31), date(2025, 11, 30), date(2028, 1, 5)
    assert dose_status(kid.event_date, old, []).until <= date(2026, 1, 1)  # the 2023 view ends before 2026
    assert dose_status(kid.event_date, kept_year, []).until > date(2026, 1, 1)
    _load(days=(old, kept_year), today=date(2025, 12, 2))  # 2023 is within two years of 2025
    db.session.commit()
    assert _kept(kid) == [old, kept_year]
    _load(days=(later,), today=later)  # in 2028 the 2023 view goes; 2025's holds into 2026 and stays
    db.session.commit()
    assert _kept(kid) == [kept_year, later]


def test_rows_without_full_histories_refuse_an_unprimed_day(db, child):
    with pytest.raises(LookupError):
        statuses(_load(), date(2026, 3, 31))
    assert len(statuses(UnitRows("U01"), NOV)) == 0  # rows built with every dose still evaluate on any day


def test_scores_are_the_same_from_stored_views(db, child):
    template = get_template("evaluation-standard")
    first = compute_scorecards(template, ["U01"], "2026", TODAY)["U01"]
    db.session.commit()
    assert _stored_count() > 0
    again = compute_scorecards(template, ["U01"], "2026", TODAY)["U01"]
    assert again.total == first.total
    assert [(i.item.code, i.score) for p in again.parts for s in p.sections for i in s.items] == \
        [(i.item.code, i.score) for p in first.parts for s in p.sections for i in s.items]


def test_a_rejected_dose_reads_back_in_chinese_and_english(db, demo_org):
    kid = add_record("child", child_data(birth_date="2026-01-05"))
    early = add_record("vaccination", vaccination_data(kid.id, vaccine="MMR", dose=1, given_on="2026-03-01"))
    db.session.commit()
    _load()
    db.session.commit()
    again = statuses(_load(), NOV)  # read back from the stored row
    assert again.rejected[early.id] == "麻腮风疫苗在8月龄前接种，不计入常规剂次"
    assert again.rejected_en[early.id] == "MMR vaccine given before 8 months of age does not count as a routine dose"


def test_a_view_read_with_other_inputs_is_deleted_when_the_new_one_is_stored(db, child):
    _load()
    db.session.commit()
    assert _kept(child) == [JUNE]  # the June view held on November
    add_record("vaccination", vaccination_data(child.id, vaccine="HepB", dose=2, given_on="2026-08-05"))
    db.session.commit()
    _load(days=(NOV,))
    db.session.commit()
    assert _kept(child) == [NOV]  # June's view no longer matches the child's doses: gone, not left to be read again

"""Stored measures: read back while nothing a metric reads has changed, computed again (and only those) when it has."""

from dataclasses import fields
from datetime import date

import pytest
from sqlalchemy import func, select

from tests import pushed_data
from tests.factories import add_record, child_data, precheck_data, push_item, vaccination_data
from tests.services.scoring import data as scores_data
from tests.sync_client import SyncClient
from webapp.domain.metrics import ROW_LISTS, SOURCES, metric_functions
from webapp.domain.metrics.context import Context, UnitRows
from webapp.models import Record, RecordRevision
from webapp.models.scoring import StoredMeasure
from webapp.services.scoring import scorecards, stored_measures
from webapp.services.scoring.rows import load_rows
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_many, compute_scorecards
from webapp.services.sync.changes import lock_change_log

TODAY = date(2027, 1, 15)
LIST_SOURCE = {name: source for source, name in ROW_LISTS.items()}


@pytest.fixture
def data(db, demo_org):
    ids = scores_data.build()
    db.session.commit()
    return ids


@pytest.fixture
def loads(monkeypatch):
    """The sources of every row fetch the scorecards make."""
    calls = []

    def counting(*args):
        calls.append(args[6])
        return load_rows(*args)
    monkeypatch.setattr(scorecards, "load_rows", counting)
    return calls


def _cards(db, today=TODAY):
    cards = compute_many([get_template("evaluation-standard"), get_template("county-plan-2014")], ["U01", "U03"],
                         "2026", today)
    db.session.commit()
    return cards


def _deductions(cards):
    return {(t, u): [(i.item.code, i.score, [(d.points, d.reason, d.evidence) for d in i.deductions])
                     for p in card.parts for s in p.sections for i in s.items]
            for t, by_unit in cards.items() for u, card in by_unit.items()}


class _Cache(dict):
    """A rows cache that notes a read of the schedule views as the registry source."""

    def __init__(self, seen, *args):
        super().__init__(*args)
        self.seen = seen

    def _note(self, key):
        if key[0] == "schedule_status":
            self.seen.add("registry")

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)


class _Recording(UnitRows):
    """UnitRows that note every row list read (as its source)."""

    def __getattribute__(self, name):
        if name in LIST_SOURCE:
            object.__getattribute__(self, "cache").seen.add(LIST_SOURCE[name])
        return object.__getattribute__(self, name)


def test_every_metric_reads_only_the_sources_it_declares(db, data):
    day = date(2026, 12, 31)
    rows = load_rows(["U01"], date(2026, 1, 1), date(2027, 1, 1), {(date(2026, 11, 1), date(2026, 12, 1))}, {day},
                     TODAY)["U01"]
    ctx = Context(date(2026, 1, 1), date(2027, 1, 1), TODAY, date(2026, 11, 1), date(2026, 12, 1))
    assert set(SOURCES) == set(metric_functions())
    for name, function in metric_functions().items():
        seen = set()
        views = {k: v for k, v in rows.cache.items() if k[0] == "schedule_status"}
        recording = _Recording(**{f.name: getattr(rows, f.name) for f in fields(UnitRows) if f.name != "cache"},
                               cache=_Cache(seen, views))
        function(recording, ctx)
        assert seen, name  # the recording sees reads at all
        assert seen <= SOURCES[name], f"{name} reads {sorted(seen - SOURCES[name])} without declaring them"


def test_a_second_computation_reads_the_stored_measures_and_fetches_no_rows(db, data, loads, monkeypatch):
    first = _cards(db)
    assert len(loads) == 1
    stored = db.session.scalar(select(func.count()).select_from(StoredMeasure))
    marks = []
    monkeypatch.setattr(stored_measures, "source_marks", lambda contexts: marks.append(contexts))
    second = _cards(db)
    assert len(loads) == 1 and stored > 0
    assert marks == []  # no record written since: the record store's count and last change position suffice
    assert _deductions(second) == _deductions(first)


def test_a_record_removed_outright_is_noticed(db, data, loads):
    first = _cards(db)
    db.session.execute(RecordRevision.__table__.delete().where(RecordRevision.record_id == data["p2"]))
    db.session.execute(Record.__table__.delete().where(Record.id == data["p2"]))  # as a purge would, no tombstone
    db.session.commit()
    second = _cards(db)
    assert len(loads) == 2 and "precheck" in loads[1]
    score = {code: s for code, s, _ in _deductions(second)[("evaluation-standard", "U01")]}
    assert score != {code: s for code, s, _ in _deductions(first)[("evaluation-standard", "U01")]}


def test_a_late_precheck_recomputes_only_the_measures_that_read_prechecks(db, data, loads):
    first = _cards(db)
    late = precheck_data(data["c1"], visit_date="2026-06-01", planned=[{"vaccine": "DTaP", "dose": 1}])
    late["answers"].pop("neuro")
    add_record("precheck", late)
    db.session.commit()
    second = _cards(db)
    readers = {name for name, sources in SOURCES.items() if "precheck" in sources}
    assert loads[1] == set().union(*(SOURCES[name] for name in readers))
    before, after = _deductions(first), _deductions(second)
    assert before[("evaluation-standard", "U03")] == after[("evaluation-standard", "U03")]  # another unit's stay
    score = {code: s for code, s, _ in after[("evaluation-standard", "U01")]}
    assert score["precheck_register"] == 2.0  # 2.5 before: the new incomplete pre-check costs 0.5


def _hepb1_given(card) -> int:
    coverage = next(i for p in card.parts for s in p.sections for i in s.items if i.item.code == "coverage")
    return coverage.measure.groups["HepB@2025"].numerator


def test_a_dose_given_in_another_unit_changes_the_childs_coverage(db, data, loads):
    kid = add_record("child", child_data(unit="U03", birth_date="2025-06-01", certificate_no="C-9"))
    db.session.commit()
    template = get_template("evaluation-standard")
    first = compute_scorecards(template, ["U03"], "2026", TODAY)["U03"]
    db.session.commit()
    add_record("vaccination", vaccination_data(kid.id, unit="U01", vaccine="HepB", dose=1, given_on="2026-02-01"))
    db.session.commit()
    second = compute_scorecards(template, ["U03"], "2026", TODAY)["U03"]
    assert "registry" in loads[-1] and "precheck" not in loads[-1]
    assert (_hepb1_given(first), _hepb1_given(second)) == (0, 1)


def test_measures_of_a_passed_day_are_dropped_when_the_next_day_stores(db, data):
    _cards(db, today=TODAY)
    _cards(db, today=date(2027, 1, 16))
    days = db.session.scalars(select(StoredMeasure.day).distinct()).all()
    assert days == [date(2027, 1, 16)]


def test_a_measure_that_cannot_be_stored_leaves_the_scores(db, data, monkeypatch, caplog):
    from sqlalchemy.exc import OperationalError

    expected = _deductions(_cards(db, today=date(2027, 1, 16)))

    def failing(*args):
        raise OperationalError("upsert", {}, Exception("database is locked"))
    monkeypatch.setattr(stored_measures, "upsert_statement", failing)
    db.session.execute(StoredMeasure.__table__.delete())
    assert _deductions(_cards(db, today=date(2027, 1, 16))) == expected
    assert "measures not stored" in caplog.text
    assert db.session.scalar(select(func.count()).select_from(StoredMeasure)) == 0


@pytest.fixture
def computed(monkeypatch):
    """(metric, window) of every measure computed from rows."""
    calls, real = [], scorecards.metric_functions

    def recording():
        def wrap(name, function):
            return lambda rows, ctx: calls.append((name, (ctx.start, ctx.end))) or function(rows, ctx)
        return {name: wrap(name, f) for name, f in real().items()}
    monkeypatch.setattr(scorecards, "metric_functions", recording)
    return calls


def test_a_late_dose_recomputes_only_the_measures_whose_spans_hold_its_date(db, data, computed, loads):
    first = _cards(db)
    computed.clear()
    add_record("vaccination", vaccination_data(data["c3"], vaccine="HepB", dose=2, given_on="2026-10-20"))
    db.session.commit()
    second = _cards(db)
    h1, h2, year = ((date(2026, 1, 1), date(2026, 7, 1)), (date(2026, 7, 1), date(2027, 1, 1)),
                    (date(2026, 1, 1), date(2027, 1, 1)))
    assert {window for _, window in computed} == {h2, year}  # the first half's measures all stand
    names = {name for name, _ in computed}
    assert {"vaccine_coverage", "late_entry", "concordance_sample"} <= names  # 三.4 is the survey's: not here
    assert "consent_matching" not in names  # its sampled month (December) holds no new dose
    assert "precheck_completeness" not in names and "precheck" in loads[-1]  # concordance reads them
    assert h1 in {window for _, window in _recomputed_after_june_dose(db, data, computed)}
    assert _hepb1_given(second["evaluation-standard"]["U01"]) == _hepb1_given(first["evaluation-standard"]["U01"])


def _recomputed_after_june_dose(db, data, computed):
    computed.clear()
    add_record("vaccination", vaccination_data(data["c3"], vaccine="HepB", dose=2, given_on="2026-06-20"))
    db.session.commit()
    _cards(db)
    return computed


def test_marks_notice_a_record_moved_to_another_month_and_nothing_else(db, data):
    since, unit = date(2025, 10, 1), "U01"
    march, may, october = ((date(2026, m, 1), date(2026, m + 1, 1)) for m in (3, 5, 10))
    before = stored_measures.Marks(since)
    shot = db.session.get(Record, data["v1"])  # given 2026-03-10
    clock = lock_change_log()
    shot.event_date, shot.change_seq = date(2026, 10, 10), clock.next()
    clock.save()
    db.session.flush()
    after = stored_measures.Marks(since)
    assert after.of(unit, "vaccination", *march) != before.of(unit, "vaccination", *march)
    assert after.of(unit, "vaccination", *october) != before.of(unit, "vaccination", *october)
    assert after.of(unit, "vaccination", *may) == before.of(unit, "vaccination", *may)
    assert after.of(unit, "precheck", None, None) == before.of(unit, "precheck", None, None)
    assert after.doses(None, date(2026, 3, 1)) == before.doses(None, date(2026, 3, 1))
    assert after.doses(None, date(2026, 4, 1)) != before.doses(None, date(2026, 4, 1))


def test_a_precheck_edited_through_the_api_to_add_its_temperature_raises_precheck_register(db, client, token_for):
    sync = SyncClient(client, token_for)
    ids = pushed_data.scores_dataset(sync)
    before = {code: s for code, s, _ in _deductions(_cards(db))[("evaluation-standard", "U01")]}
    db.session.expire_all()
    edited = {**db.session.get(Record, ids["p2"]).data, "temperature_c": 36.5}
    assert sync.results([push_item("precheck", edited, id=ids["p2"], base_rev=1)]) == [
        {"id": ids["p2"], "rev": 2, "status": "updated"}]
    after = {code: s for code, s, _ in _deductions(_cards(db))[("evaluation-standard", "U01")]}
    assert (before["precheck_register"], after["precheck_register"]) == (2.5, 3.0)

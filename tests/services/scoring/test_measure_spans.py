"""Every metric ignores the records outside the spans it declares (SPANS), on a seeded demo unit's year: the
stored measures rely on it to keep a measure when only records outside its spans changed."""

import random
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta

import pytest

from webapp.demo import aefi as demo_aefi
from webapp.demo import records as demo_records
from webapp.demo import stock as demo_stock
from webapp.demo.aefi import seed_aefi_demo
from webapp.demo.records import seed_county_year
from webapp.demo.schools import seed_schools_demo
from webapp.demo.stock import seed_stock_demo
from webapp.domain.metrics import ROW_LISTS, SPANS, metric_functions
from webapp.domain.metrics.context import Context, UnitRows, span
from webapp.domain.metrics.measure_codec import dumps
from webapp.domain.periods import parse_period
from webapp.services.scoring.rows import load_rows

DAY_OF = {"children": "birth_date", "vaccinations": "given_on", "prechecks": "visit_date", "consents": "signed_on",
          "aefi_reports": "onset_on", "school_checks": "started_on", "stock": "on_date", "readings": "read_on"}


NOW = datetime(2026, 12, 2, 4, tzinfo=UTC)  # the demo's "today" (its school batches are 2026's autumn term)


@pytest.fixture
def year(db, demo_org, monkeypatch):
    """The demo county's year to 2 December 2026 (pre-checks, consents, doses, AEFI, zero reports, schools, stock,
    readings)."""
    monkeypatch.setattr(demo_records, "utcnow", lambda: NOW)
    monkeypatch.setattr(demo_aefi, "utcnow", lambda: NOW)
    monkeypatch.setattr(demo_stock, "utcnow", lambda: NOW)
    rng = random.Random(11)
    seed_county_year(rng, scale=0.1)
    seed_aefi_demo(rng)
    seed_schools_demo(rng)
    seed_stock_demo(rng)
    db.session.commit()
    return NOW.date()


def _event_day(name, row, rows):
    """The record's event date as records.md stores it (a student check takes its batch's start)."""
    if name == "zero_reports":
        return parse_period(row.period).start
    if name == "student_checks":
        return next((b.started_on for b in rows.school_checks if b.id == row.parent_id), None)
    return getattr(row, DAY_OF[name])


def _trimmed(rows, name, start, end):
    """A copy of the rows with list `name` cut to the records dated in [start, end) (the views kept)."""
    kept = [r for r in getattr(rows, name) if (day := _event_day(name, r, rows)) is not None
            and (start is None or day >= start) and (end is None or day < end)]
    copy = UnitRows(**{f.name: getattr(rows, f.name) for f in fields(UnitRows) if f.name != "cache"},
                    cache={k: v for k, v in rows.cache.items() if k[0] == "schedule_status"})
    setattr(copy, name, kept)
    return copy, len(getattr(rows, name)) - len(kept)


def test_every_metric_ignores_the_records_outside_its_spans(year):
    functions, removed = metric_functions(), {}
    assert set(SPANS) == set(functions)
    for half, sample in (("H1", "06"), ("H2", "11")):
        window, month = parse_period(f"{year.year}-{half}"), parse_period(f"{year.year}-{sample}")
        ctx = Context(window.start, window.end, year, month.start, month.end)
        loaded = load_rows(["U01"], date(year.year, 1, 1), date(year.year + 1, 1, 1),
                           {(month.start, month.end), (date(year.year, 3, 1), date(year.year, 4, 1))},
                           {ctx.last_day}, year)["U01"]
        for name, function in functions.items():
            full = dumps(function(_fresh(loaded), ctx))
            for source, span_name in SPANS[name].items():
                if source == "registry":  # the views on the last day: the engine drops later doses (dose_status)
                    continue
                rows, dropped = _trimmed(loaded, ROW_LISTS[source], *span(span_name, ctx))
                removed[source] = removed.get(source, 0) + dropped
                assert dumps(function(rows, ctx)) == full, f"{half} {name} reads {source} outside its {span_name}"
    assert all(removed.values()), removed  # each source had records cut away: the check can fail


def _fresh(rows):
    copy, _ = _trimmed(rows, "children", None, None)
    return copy


def test_a_span_is_the_dates_a_metric_reads():
    ctx = Context(date(2026, 7, 1), date(2027, 1, 1), date(2026, 12, 2), date(2026, 11, 1), date(2026, 12, 1))
    assert span("period", ctx) == (date(2026, 7, 1), date(2027, 1, 1))
    assert span("sample", ctx) == (date(2026, 11, 1), date(2026, 12, 1))
    assert span("to_last_day", ctx) == (None, date(2026, 12, 3))  # an open period's last day is today
    assert span("aefi_year", ctx) == (date(2026, 1, 1), date(2027, 1, 1))
    assert span("zero_year", ctx) == (date(2026, 1, 1) - timedelta(days=92), date(2027, 1, 1))
    assert span("all", ctx) == (None, None)

"""The engine's bulk fast path and memos give exactly the answers of the checked, memo-free path."""

import random
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webapp.domain.metrics.coverage import ChildDoses, _group, _known_codes, dose_status
from webapp.domain.schedule import ScheduleInputError, evaluate, vaccine_codes
from webapp.domain.schedule import book as book_module
from webapp.domain.schedule.book import Book, default_book, load_raw, resolve_versions
from webapp.domain.schedule.context import _PLACEHOLDER, Ctx, Dose
from webapp.domain.schedule.dates import add_duration
from webapp.domain.schedule.engine import _clash, run, run_dated

CODES = vaccine_codes()


def _outcome(state) -> dict:
    """Everything an evaluation decided, as plain values."""
    return {"results": {code: (r.track, [tuple(d) for d in r.counted], [(tuple(d), why) for d, why in r.rejected],
                               [vars(n) for n in r.needs], r.notes) for code, r in state.ctx.results.items()},
            "rejected": [(tuple(d), why) for d, why in state.rejected], "notes": state.notes,
            "given": [tuple(d) for d in state.given], "adult": state.adult, "schedule": state.ctx.version.id}


def _reference_dose_status(birth, on, shots) -> ChildDoses:
    """dose_status as it was written on the checked path (`run` with dose dicts)."""
    known = _known_codes()
    kept = [s for s in shots if s[0] in known and s[1] is not None and birth <= s[1] <= on]
    state = run(birth, on, [{"vaccine": v, "date": day} for v, day, _id in kept], lenient=True)
    out = ChildDoses()
    for index, reason in state.ctx.waived.items():  # counted: only a [GK] rule would reject them
        out.rejected[kept[index][2]] = reason
    for code, result in state.ctx.results.items():
        for i, dose in enumerate(result.counted):
            group = _group(code, result.track, i + 1)
            if group is not None:
                out.groups[group] = (dose.date, None)
        for need in result.needs:
            group = _group(code, result.track, need.dose)
            if group is not None and group not in out.groups:
                out.groups[group] = (None, need.due)
        for dose, reason in result.rejected + state.rejected:
            out.rejected[kept[dose.index][2]] = reason
    rejected = {kept[d.index][2] for r in state.ctx.results.values() for d, _ in r.rejected + state.rejected}
    out.unverified = frozenset(kept[i][2] for i in state.ctx.waived) - rejected
    return out


@st.composite
def histories(draw):
    birth = date(2005, 1, 1) + timedelta(days=draw(st.integers(0, 7800)))
    on = birth + timedelta(days=draw(st.integers(0, 7000)))
    pairs = [(draw(st.sampled_from(CODES)), birth + timedelta(days=draw(st.integers(0, (on - birth).days))))
             for _ in range(draw(st.integers(0, 20)))]
    return birth, on, pairs


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_run_dated_decides_exactly_as_run(history):
    birth, on, pairs = history
    checked = run(birth, on, [{"vaccine": v, "date": d} for v, d in pairs])
    assert _outcome(run_dated(birth, on, pairs)) == _outcome(checked)
    lenient = run(birth, on, [{"vaccine": v, "date": d} for v, d in pairs], lenient=True)
    assert _outcome(run_dated(birth, on, pairs, lenient=True)) == _outcome(lenient)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.lists(st.sampled_from([*CODES, "XYZ"]), max_size=4))
def test_dose_status_matches_the_checked_path(history, extra_codes):
    birth, on, pairs = history
    shots = [(v, d, f"v{i}") for i, (v, d) in enumerate(pairs)]
    # doses the bulk path must leave out: unknown products, undated, before birth, after the day
    shots += [(code, on + timedelta(days=3), f"x{i}") for i, code in enumerate(extra_codes)]
    shots += [("HepB", None, "n"), ("XYZ", on, "u"), ("BCG", birth - timedelta(days=1), "b")]
    assert dose_status(birth, on, shots) == _reference_dose_status(birth, on, shots)


def test_dose_status_matches_on_a_county_like_sample():
    rng = random.Random(7)
    for _ in range(400):
        birth = date(2019, 1, 1) + timedelta(days=rng.randint(0, 2900))
        on = rng.choice([date(2026, 12, 1), date(2025, 1, 1), date(2024, 12, 31), birth + timedelta(days=400)])
        shots = [(rng.choice(CODES), birth + timedelta(days=rng.randint(0, 2600)), i)
                 for i in range(rng.randint(0, 25))]
        if birth <= on:
            assert dose_status(birth, on, shots) == _reference_dose_status(birth, on, shots)


@pytest.mark.parametrize("pairs", [
    [("HepB", date(2019, 12, 31))],                       # before birth
    [("HepB", date(2020, 1, 1)), ("XYZ", date(2020, 2, 1))],  # unknown product
    [("HepB", "2020-01-01")],                            # a string date
    [("HepB", "2020-1-1")],                              # a bad string date
    [("BCG", datetime(2020, 1, 1, 8, 30))],              # a datetime
    [("HepB", date(2020, 1, 1)), ("MMR", date(2021, 6, 1))],  # after the evaluation day: a note
    [(3, date(2020, 1, 1))],                             # not a product code at all
])
def test_run_dated_hands_anything_unusual_to_the_checked_path(pairs):
    birth, on = date(2020, 1, 1), date(2021, 1, 1)
    try:
        expected = _outcome(run(birth, on, [{"vaccine": v, "date": d} for v, d in pairs]))
    except ScheduleInputError as error:
        with pytest.raises(ScheduleInputError) as raised:
            run_dated(birth, on, pairs)
        assert (raised.value.field, raised.value.code, str(raised.value)) == (error.field, error.code, str(error))
    else:
        assert _outcome(run_dated(birth, on, pairs)) == expected


def test_run_dated_refuses_an_evaluation_day_before_birth_like_run():
    with pytest.raises(ScheduleInputError) as raised:
        run_dated(date(2020, 1, 2), date(2020, 1, 1), [])
    assert (raised.value.field, raised.value.code) == ("on_date", "before_birth")


def test_overridden_settings_never_share_the_memos_of_the_book_versions():
    birth, on = date(2024, 1, 1), date(2024, 12, 1)
    doses = [{"vaccine": "HepB", "date": date(2024, 1, 1)}, {"vaccine": "HepB", "date": date(2024, 2, 1)}]
    plain_first = evaluate(birth, on, doses)
    overridden = evaluate(birth, on, doses, settings={"hepb_interval_2_3": "P200D"})
    assert evaluate(birth, on, doses) == plain_first
    assert evaluate(birth, on, doses, settings={"hepb_interval_2_3": "P200D"}) == overridden
    due = {(m["series"], m["dose"]): m["due_since"] for m in plain_first["missing"]}
    due_overridden = {(m["series"], m["dose"]): m["due_since"] for m in overridden["missing"]}
    assert due[("HepB", 3)] == "2024-07-01" and due_overridden[("HepB", 3)] == "2024-08-19"  # dose 2 + 200 days


def test_a_pinned_schedule_does_not_reuse_the_due_dates_of_the_schedule_in_force():
    birth, on = date(2024, 6, 1), date(2025, 6, 1)
    in_force = evaluate(birth, on, [])
    pinned = evaluate(birth, on, [], schedule_id="nip-2021")
    assert evaluate(birth, on, [], schedule_id="nip-2021") == pinned and evaluate(birth, on, []) == in_force
    assert pinned["schedule"] == "nip-2021" and in_force["schedule"] == "nip-2025"


def test_in_force_memo_agrees_with_a_scan_of_the_versions():
    book = Book(resolve_versions(list(load_raw())))
    for day in [date.min, date(2021, 2, 28), date(2021, 3, 1), date(2024, 12, 31), date(2025, 1, 1), date.max] * 2:
        expected = book.versions[0]
        for version in book.versions:
            if version.effective_from <= day:
                expected = version
        assert book.in_force(day) is expected


def test_memos_are_emptied_when_full(monkeypatch):
    monkeypatch.setattr(book_module, "MEMO_MAX", 8)
    book = Book(resolve_versions(list(load_raw())))
    version = book.versions[0]
    for i in range(50):
        day = date(2020, 1, 1) + timedelta(days=i)
        assert version.plus(day, "P1M") == add_duration(day, "P1M")
        assert book.in_force(day) is book.versions[0]
    assert len(book.days) <= 8 and all(len(by_day) <= 8 for by_day in version.sums.values())


def test_plus_resolves_settings_of_its_own_version():
    version = default_book().versions[-1]
    copy = version.with_settings({"hepb_interval_2_3": "P90D"})
    day = date(2024, 1, 31)
    assert version.plus(day, "$hepb_interval_2_3") == day + timedelta(days=60)
    assert copy.plus(day, "$hepb_interval_2_3") == day + timedelta(days=90)
    assert version.plus(day, "P1M") == copy.plus(day, "P1M") == date(2024, 2, 29)
    with pytest.raises(ValueError, match="bad duration"):
        version.plus(day, None)


@pytest.mark.parametrize("lang", ["zh-CN", "en", "fr"])
def test_message_templates_render_as_the_placeholder_substitution(lang):
    version = default_book().versions[-1]
    ctx = Ctx(default_book(), version, date(2020, 1, 1), date(2021, 1, 1), lang, None, pinned=False)
    params = {"vaccine_name": "X", "dose": 2, "date": "2020-05-01", "prev_date": None, "interval": "28天"}
    for key, texts in version.messages.items():
        template = texts.get(lang) or texts["zh-CN"]
        expected = _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), template)
        assert ctx.text(key, **params) == expected
        assert ctx.text(key) == template


def test_the_live_clash_scan_stops_early_without_changing_the_answer():
    rng = random.Random(3)
    version = default_book().versions[-1]
    ctx = Ctx(default_book(), version, date(2020, 1, 1), date(2030, 1, 1), "zh-CN", None, pinned=False)
    for _ in range(300):
        days = sorted(date(2020, 1, 1) + timedelta(days=rng.randint(0, 120)) for _ in range(rng.randint(1, 6)))
        live = [Dose("MMR", day, i) for i, day in enumerate(days[:-1])]
        dose = Dose("JE-L", days[-1], len(days))
        brute = next((e for e in reversed(live)
                      if e.date < dose.date < ctx.add(e.date, "$live_injectable_interval", version)), None)
        assert _clash(ctx, live, dose, version) == brute

"""A child's schedule view holds on every later day before its `until` while the child's doses are the same."""

import random
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webapp.domain.metrics.coverage import dose_status
from webapp.domain.schedule import vaccine_codes
from webapp.domain.schedule.book import default_book

CODES = vaccine_codes()


def _later_days(on, until, rng):
    """The day after, the last day before `until` and one in between (`until` None: up to 11 years on)."""
    end = until or on + timedelta(days=4000)
    span = (end - on).days
    return {on + timedelta(days=d) for d in (1, span - 1, rng.randrange(1, span))} if span > 1 else set()


@st.composite
def children(draw):
    birth = date(2016, 1, 1) + timedelta(days=draw(st.integers(0, 3900)))
    on = birth + timedelta(days=draw(st.integers(0, 3000)))
    shots = [(draw(st.sampled_from(CODES)), birth + timedelta(days=draw(st.integers(0, 3200))), f"v{i}")
             for i in range(draw(st.integers(0, 18)))]
    return birth, on, shots, draw(st.randoms(use_true_random=False))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(children())
def test_the_view_is_the_same_on_any_later_day_before_until(child):
    birth, on, shots, rng = child
    view = dose_status(birth, on, shots)
    assert view.until is None or view.until > on
    for later in _later_days(on, view.until, rng):
        assert dose_status(birth, later, shots) == view, later


def test_a_county_like_sample_holds_before_until_and_mostly_past_half_a_year():
    rng, long_lived, checked = random.Random(11), 0, 0
    for _ in range(300):
        birth = date(2020, 1, 1) + timedelta(days=rng.randint(0, 2500))
        shots = sorted((rng.choice(("HepB", "BCG", "IPV", "bOPV", "DTaP", "MMR", "JE-L", "MPSV-A", "HepA-L")),
                        birth + timedelta(days=rng.randint(0, 2000)), i) for i in range(rng.randint(0, 14)))
        on = birth + timedelta(days=rng.randint(0, 2400))
        view = dose_status(birth, on, shots)
        long_lived += view.until is None or view.until > on + timedelta(days=183)
        for later in _later_days(on, view.until, rng):
            checked += 1
            assert dose_status(birth, later, shots) == view
    assert checked > 600 and long_lived > 60  # a view that changed every day would make `until` useless


def test_until_stops_at_a_dose_dated_after_the_day():
    birth = date(2025, 1, 1)
    view = dose_status(birth, date(2025, 3, 1), [("HepB", birth, "a"), ("HepB", date(2025, 4, 10), "b")])
    assert view.until is not None and view.until <= date(2025, 4, 10)
    assert dose_status(birth, date(2025, 4, 10), [("HepB", birth, "a"), ("HepB", date(2025, 4, 10), "b")]) != view


def test_until_stops_at_the_age_a_series_ends():
    birth = date(2022, 12, 2)  # 4 years old on 2026-12-02: BCG is no longer asked for
    view = dose_status(birth, date(2026, 11, 30), [])
    assert view.groups["BCG-1"][1] is not None and view.until <= date(2026, 12, 2)
    assert "BCG-1" not in dose_status(birth, date(2026, 12, 2), []).groups


def test_until_stops_when_another_schedule_version_comes_into_force():
    switches = [v.effective_from for v in default_book().versions[1:]]
    birth = switches[0] - timedelta(days=400)
    assert dose_status(birth, switches[0] - timedelta(days=10), []).until <= switches[0]

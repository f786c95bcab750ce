"""Schedule views as columns: a view round-trips, and coverage counted on columns equals a per-child count."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.domain.metrics.rows import child, year_2026
from webapp.domain.metrics.context import UnitRows
from webapp.domain.metrics.coverage import coverage
from webapp.domain.metrics.dose_views import LABELS, ChildDoses, DayViews
from webapp.domain.metrics.doses_codec import CELL_BYTES, day_views, decode, encode
from webapp.domain.schedule.dates import add_months

DAYS = st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31))
VIEW = st.dictionaries(st.sampled_from(list(LABELS)), st.one_of(st.tuples(DAYS, st.none()), st.tuples(st.none(), DAYS)))


def test_a_view_round_trips_through_its_cells_and_an_empty_one_has_no_rejections():
    view = ChildDoses({"HepB-1": (date(2026, 1, 5), None), "MCV-1": (None, date(2026, 9, 5))}, {"v9": "太早"})
    cells, rejected = encode(view)
    assert len(cells) == CELL_BYTES and decode(cells, rejected) == view
    assert encode(ChildDoses())[1] is None and decode(*encode(ChildDoses())) == ChildDoses()


def test_the_english_reasons_round_trip_beside_the_chinese_and_old_rows_read_both_as_chinese():
    view = ChildDoses({"HepB-1": (date(2026, 1, 5), None)}, {"v9": "太早"}, rejected_en={"v9": "too early"})
    back = decode(*encode(view))
    assert back.rejected == {"v9": "太早"} and back.rejected_en == {"v9": "too early"}
    views = day_views(["a"], [encode(view)[0]], {"a": encode(view)[1]})
    assert views.rejected == {"v9": "太早"} and views.rejected_en == {"v9": "too early"}
    old = day_views(["a"], [encode(view)[0]], {"a": '{"v9":"太早"}'})  # stored before the English reasons
    assert old.rejected == {"v9": "太早"} and old.rejected_en == {"v9": "太早"}


def test_views_read_back_per_child_with_their_own_rejections():
    views = DayViews.of({"a": ChildDoses({"BCG-1": (date(2026, 1, 1), None)}, {"v1": "间隔不足"}),
                         "b": ChildDoses({"BCG-1": (None, date(2026, 1, 2))})})
    assert len(views) == 2 and "a" in views and "c" not in views
    assert views["b"] == ChildDoses({"BCG-1": (None, date(2026, 1, 2))})
    assert views.given_on("a", "BCG-1") == date(2026, 1, 1) and views.given_on("b", "BCG-1") is None
    assert views.rejected == {"v1": "间隔不足"}
    stored = day_views(["a", "b"], [encode(views["a"])[0], encode(views["b"])[0]], {"a": encode(views["a"])[1]})
    assert stored["a"] == views["a"] and stored["b"] == views["b"]


def _per_child(children, views, ctx):
    """The plain count the columns replace: every child, every group."""
    out, end, window_start = {}, ctx.last_day, add_months(ctx.start, -12)
    for c in children:
        for group, (counted, due) in views[c.id].groups.items():
            num, den, missed = out.get(group, (0, 0, []))
            if counted is not None:
                if counted >= ctx.start:
                    num, den = num + 1, den + 1
            elif window_start < due <= end:
                den, missed = den + 1, [*missed, c.id]
            out[group] = (num, den, missed)
    return {g: v for g, v in out.items() if v[1]}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.dates(min_value=date(2019, 6, 1), max_value=date(2026, 12, 31)), VIEW), max_size=25))
def test_coverage_on_columns_equals_the_per_child_count(kids):
    children = [child(f"c{i}", birth.isoformat()) for i, (birth, _) in enumerate(kids)]
    ctx = year_2026()
    born = [c for c in children if c.birth_date <= ctx.last_day]
    views = DayViews.of({c.id: ChildDoses(view) for c, (_, view) in zip(children, kids, strict=True) if c in born})
    rows = UnitRows("U01", children=children, full_history=False)
    rows.cache[("schedule_status", ctx.last_day)] = views
    measure = coverage(rows, ctx)
    under_seven = [c for c in born if c.birth_date > add_months(ctx.last_day, -84)]
    expected = _per_child(under_seven, views, ctx)
    found = {g: (m.numerator, m.denominator, [f.evidence[0].id for f in m.findings])
             for g, m in measure.groups.items() if m.denominator}
    assert found == expected


def test_window_edges_on_columns():
    ctx = year_2026()  # S = 2026-01-01, E = 2026-12-31; open doses count when due in (2025-01-01, E]
    edges = {"a": ("given", date(2026, 1, 1)), "b": ("given", date(2025, 12, 31)), "c": ("due", date(2025, 1, 1)),
             "d": ("due", date(2025, 1, 2)), "e": ("due", date(2026, 12, 31)), "f": ("due", date(2027, 1, 1))}
    children = [child(cid, "2024-06-01") for cid in edges]
    views = DayViews.of({cid: ChildDoses({"BCG-1": (day, None) if how == "given" else (None, day)})
                         for cid, (how, day) in edges.items()})
    rows = UnitRows("U01", children=children, full_history=False)
    rows.cache[("schedule_status", ctx.last_day)] = views
    bcg = coverage(rows, ctx).groups["BCG-1"]
    assert (bcg.numerator, bcg.denominator) == (1, 3)
    assert [f.evidence[0].id for f in bcg.findings] == ["d", "e"]

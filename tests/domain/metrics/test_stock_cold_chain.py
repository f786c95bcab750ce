"""The stock and cold-chain metrics on hand-worked rows: a count against its book, slots judged from the first
reading, an appliance-month without any reading priced apart."""

from datetime import date, timedelta
from types import SimpleNamespace as Row

from webapp.domain.metrics.cold_chain import cold_chain_gaps
from webapp.domain.metrics.context import Context, UnitRows
from webapp.domain.metrics.stock import hepb_ledger
from webapp.domain.rubric.model import Item, Rule
from webapp.domain.rubric.rules import per_occurrence
from webapp.domain.stock import Dose, count_checks

D = date(2026, 10, 1)


def _move(kind, doses, day, lot="L1", id=None):
    return {"id": id, "kind": kind, "vaccine": "HepB", "lot_no": lot, "doses": doses, "on_date": D + timedelta(day),
            "expiry_date": date(2027, 12, 31), "manufacturer": "华北制药"}


def test_a_count_is_checked_against_received_returned_issued_wasted_and_given_that_day():
    moves = [_move("receive", 10, 0), _move("issue", 2, 1), _move("return", 1, 2), _move("waste", 1, 3),
             _move("count", 9, 3, id="early"), _move("count", 4, 6, id="late"), _move("receive", 5, 0, lot="L2"),
             _move("count", 5, 6, lot="L2", id="even")]
    doses = [Dose(f"v{i}", "HepB", "L1", D + timedelta(4)) for i in range(3)]
    checks = {c.lot_no: c for c in count_checks(moves, doses, D + timedelta(5), D + timedelta(10))}
    late = checks["L1"]  # the last count in the span; the book: 10 + 1 − 2 − 1 − 3 = 5
    assert (late.count_id, late.book, late.difference) == ("late", 5, -1)
    assert checks["L2"].difference == 0


def _stock_rows(moves, doses):
    rows = [Row(**{**m, "by": "王护士", "note": None}) for m in moves]
    return rows + [Row(kind="dose", id=d.id, on_date=d.given_on, vaccine=d.vaccine, lot_no=d.lot_no, expiry_date=None)
                   for d in doses]


def test_hepb_ledger_examines_the_lots_counted_in_the_period_and_finds_the_one_off_the_book():
    moves = [_move("receive", 10, 0), _move("count", 8, 5, id="c1"), _move("receive", 5, 0, lot="L2"),
             _move("count", 5, 5, lot="L2", id="c2")]
    rows = UnitRows("U01", stock=_stock_rows(moves, [Dose("v1", "HepB", "L1", D + timedelta(2))]))
    measure = hepb_ledger(rows, Context(D, date(2026, 11, 1), date(2026, 12, 1)))
    assert measure.examined == 2 and len(measure.findings) == 1
    finding = measure.findings[0]
    assert finding.reason == ("乙肝疫苗 批号L1：2026-10-06 盘点8剂，帐面9剂（入库10 + 退回0 − 发出0 − 报损0 − 接种1），"
                              "差-1剂")
    assert [(e.kind, e.id) for e in finding.evidence] == [("stock_lot", "HepB|L1"), ("stock_movement", "c1")]
    nothing = hepb_ledger(rows, Context(date(2026, 1, 1), date(2026, 7, 1), date(2026, 12, 1)))
    assert nothing.examined == 0  # no count in the first half: the item stays with the assessor


def _reading(code, day, n=1):
    return [Row(id=f"{code}{day}{i}", equipment_code=code, read_on=day, celsius=5.0, action=None) for i in range(n)]


def test_slots_are_judged_from_the_first_reading_and_a_month_without_any_costs_one():
    fridge = Row(code="A", name="1号冰箱", kind="refrigerator", range_min=2, range_max=8, readings_per_day=2,
                 active=True)
    freezer = Row(code="B", name="1号冰柜", kind="freezer", range_min=-25, range_max=-15, readings_per_day=1,
                  active=True)
    readings = _reading("A", date(2026, 10, 30), 2) + _reading("A", date(2026, 10, 31), 1)
    for day in (1, 2, 3):
        readings += _reading("A", date(2026, 11, day), 2) + _reading("B", date(2026, 11, day), 1)
    rows = UnitRows("U01", readings=readings, equipment=[fridge, freezer])
    ctx = Context(date(2026, 7, 1), date(2027, 1, 1), date(2026, 11, 4))  # 4 Nov is not over yet
    measure = cold_chain_gaps(rows, ctx)
    assert measure.examined == 5 * 2 + 5 * 1  # 30 Oct – 3 Nov, the days since the unit began
    assert [f.reason for f in measure.findings] == ["1号冰箱（A）2026-10-31 第2次温度记录缺失",
                                                    "1号冰柜（B）2026年10月 无温度记录（未记录）"]
    item = Item("cold_chain_monitoring", "冷链监测记录", 0, Rule("per_occurrence", {}))
    points = [d.points for d in per_occurrence(item, measure, {"points": 0.2, "tagged": {"unrecorded": 1}})]
    assert points == [-0.2, -1.0]
    assert cold_chain_gaps(rows, Context(date(2026, 1, 1), date(2026, 7, 1), date(2026, 11, 4))).examined == 0

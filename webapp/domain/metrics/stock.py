"""Stock metrics over the unit's `stock_movement` records and its doses as the stock sees them (rows.stock).

hepb_ledger (范本1 四.1 乙肝疫苗帐, 范本2 4 新生儿乙肝疫苗管理) — the HepB lots with a monthly count dated in the period
(`examined`); a finding per lot whose last count in the period differs from the book that day (received + returned −
issued − wasted − given, domain/stock.py), with the lot, the count record and the figures. No count in the period:
nothing examined (the unit has not started recording its stock; the item stays with the assessor).
stock_system_match (范本1 八(四)3 信息系统疫苗与库存一致) — the same checks for every vaccine over the period's second
half (the plan counts it only in the H2 assessment); a finding per vaccine with a lot whose count differs.
stock_records (范本2 7 疫苗领发记录完整) — the receipts, issues and returns dated in the period (`examined`); a finding
per record without a name, quantity, manufacturer, lot, expiry date or the person who moved it.
Rows: stock — movements (kind receive|issue|return|waste|count, id, on_date, vaccine, lot_no, doses, manufacturer,
expiry_date, by, note) and the unit's doses of the stocked vaccines (kind `dose`, id, on_date, vaccine, lot_no,
expiry_date), both dated up to the period's last day.
"""

import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from webapp.domain.metrics.context import Context, UnitRows, blank
from webapp.domain.rubric.model import Evidence, Finding, Measure
from webapp.domain.stock import CountCheck, Dose, count_checks

CATALOGUE = Path(__file__).resolve().parent.parent.parent / "data" / "vaccines.json"
HEPB = "HepB"
RECORD_FIELDS = {"vaccine": ("名称", "name"), "doses": ("数量", "quantity"),
                 "manufacturer": ("生产单位", "manufacturer"), "lot_no": ("批号", "lot"),
                 "expiry_date": ("失效期", "expiry date"), "by": ("领发人", "handled by")}
LEDGER_KINDS = ("receive", "issue", "return")


@cache
def _names() -> dict:
    """vaccine code → (Chinese name, English name), from the shipped catalogue."""
    entries = json.loads(CATALOGUE.read_text(encoding="utf-8"))["vaccines"]
    return {v["code"]: (v.get("zh") or v["code"], v.get("en") or v["code"]) for v in entries}


def vaccine_names(code: str) -> tuple[str, str]:
    """(zh, en) name of a vaccine; the code itself when the catalogue does not know it."""
    return _names().get(code, (code, code))


def _split(rows: UnitRows, last: date) -> tuple[list[dict], list[Dose]]:
    """The movements (as stock_movement data with their id) dated up to `last`, and the doses of their lots (a lot
    the stock never moved has no count to check); kept in the rows' cache per day."""
    key = ("stock_split", last)
    if key not in rows.cache:
        moves = [{"id": r.id, "kind": r.kind, "vaccine": r.vaccine, "lot_no": r.lot_no, "doses": r.doses,
                  "on_date": r.on_date, "expiry_date": r.expiry_date, "manufacturer": r.manufacturer}
                 for r in rows.stock if r.kind != "dose" and r.on_date is not None and r.on_date <= last]
        lots = {(m["vaccine"], m["lot_no"]) for m in moves}
        doses = [Dose(r.id, r.vaccine, r.lot_no, r.on_date, r.expiry_date) for r in rows.stock
                 if r.kind == "dose" and r.on_date is not None and r.on_date <= last and (r.vaccine, r.lot_no) in lots]
        rows.cache[key] = (moves, doses)
    return rows.cache[key]


def _checks(rows: UnitRows, start: date, ctx: Context, vaccine: str | None = None) -> list[CountCheck]:
    """The lots' last counts in [start, the last day] (of one vaccine when given), against their book."""
    if start > ctx.last_day:
        return []
    moves, doses = _split(rows, ctx.last_day)
    if vaccine is not None:
        moves, doses = [m for m in moves if m["vaccine"] == vaccine], [d for d in doses if d.vaccine == vaccine]
    return count_checks(moves, doses, start, ctx.last_day + timedelta(days=1))


def _figures(c: CountCheck) -> tuple[str, str]:
    zh, en = vaccine_names(c.vaccine)
    return (f"{zh} 批号{c.lot_no}：{c.on_date} 盘点{c.counted}剂，帐面{c.book}剂（入库{c.received} + 退回{c.returned}"
            f" − 发出{c.issued} − 报损{c.wasted} − 接种{c.given}），差{c.difference:+d}剂",
            f"{en} lot {c.lot_no}: {c.on_date} counted {c.counted} doses, book {c.book} (received {c.received} + "
            f"returned {c.returned} − issued {c.issued} − wasted {c.wasted} − given {c.given}), "
            f"difference {c.difference:+d}")


def _evidence(c: CountCheck) -> tuple:
    lot = Evidence("stock_lot", f"{c.vaccine}|{c.lot_no}")
    return (lot, Evidence("stock_movement", c.count_id)) if c.count_id else (lot,)


def hepb_ledger(rows: UnitRows, ctx: Context) -> Measure:
    """HepB lots counted in the period whose count does not match the book (苗账不符)."""
    checks = _checks(rows, ctx.start, ctx, HEPB)
    findings = []
    for c in checks:
        if c.difference:
            zh, en = _figures(c)
            findings.append(Finding(zh, _evidence(c), en))
    return Measure(examined=len(checks), findings=findings, label="乙肝疫苗盘点", label_en="HepB counts")


def second_half(ctx: Context) -> date:
    """The first day of the second half of the period's year, or the period's start when later (范本1 八(四)3)."""
    return max(ctx.start, date(ctx.start.year, 7, 1))


def stock_system_match(rows: UnitRows, ctx: Context) -> Measure:
    """Vaccines with a lot counted in the period's second half whose count does not match the book."""
    checks = _checks(rows, second_half(ctx), ctx)
    by_vaccine: dict[str, list[CountCheck]] = {}
    for c in checks:
        by_vaccine.setdefault(c.vaccine, []).append(c)
    findings = []
    for _vaccine, lots in sorted(by_vaccine.items()):
        wrong = [c for c in lots if c.difference]
        if wrong:
            zh, en = zip(*(_figures(c) for c in wrong), strict=True)
            findings.append(Finding("；".join(zh), tuple(e for c in wrong for e in _evidence(c)), "; ".join(en)))
    return Measure(examined=len(by_vaccine), findings=findings, label="疫苗盘点", label_en="Vaccine counts")


def stock_records(rows: UnitRows, ctx: Context) -> Measure:
    """Receipts, issues and returns of the period; each one lacking a field of a complete 领发记录 is a finding."""
    moved = [r for r in rows.stock
             if r.kind in LEDGER_KINDS and ctx.in_period(r.on_date) and r.on_date <= ctx.last_day]
    findings = []
    for r in moved:
        missing = [f for f in RECORD_FIELDS if blank(getattr(r, f, None))]
        if missing:
            zh, en = vaccine_names(r.vaccine or "")
            lack_zh, lack_en = ("、".join(RECORD_FIELDS[f][0] for f in missing),
                                ", ".join(RECORD_FIELDS[f][1] for f in missing))
            findings.append(Finding(f"{r.on_date} {zh} 批号{r.lot_no or ''}：领发记录缺{lack_zh}",
                                    (Evidence("stock_movement", r.id),),
                                    f"{r.on_date} {en} lot {r.lot_no or ''}: record lacks {lack_en}"))
    return Measure(examined=len(moved), findings=findings, label="疫苗领发记录", label_en="Vaccine receipt and issue")

"""Cold-chain metrics over the unit's `temperature_reading` records and its equipment register.

The judged days run from the period's start, or from the unit's first reading when it began recording later, to the
period's last finished day (today is not over). A period without any reading of the unit examines nothing: the unit
has not started recording its cold chain in the system, so the item stays with the assessor (pending, not a loss).
cold_chain_gaps (范本1 五.7⑵ 冷链监测记录) — the reading slots the unit's active appliances owe over the judged days
(`examined`, readings_per_day a day, domain/cold_chain.missing_slots); a finding per missing slot ("day, reading
N", with the appliance), or one finding tagged `unrecorded` per appliance and month without any reading (未记录).
cold_chain_logs (范本2 7 温度监测记录) — the active appliances judged (`examined`); a finding per appliance whose log
has a missing slot or a reading outside its range without the action taken (不完善), with the appliance, the slots
and the readings.
Rows: readings (id, equipment_code, read_on, celsius, action): those of the period and the unit's first reading
before it, when any; equipment (code, name, kind, range_min, range_max, readings_per_day, active).
"""

from collections import Counter
from datetime import date, timedelta

from webapp.domain.cold_chain import Gap, missing_slots, outside
from webapp.domain.metrics.context import Context, UnitRows, blank
from webapp.domain.rubric.model import Evidence, Finding, Measure

UNRECORDED = "unrecorded"


def judged_days(rows: UnitRows, ctx: Context) -> list[date]:
    """The days the unit's readings are judged on (none when the period holds no reading of the unit)."""
    last = min(ctx.last_day, ctx.today - timedelta(days=1))
    seen = [r.read_on for r in rows.readings if r.read_on is not None and r.read_on <= last]
    if not any(ctx.start <= day for day in seen):
        return []
    first = max(ctx.start, min(seen))
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _months(days: list[date]) -> dict[str, list[date]]:
    out: dict[str, list[date]] = {}
    for day in days:
        out.setdefault(f"{day:%Y-%m}", []).append(day)
    return out


def _appliances(rows: UnitRows) -> list:
    return sorted((e for e in rows.equipment if e.active), key=lambda e: e.code)


def _slot_finding(appliance, gap: Gap) -> Finding:
    evidence = (Evidence("temperature_slot", f"{appliance.code}|{gap.day}|{gap.slot}"),
                Evidence("equipment", appliance.code))
    return Finding(f"{appliance.name}（{appliance.code}）{gap.day} 第{gap.slot}次温度记录缺失", evidence,
                   f"{appliance.name} ({appliance.code}) {gap.day} reading {gap.slot} missing")


def _month_finding(appliance, month: str) -> Finding:
    return Finding(f"{appliance.name}（{appliance.code}）{month[:4]}年{month[5:]}月 无温度记录（未记录）",
                   (Evidence("equipment", appliance.code),),
                   f"{appliance.name} ({appliance.code}) {month}: no reading at all (not recorded)", tag=UNRECORDED)


def _per_day(rows: UnitRows, days: list[date]) -> dict[str, Counter]:
    first, last = (days[0], days[-1]) if days else (None, None)
    out: dict[str, Counter] = {}
    for r in rows.readings:
        if first is not None and r.read_on is not None and first <= r.read_on <= last:
            out.setdefault(r.equipment_code, Counter())[r.read_on] += 1
    return out


def cold_chain_gaps(rows: UnitRows, ctx: Context) -> Measure:
    """Missing reading slots of the judged days; an appliance-month without any reading is one `unrecorded`."""
    days = judged_days(rows, ctx)
    counts, findings, owed = _per_day(rows, days), [], 0
    for appliance in _appliances(rows) if days else ():
        owed += len(days) * appliance.readings_per_day
        mine = counts.get(appliance.code, Counter())
        for month, month_days in _months(days).items():
            if not any(mine[day] for day in month_days):
                findings.append(_month_finding(appliance, month))
            else:
                findings += [_slot_finding(appliance, g)
                             for g in missing_slots(month_days, appliance.readings_per_day, mine)]
    return Measure(examined=owed, findings=findings, label="冷链温度记录", label_en="Cold chain readings")


def cold_chain_logs(rows: UnitRows, ctx: Context) -> Measure:
    """Appliances whose log over the judged days misses a slot or an excursion's action (不完善)."""
    days = judged_days(rows, ctx)
    counts, findings, appliances = _per_day(rows, days), [], _appliances(rows) if days else []
    for appliance in appliances:
        gaps = missing_slots(days, appliance.readings_per_day, counts.get(appliance.code, Counter()))
        bare = [r for r in rows.readings if r.equipment_code == appliance.code and r.read_on in counts.get(
            appliance.code, ()) and outside(r.celsius, appliance.range_min, appliance.range_max) and blank(r.action)]
        if gaps or bare:
            evidence = (Evidence("equipment", appliance.code),
                        *(Evidence("temperature_reading", r.id) for r in sorted(bare, key=lambda r: r.read_on)),
                        *(Evidence("temperature_slot", f"{appliance.code}|{g.day}|{g.slot}") for g in gaps))
            findings.append(Finding(
                f"{appliance.name}（{appliance.code}）温度监测记录不完善：漏测{len(gaps)}次，超温未填处理措施{len(bare)}次",
                evidence, f"{appliance.name} ({appliance.code}) temperature log incomplete: {len(gaps)} readings "
                          f"missing, {len(bare)} out of range without the action taken"))
    return Measure(examined=len(appliances), findings=findings, label="冷链设备温度监测记录",
                   label_en="Appliance temperature logs")

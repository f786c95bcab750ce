"""County surveillance reads: indicators per unit/township/county, silent and under-reporting units, lot signals."""

from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select

from webapp.domain.aefi.clusters import ClusterCase, detect_clusters
from webapp.domain.aefi.indicators import IndicatorCase, compute_indicators
from webapp.domain.aefi.lots import LotReport, lot_signals
from webapp.domain.aefi.silence import silent_periods, under_reporting
from webapp.domain.periods import Period, periods_between
from webapp.extensions import db
from webapp.models import County, Record, Township, Unit
from webapp.services.aefi.cases import load_cases
from webapp.services.aefi.settings import aefi_settings, cluster_settings
from webapp.services.scope import unit_codes_for

LEVELS = ("unit", "township", "county")


def doses_by_unit(units, start: date, end: date) -> Counter:
    """Vaccination records given in [start, end) per unit."""
    rows = db.session.execute(select(Record.unit_code, func.count()).where(
        Record.kind == "vaccination", Record.deleted.is_(False), Record.unit_code.in_(list(units)),
        Record.event_date >= start, Record.event_date < end).group_by(Record.unit_code)).all()
    return Counter(dict(rows))


def births_by_unit(units, start: date, end: date) -> Counter:
    """Registered children born in [start, end) per unit (the surviving-infant denominator, where known)."""
    rows = db.session.execute(select(Record.unit_code, func.count()).where(
        Record.kind == "child", Record.deleted.is_(False), Record.unit_code.in_(list(units)),
        Record.event_date >= start, Record.event_date < end).group_by(Record.unit_code)).all()
    return Counter(dict(rows))


def unit_groups(user, level: str) -> dict[str, dict]:
    """Groups of the user's units at a level: {code: {'name', 'units'}}."""
    rows = db.session.execute(select(Unit.code, Unit.name, Township.code, Township.name, County.code, County.name)
                              .join(Township, Unit.township_code == Township.code)
                              .join(County, Township.county_code == County.code)
                              .where(Unit.code.in_(unit_codes_for(user))).order_by(Unit.code)).all()
    groups: dict[str, dict] = {}
    for unit, unit_name, town, town_name, county, county_name in rows:
        code, name = {"unit": (unit, unit_name), "township": (town, town_name), "county": (county, county_name)}[level]
        groups.setdefault(code, {"name": name, "units": []})["units"].append(unit)
    return groups


def indicator_rows(user, period: Period, level: str) -> list[dict]:
    """One row of indicators per group at the level, for cases with onset in the period."""
    cases = load_cases(user, period.start, period.end)
    groups = unit_groups(user, level)
    all_units = [u for g in groups.values() for u in g["units"]]
    doses, births = doses_by_unit(all_units, period.start, period.end), births_by_unit(all_units, period.start,
                                                                                         period.end)
    rows = []
    for code, group in groups.items():
        members = [_indicator_case(c) for c in cases if c.unit in group["units"]]
        dose_count = sum(doses[u] for u in group["units"])
        infants = sum(births[u] for u in group["units"]) or None
        rows.append({"code": code, "name": group["name"], "cases": len(members), "doses": dose_count,
                     "infants": infants, "indicators": compute_indicators(members, dose_count, infants)})
    return rows


def _indicator_case(case) -> IndicatorCase:
    return IndicatorCase(case.id, case.timers, case.classified, case.urgent)


def silent_units(user, year: int, today: date) -> list[dict]:
    """Per unit: quarters of the year without any report, whether the whole year was silent, and the
    Poisson test of the year's count against its doses."""
    settings = aefi_settings()
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    quarters = periods_between(start, end - timedelta(days=1), "quarterly")
    onsets = defaultdict(list)
    for case in load_cases(user, start, end):
        onsets[case.unit].append(case.onset)
    rows = []
    for code, group in unit_groups(user, "unit").items():
        doses = doses_by_unit([code], start, min(end, today + timedelta(days=1)))[code]
        test = under_reporting(doses, len(onsets[code]), settings.reference_rate, settings.poisson_threshold)
        rows.append({"unit": code, "name": group["name"], "observed": len(onsets[code]),
                     "silent_quarters": [q.name for q in silent_periods(quarters, onsets[code], today)],
                     "silent_year": end <= today and not onsets[code], "test": test})
    return rows


def lot_signal_list(user, start: date, end: date) -> list:
    """Lot signals for onsets in [start, end], with the lots' doses counted from vaccination records."""
    settings = aefi_settings()
    reports = [LotReport(c.id, c.unit, v.get("vaccine", ""), str(v.get("lot_no", "")), c.onset)
               for c in load_cases(user, start, end + timedelta(days=1)) for v in c.data.get("vaccines", [])]
    doses = _doses_by_lot(unit_codes_for(user), start - settings.lot_window, end + timedelta(days=1))
    return lot_signals(reports, doses, start, end, settings.reference_rate, settings.lot_threshold)


def _doses_by_lot(units, start: date, end: date) -> Counter:
    out = Counter()
    rows = db.session.execute(select(Record.data).where(
        Record.kind == "vaccination", Record.deleted.is_(False), Record.unit_code.in_(list(units)),
        Record.event_date >= start, Record.event_date < end)).scalars()
    for data in rows:
        out[(data.get("vaccine", ""), str(data.get("lot_no", "")).strip().upper())] += 1
    return out


def suspected_clusters(cases) -> list:
    """The suspected clusters among the cases (domain/aefi/clusters.py), with the county's window and minimum."""
    days, minimum = cluster_settings()
    rows = [ClusterCase(c.id, c.unit, (c.data.get("vaccines") or [{}])[0].get("vaccine", ""), c.onset,
                        bool(c.data.get("cluster"))) for c in cases]
    return detect_clusters(rows, days, minimum)

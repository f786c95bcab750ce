"""The zero-report calendar for a user's scope: units × periods of the county's cadence."""

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from webapp.dbtypes import utcnow
from webapp.domain.aefi.calendar import ZeroReport, unit_row
from webapp.domain.aefi.clocks import corrected, county_date, county_today, parse_dt
from webapp.domain.periods import parse_period, period_of, periods_between
from webapp.extensions import db
from webapp.models import Record, Unit
from webapp.services.aefi.cases import scoped_reports
from webapp.services.aefi.settings import aefi_settings
from webapp.services.scope import unit_codes_for


def calendar_periods(first: str, last: str, cadence: str):
    """The cadence's periods from the start of period `first` to the end of period `last`."""
    start, end = parse_period(first), parse_period(last)
    if end.end <= start.start:
        raise ValueError("to before from")
    return periods_between(start.start, end.last_day, cadence)


def zero_report_calendar(user, first: str, last: str) -> dict:
    """{'cadence', 'periods', 'units': [{'unit', 'name', 'cells'}]} for the user's units."""
    settings = aefi_settings()
    periods = calendar_periods(first, last, settings.cadence)
    units = _units(unit_codes_for(user))
    cases = _case_ids_by_unit_period(user, settings)
    zeros = _zero_reports_by_unit_period([u.code for u in units], settings.timezone)
    today = county_today(utcnow(), settings.timezone)
    rows = [{"unit": u.code, "name": u.name,
             "cells": unit_row(periods, cases[u.code], zeros[u.code], today, settings.grace_days)} for u in units]
    return {"cadence": settings.cadence, "periods": [p.name for p in periods], "units": rows}


def _units(codes) -> list[Unit]:
    return list(db.session.execute(select(Unit).where(Unit.code.in_(codes)).order_by(Unit.code)).scalars())


def _case_ids_by_unit_period(user, settings) -> dict:
    out = defaultdict(lambda: defaultdict(list))
    for record in db.session.execute(scoped_reports(user)).scalars():
        onset = county_date(parse_dt(record.data["onset_at"]), settings.timezone)
        out[record.unit_code][period_of(onset, settings.cadence)].append(record.id)
    return out


def _zero_reports_by_unit_period(unit_codes, tz_name) -> dict:
    out = defaultdict(dict)
    rows = db.session.execute(select(Record).where(Record.kind == "aefi_zero_report", Record.deleted.is_(False),
                                                   Record.unit_code.in_(unit_codes))).scalars()
    for record in rows:
        skew = record.captured_at - record.corrected_at
        attested = corrected(parse_dt(record.data.get("attested_at")), skew) or record.corrected_at
        out[record.unit_code][record.data["period"]] = ZeroReport(record.id, county_date(attested, tz_name))
    return out


def calendar_json(calendar: dict) -> dict:
    """The API shape of a calendar."""
    return {"cadence": calendar["cadence"],
            "units": [{"unit": row["unit"], "name": row["name"],
                       "periods": [_cell_json(c) for c in row["cells"]]} for row in calendar["units"]]}


def _cell_json(cell) -> dict:
    body = {"period": cell.period, "state": cell.state, "cases": cell.cases}
    if cell.zero_report_id:
        body["zero_report"] = cell.zero_report_id
        body["late_attestation"] = cell.late_attestation
    return body


def default_range(today: date) -> tuple[str, str]:
    """This year's first and current month, as period names."""
    return f"{today.year}-01", f"{today.year}-{today.month:02d}"

"""County overviews: indicators (with the cases behind each number), zero-report calendar, silent and
under-reporting units, lot signals, device and data-flow health."""

from datetime import date, timedelta

from flask import abort, g, render_template, request
from flask_babel import gettext as _

from webapp.access import pages
from webapp.dbtypes import utcnow
from webapp.domain.periods import parse_day, parse_period, parse_year
from webapp.errors import bad_request
from webapp.review.blueprint import bp
from webapp.services import county
from webapp.services.accounts.device_health import device_rows
from webapp.services.aefi import labels
from webapp.services.aefi.calendar import calendar_periods, default_range, zero_report_calendar
from webapp.services.aefi.cases import load_cases
from webapp.services.aefi.settings import aefi_settings
from webapp.services.aefi.surveillance import LEVELS, indicator_rows, lot_signal_list, silent_units


def _period_arg(default: str):
    try:
        return parse_period(request.args.get("period") or default)
    except ValueError:
        abort(400)


@bp.get("/indicators")
@pages("county")
def indicators():
    """Indicators per unit, township or county for a period."""
    period = _period_arg(str(county.today().year))
    level = request.args.get("level", "unit")
    if level not in LEVELS:
        abort(400)
    return render_template("review/indicators.html", rows=indicator_rows(g.user, period, level), period=period,
                           level=level, labels=labels)


@bp.get("/indicators/cases")
@pages("county")
def indicator_cases():
    """The cases behind one number of the indicator table (numerator or denominator)."""
    period = _period_arg(str(county.today().year))
    level, group, code = request.args.get("level", "unit"), request.args.get("group"), request.args.get("indicator")
    part = request.args.get("part", "numerator")
    if level not in LEVELS or code not in labels.INDICATOR or part not in ("numerator", "denominator"):
        abort(400)
    rows = [r for r in indicator_rows(g.user, period, level) if r["code"] == group]
    if not rows:
        abort(404)
    ids = set(getattr(rows[0]["indicators"][code], f"{part}_ids", ()))
    cases = [c for c in load_cases(g.user, period.start, period.end) if c.id in ids]
    title = f"{labels.INDICATOR[code]} · {rows[0]['name']} · {period.name}"
    return render_template("review/queue.html", cases=cases, labels=labels, status=None, title=title)


@bp.get("/calendar")
@pages("county")
def calendar():
    """The zero-report calendar: units × periods of the county's cadence."""
    first_default, last_default = default_range(county.today())
    first, last = request.args.get("from") or first_default, request.args.get("to") or last_default
    try:
        calendar_periods(first, last, aefi_settings().cadence)
    except ValueError:
        abort(400)
    return render_template("review/calendar.html", cal=zero_report_calendar(g.user, first, last), first=first,
                           last=last, labels=labels)


@bp.get("/silent")
@pages("county")
def silent():
    """Units with silent quarters or years, and the Poisson test of each unit's count."""
    year = _year_arg()
    settings = aefi_settings()
    return render_template("review/silent.html", rows=silent_units(g.user, year, county.today()), year=year,
                           settings=settings)


@bp.get("/lots")
@pages("county")
def lots():
    """Vaccine lots with reports from several units, or more reports than their doses make likely."""
    end = _date_arg("to", county.today())
    start = _date_arg("from", end - aefi_settings().lot_window)
    return render_template("review/lots.html", signals=lot_signal_list(g.user, start, end), start=start, end=end,
                           labels=labels, cases={c.id: c for c in load_cases(g.user, start, end + timedelta(days=1))})


def _year_arg() -> int:
    if not request.args.get("year"):
        return county.today().year
    try:
        return parse_year(request.args["year"])
    except ValueError:
        bad_request(_("年份无效：应为 1000–9999 之间的四位数字"))


def _date_arg(name: str, default: date) -> date:
    try:
        return parse_day(request.args[name]) if request.args.get(name) else default
    except ValueError:
        abort(400)


@bp.get("/devices")
@pages("county", "admin")
def devices():
    """Per device and nurse: last sync, outbox depth, oldest unsynced record, app version, clock offset."""
    days = aefi_settings().device_silent_days
    return render_template("review/devices.html", rows=device_rows(g.user, utcnow(), days), days=days)

"""GET /api/v1/aefi/zero-report-calendar: the zero-report calendar of the caller's units."""

from flask import g, request
from flask_babel import gettext as _

from webapp.access import api
from webapp.api.blueprint import bp
from webapp.dbtypes import utcnow
from webapp.domain.aefi.clocks import county_today
from webapp.domain.periods import parse_period
from webapp.errors import ApiError
from webapp.services.aefi.calendar import calendar_json, default_range, zero_report_calendar
from webapp.services.aefi.settings import aefi_settings

MAX_YEARS = 5


@bp.get("/aefi/zero-report-calendar")
@api("county", "admin", "nurse")
def zero_report_calendar_api():
    """Units × periods with cases / zero / silent / contradicted / open, for the caller's scope."""
    first_default, last_default = default_range(county_today(utcnow(), aefi_settings().timezone))
    first = request.args.get("from", first_default)
    last = request.args.get("to", last_default)
    errors = {name: [_("期间格式应为 2026、2026-Q1、2026-03 等")] for name, value in (("from", first), ("to", last))
              if not _valid(value)}
    if not errors and parse_period(last).end <= parse_period(first).start:
        errors["to"] = [_("结束期间不能早于开始期间")]
    elif not errors and parse_period(last).start.year - parse_period(first).start.year > MAX_YEARS:
        errors["to"] = [_("查询范围最多 5 年")]
    if errors:
        raise ApiError(422, _("查询参数无效"), errors=errors)
    return calendar_json(zero_report_calendar(g.user, first, last))


def _valid(name: str) -> bool:
    try:
        parse_period(name)
    except ValueError:
        return False
    return True

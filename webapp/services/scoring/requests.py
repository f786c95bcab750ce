"""Check a scores request (template, period, unit) against the catalogue and the user's scope."""

from flask_babel import gettext as _

from webapp.domain.periods import parse_period
from webapp.services.scope import unit_codes_for
from webapp.services.scoring.rubrics import get_template

SCORE_PERIOD_KINDS = ("year", "half", "quarter", "month")


def valid_period(name: str) -> bool:
    """A year, half-year, quarter or month."""
    try:
        return parse_period(name).kind in SCORE_PERIOD_KINDS
    except ValueError:
        return False


def resolve_request(user, args) -> tuple:
    """(template, period, unit, errors); errors is a field map, "forbidden", or None."""
    template = get_template(args.get("template", ""))
    period = args.get("period", "")
    unit = args.get("unit") or (user.scope_code if user.role == "nurse" else "")
    errors = {}
    if template is None:
        errors["template"] = [_("未知的考核方案")]
    if not valid_period(period):
        errors["period"] = [_("期间应为年、半年、季度或月，如 2026、2026-H1、2026-Q3、2026-11")]
    if not unit:
        errors["unit"] = [_("请指定接种单位")]
    if errors:
        return template, period, unit, errors
    if unit not in unit_codes_for(user):
        return template, period, unit, "forbidden"
    return template, period, unit, None

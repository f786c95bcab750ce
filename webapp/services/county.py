"""The county's own settings every area reads: its time zone, today's date there, its zero-report cadence."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def zone() -> ZoneInfo:
    """The county's time zone (COUNTY_TIMEZONE, Asia/Shanghai by default)."""
    return ZoneInfo(current_app.config.get("COUNTY_TIMEZONE") or "Asia/Shanghai")


def today() -> date:
    """Today's date in the county's time zone."""
    return datetime.now(zone()).date()


def cadence() -> str:
    """The county's AEFI zero-report cadence (ZERO_REPORT_CADENCE: weekly, dekad, monthly or quarterly)."""
    return current_app.config.get("ZERO_REPORT_CADENCE") or "monthly"


def gk_rules() -> bool:
    """Whether rules marked [GK] in domain.md (unverified, e.g. the HepB intervals of 三.4) may cost points
    (SCORE_GK_RULES, off by default)."""
    return bool(current_app.config.get("SCORE_GK_RULES"))

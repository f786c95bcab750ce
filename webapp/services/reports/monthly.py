"""Compute a unit's 常规免疫接种情况月报 for a month from the registry (domain/reports/monthly.py counts it).

The registry children's schedule views on the month's last day and on the day before its first come from the
scores' stored views (services/scoring/schedule_statuses.py): both are month ends, so they are kept between
computations and only a child whose records changed is evaluated again.
"""

from datetime import date, timedelta
from types import SimpleNamespace

from flask_babel import gettext as _
from sqlalchemy import select

from webapp.domain.metrics.context import UnitRows
from webapp.domain.periods import parse_period
from webapp.domain.reports.monthly import ReportChild, monthly_report
from webapp.domain.schedule.dates import parse_date
from webapp.extensions import db
from webapp.models import Record
from webapp.services import county
from webapp.services.scope import unit_codes_for
from webapp.services.scoring.rows import dose_histories
from webapp.services.scoring.schedule_statuses import prime_statuses


def _day(value) -> date | None:
    try:
        return parse_date(value) if value else None
    except (TypeError, ValueError):
        return None


def registry_children(unit: str) -> list:
    """The unit's live registry children: (ReportChild, birth date, change position)."""
    rows = db.session.execute(select(Record.id, Record.event_date, Record.change_seq, Record.data).where(
        Record.kind == "child", Record.deleted.is_(False), Record.unit_code == unit)).all()
    out = []
    for child_id, birth, seq, data in rows:
        if birth is None:
            continue
        out.append((ReportChild(child_id, data.get("village_code"), data.get("residence") == "migrant",
                                data.get("status") or "active", _day(data.get("status_on"))), birth, seq))
    return out


def compute_monthly(unit: str, month: str) -> dict:
    """GET /api/v1/reports/monthly's body for a unit and a month (`2026-11`), both already checked."""
    period = parse_period(month)
    first, last = period.start, period.last_day
    children = registry_children(unit)
    rows = UnitRows(unit, children=[SimpleNamespace(id=c.id, birth_date=b, change_seq=s) for c, b, s in children],
                    full_history=False)
    before = first - timedelta(days=1)
    prime_statuses({unit: rows}, [before, last], lambda ids: dose_histories([unit], ids), county.today())
    report = monthly_report([c for c, _b, _s in children], rows.cache[("schedule_status", before)],
                            rows.cache[("schedule_status", last)], first)
    return {"unit": unit, "month": month, **report}


def check_request(user, args) -> tuple:
    """(unit, month, errors): errors maps field → messages, or is "forbidden" for a unit outside the scope."""
    unit = (args.get("unit") or (user.scope_code if user.role == "nurse" else "")).strip()
    month = (args.get("month") or "").strip()
    errors = {}
    if not unit:
        errors["unit"] = [_("请指定接种单位")]
    if not _is_month(month):
        errors["month"] = [_("月份格式应为 2026-11")]
    elif parse_period(month).start > county.today():
        errors["month"] = [_("该月尚未开始")]
    if errors:
        return unit, month, errors
    if unit not in unit_codes_for(user):
        return unit, month, "forbidden"
    return unit, month, None


def _is_month(value: str) -> bool:
    try:
        return parse_period(value).kind == "month"
    except ValueError:
        return False

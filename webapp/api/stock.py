"""GET /api/v1/stock: a unit's vaccine stock by lot on a day (county users for their county, nurses for their unit)."""

from datetime import date

from flask import g, request
from flask_babel import gettext as _

from webapp.access import api
from webapp.api.blueprint import bp
from webapp.errors import ApiError
from webapp.services import county
from webapp.services.scope import may_read_unit
from webapp.services.stock.lots import unit_stock


def _query_day(name: str) -> date:
    text = request.args.get(name)
    if not text:
        return county.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ApiError(422, _("数据无效，请检查标出的字段"), errors={name: [_("日期无效，应为 YYYY-MM-DD")]}) from None


@bp.get("/stock")
@api("nurse", "county")
def stock():
    """{"unit","on","lots":[{vaccine, lot_no, expiry_date, received, issued, returned, wasted, given, balance,
    counted, …}],"expired_doses":[…]}."""
    unit = request.args.get("unit", "")
    if not unit:
        raise ApiError(422, _("数据无效，请检查标出的字段"), errors={"unit": [_("必填字段")]})
    on = _query_day("on")
    if not may_read_unit(g.user, unit):
        raise ApiError(403, _("无权查看该单位"), errors={"unit": [_("无权查看该单位")]})
    return unit_stock(unit, on)

"""GET /api/v1/due: the 应种通知 list of a unit on a day (records.md); a nurse her unit, a county user its units."""

from datetime import date

from flask import g, jsonify, request
from flask_babel import gettext as _

from webapp.access import api
from webapp.api.blueprint import bp
from webapp.errors import ApiError
from webapp.services import county
from webapp.services.scope import unit_codes_for
from webapp.services.scoring.due_list import due_list


def _on(value: str | None) -> date:
    if not value:
        return county.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, _("参数无效"), errors={"on": [_("日期格式应为 YYYY-MM-DD")]}) from None


def _units(user, unit: str | None) -> list[str]:
    allowed = unit_codes_for(user)
    if not unit:
        return allowed  # a nurse's own unit; a county user's every unit
    if unit not in allowed:
        raise ApiError(403, _("无权查看该单位"), errors={"unit": [_("无权查看该单位")]})
    return [unit]


@bp.get("/due")
@api("county", "admin", "nurse")
def get_due():
    """The children with doses due on `on` (default today), with the dose groups and since when."""
    on = _on(request.args.get("on"))
    return jsonify(due_list(_units(g.user, request.args.get("unit")), on))

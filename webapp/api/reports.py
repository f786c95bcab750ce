"""GET /api/v1/reports/monthly: a unit's 常规免疫接种情况月报 (records.md "County reads")."""

from flask import g, jsonify, request
from flask_babel import gettext as _

from webapp.access import api
from webapp.api.blueprint import bp
from webapp.errors import ApiError
from webapp.services.reports.monthly import check_request, compute_monthly


@bp.get("/reports/monthly")
@api("county", "admin", "nurse")
def monthly_report():
    """应种/实种 per village and dose group, and the unit's totals, for one month."""
    unit, month, errors = check_request(g.user, request.args)
    if errors == "forbidden":
        raise ApiError(403, _("无权查看该单位"))
    if errors:
        raise ApiError(422, _("参数无效"), errors=errors)
    return jsonify(compute_monthly(unit, month))

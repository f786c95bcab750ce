"""GET /api/v1/scores: a unit's scorecard for a template and period (records.md); a nurse sees only her unit."""

from flask import g, jsonify, request
from flask_babel import gettext as _

from webapp.access import api
from webapp.api.blueprint import bp
from webapp.domain.periods import parse_period
from webapp.errors import ApiError
from webapp.services.scoring.exports import scorecard_json
from webapp.services.scoring.history import record_snapshot
from webapp.services.scoring.requests import resolve_request
from webapp.services.scoring.scorecards import compute_scorecards, part_windows
from webapp.services.scoring.survey import survey_fields


@bp.get("/scores")
@api("county", "admin", "nurse")
def get_scores():
    """The scorecard: total, items, deductions with their evidence."""
    template, period, unit, errors = resolve_request(g.user, request.args)
    if errors == "forbidden":
        raise ApiError(403, _("无权查看该单位"))
    if errors:
        raise ApiError(422, _("参数无效"), errors=errors)
    card = compute_scorecards(template, [unit], period)[unit]
    if not card.no_data:
        record_snapshot(template, unit, period, card)
    body = scorecard_json(template, unit, period, card)
    body.update(survey_fields(part_windows(template, parse_period(period)), unit))
    return jsonify(body)

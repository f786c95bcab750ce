"""Scores: county ranking, unit scorecards, assessor entry, evidence drill-down, monthly QC summaries."""

from flask import Blueprint

bp = Blueprint("scores", __name__, url_prefix="/scores")


@bp.record_once
def _load_templates(state):
    """Validate every rubric template when the app starts: a broken one stops it, naming the item."""
    from webapp.services.rubrics import load_all

    with state.app.app_context():
        load_all()


from webapp.scores import assess, summary, views  # noqa: E402,F401

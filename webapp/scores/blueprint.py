"""The scores blueprint itself, apart from its views, so that no view imports the package that imports it."""

import click
from flask import Blueprint
from flask_babel import get_locale

from webapp.extensions import db
from webapp.services.scoring.history import recompute_all
from webapp.services.scoring.rubrics import load_all

bp = Blueprint("scores", __name__, url_prefix="/scores")


@bp.app_template_filter("rubric_title")
def rubric_title(node) -> str:
    """A template's, part's, section's or item's title in the current language (Chinese when it has no English)."""
    return node.title_for(get_locale())


@bp.app_template_filter("deduction_reason")
def deduction_reason(deduction) -> str:
    """A deduction's reason in the current language (Chinese when it has no English; an assessor's note as typed)."""
    return deduction.reason_for(get_locale())


@bp.record_once
def _load_templates(state):
    """Validate every rubric template when the app starts: a broken one stops it, naming the item."""

    with state.app.app_context():
        load_all()


@bp.cli.command("recompute")
@click.option("--period", default=None, help="2026, 2026-H1, 2026-Q3 or 2026-11 (default: this year)")
def recompute_cmd(period):
    """Recompute every unit's scorecards of every template; a changed score gets a snapshot saying why."""

    units, changed = recompute_all(period)
    db.session.commit()
    click.echo(f"{units} units, {changed} scorecards changed")

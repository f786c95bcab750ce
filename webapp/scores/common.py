"""Shared checks of the scores pages: a known template, a score period, a unit inside the user's scope."""

from datetime import date

from flask import abort, g, request
from flask_babel import get_locale

from webapp.extensions import db
from webapp.models import Unit
from webapp.services.scope import may_write_unit, unit_codes_for
from webapp.services.scoring.requests import valid_period
from webapp.services.scoring.rubrics import get_template, templates


def template_or_404(template_id: str):
    """The template, or 404."""
    template = get_template(template_id)
    if template is None:
        abort(404)
    return template


def period_or_404(period: str) -> str:
    """A year, half, quarter or month, or 404."""
    if not valid_period(period):
        abort(404)
    return period


def unit_or_404(unit: str, write: bool = False) -> str:
    """A unit the user may read (and write, when asked); otherwise 404 (no hint that it exists)."""
    if unit not in unit_codes_for(g.user) or (write and not may_write_unit(g.user, unit)):
        abort(404)
    return unit


def unit_name(unit: str) -> str:
    """A unit's name (the pages head with it; its code beside)."""
    found = db.session.get(Unit, unit)
    return found.name if found else unit


def chosen(today: date) -> tuple[str, str]:
    """The template and period asked for in the query string (defaults: 范本2, this year)."""
    template_id = request.args.get("template") or "evaluation-standard"
    period = request.args.get("period") or str(today.year)
    return template_or_404(template_id).id, period_or_404(period)


def template_choices() -> list[tuple[str, str]]:
    """(id, title in the current language) of every template, for the pickers."""
    return sorted((t.id, t.title_for(get_locale())) for t in templates().values())

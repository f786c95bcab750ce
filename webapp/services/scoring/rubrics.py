"""The rubric templates of this installation: every YAML file under webapp/rubrics/ (and RUBRICS_DIR, if set).

Loaded and validated once at start (`load_all`, called when the scores blueprint registers); a broken
template stops the app with an error naming the template and the item.
"""

from pathlib import Path

from flask import current_app

from webapp.domain.metrics import METRICS
from webapp.domain.rubric import load_template

BUILT_IN = Path(__file__).resolve().parents[2] / "rubrics"
_CACHE: dict = {}


def _directories() -> list[Path]:
    extra = current_app.config.get("RUBRICS_DIR") if current_app else None
    return [BUILT_IN] + ([Path(extra)] if extra else [])


def load_all(directories=None) -> dict:
    """Read and validate every template; returns id → Template (a county file overrides a built-in one)."""
    found = {}
    for directory in directories or _directories():
        for path in sorted(Path(directory).glob("*.yaml")):
            template = load_template(path, METRICS)
            found[template.id] = template
    _CACHE.clear()
    _CACHE.update(found)
    return found


def templates() -> dict:
    """id → Template, loading on first use."""
    return _CACHE or load_all()


def get_template(template_id: str):
    """The template with this id, or None."""
    return templates().get(template_id)

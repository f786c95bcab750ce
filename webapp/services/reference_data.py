"""Reference data shipped with the server: the vaccine catalogue, consent notice templates, schedule versions.

Files live in webapp/data/; they are read once per process. Schedules come from webapp/data/schedule/*.json
(the schedule area's files), when that folder exists.
"""

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def vaccine_catalogue() -> dict:
    """The vaccine catalogue: {"version", "vaccines": [{code, zh, en, category, series, route, legacy}]}."""
    return json.loads((DATA / "vaccines.json").read_text(encoding="utf-8"))


@cache
def vaccines_by_code() -> dict[str, dict]:
    """Catalogue entries keyed by vaccine code."""
    return {v["code"]: v for v in vaccine_catalogue()["vaccines"]}


@cache
def vaccine_codes() -> frozenset[str]:
    """Every known vaccine code."""
    return frozenset(vaccines_by_code())


@cache
def consent_templates() -> list[dict]:
    """Consent notice templates, each with versions holding the exact text and its sha256."""
    return json.loads((DATA / "consent_templates.json").read_text(encoding="utf-8"))["templates"]


@cache
def notice_versions() -> dict[tuple[str, str], dict]:
    """(template id, version) → that version (title, items, text, sha256)."""
    return {(t["id"], v["version"]): {**v, "vaccines": t["vaccines"]} for t in consent_templates()
            for v in t["versions"]}


def schedule_versions() -> list[dict]:
    """The schedule data files (webapp/data/schedule/*.json), each as {"id", "data"}; empty if none yet."""
    folder = DATA / "schedule"
    if not folder.is_dir():
        return []
    return [{"id": path.stem, "data": json.loads(path.read_text(encoding="utf-8"))}
            for path in sorted(folder.glob("*.json"))]


def vaccine_name(code: str | None, lang: str = "zh-CN") -> str:
    """A product's name from the catalogue (Chinese, or English for `en`); an unknown code as given."""
    entry = vaccines_by_code().get(code or "")
    if entry is None:
        return code or ""
    return entry.get("en" if lang.startswith("en") else "zh") or code

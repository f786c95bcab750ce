"""Constants shared by the server and the phone app, read from the one file both use (webapp/data/constants.json)."""

import json
from pathlib import Path

CONSTANTS_JSON = Path(__file__).resolve().parents[1] / "data" / "constants.json"
_SHARED = json.loads(CONSTANTS_JSON.read_text(encoding="utf-8"))

PUSH_LIMIT: int = _SHARED["push_limit"]
SCREENING_QUESTIONS: tuple[str, ...] = tuple(_SHARED["screening_questions"])
INFORMED_ITEMS: tuple[str, ...] = tuple(_SHARED["informed_items"])
ROSTER_HEADERS: dict[str, str] = dict(_SHARED["roster_headers"])
ROSTER_REQUIRED: tuple[str, ...] = tuple(_SHARED["roster_required"])

"""Constants the server and the phone share come from one file, webapp/data/constants.json, and neither keeps a copy."""

import json
import re
from pathlib import Path

from webapp.config import Defaults
from webapp.domain import constants
from webapp.services.schools import rosters

ROOT = Path(__file__).resolve().parents[1]
SHARED = json.loads((ROOT / "webapp" / "data" / "constants.json").read_text(encoding="utf-8"))
PWA_SRC = ROOT / "pwa" / "src"


def _sources(folder: Path, suffix: str) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in folder.rglob(f"*{suffix}")}


def test_the_server_reads_the_shared_values():
    assert SHARED["push_limit"] == Defaults.SYNC_MAX_ITEMS
    assert list(constants.SCREENING_QUESTIONS) == SHARED["screening_questions"]
    assert list(constants.INFORMED_ITEMS) == SHARED["informed_items"]
    assert SHARED["roster_headers"] == rosters.HEADERS and list(rosters.REQUIRED) == SHARED["roster_required"]


def test_the_phone_imports_the_shared_file_and_the_server_accepts_every_roster_title_it_does():
    constants_js = (PWA_SRC / "lib" / "constants.js").read_text(encoding="utf-8")
    assert "webapp/data/constants.json" in constants_js
    assert "class" in SHARED["roster_headers"]  # the title the phone used to refuse


def test_no_copy_of_a_shared_list_is_written_out_in_python_or_javascript():
    lists = [SHARED["screening_questions"], SHARED["informed_items"]]
    copies = []
    for path, text in {**_sources(ROOT / "webapp", ".py"), **_sources(PWA_SRC, ".js")}.items():
        flat = re.sub(r"\s+", "", text).replace('"', "'")
        for values in lists:
            if ",".join(f"'{v}'" for v in values[:4]) in flat:
                copies.append(f"{path.relative_to(ROOT)}: {values[0]}…")
        if re.search(r"PUSH_LIMIT\s*=\s*\d", text) or re.search(r"['\"]年级/班级['\"]\s*:", text):
            copies.append(f"{path.relative_to(ROOT)}: push limit or roster titles")
    assert copies == []

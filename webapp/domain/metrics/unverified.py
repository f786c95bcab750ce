"""Rules marked [GK] in domain.md (stated from memory, unverified): never cost points unless the county turns them on.

A rejected dose rests on a [GK] rule when it was rejected for an interval (the engine's `too_soon` or
`too_soon_first` message) in a series whose every interval setting is marked `"source": "GK"` in the schedule
files (webapp/data/schedule/*.json): today the HepB series (28 days, 60 days, 4 months, 三.4's 乙肝三针衔接).
The metric files such findings apart (the measure's `GK_GROUP` group); the scoring service adds them to the
findings only when SCORE_GK_RULES is on (services/county.py gk_rules()).
"""

import json
import re
from functools import lru_cache

from webapp.domain.schedule.book import DATA_DIR

GK_GROUP = "gk"
_INTERVAL_MESSAGES = ("too_soon", "too_soon_first")


def _files() -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(DATA_DIR.glob("*.json"))]


@lru_cache(maxsize=1)
def gk_interval_series() -> frozenset:
    """Series codes whose every dose interval is a [GK] setting (in every schedule version that defines them)."""
    files = _files()
    gk = {name for f in files for name, spec in (f.get("settings") or {}).items()
          if isinstance(spec, dict) and spec.get("source") == "GK"}
    verdict: dict = {}
    for f in files:
        for series in f.get("series") or ():
            refs = [slot.get(key) for slot in series.get("doses") or () for key in ("interval", "after_first")
                    if isinstance(slot.get(key), str)]
            if refs:
                verdict[series["code"]] = verdict.get(series["code"], True) and all(r[1:] in gk for r in refs)
    return frozenset(code for code, unverified in verdict.items() if unverified)


@lru_cache(maxsize=1)
def _interval_reason() -> re.Pattern:
    """The Chinese interval-rejection messages as one pattern."""
    texts = {f["messages"][key]["zh-CN"] for f in _files() for key in _INTERVAL_MESSAGES
             if key in (f.get("messages") or {})}
    parts = [re.sub(r"\\\{[a-z_]+\\\}", ".*", re.escape(t)) for t in sorted(texts)]
    return re.compile("|".join(f"(?:{p})" for p in parts))


def unverified_rejection(series: str | None, reason: str) -> bool:
    """True when the engine rejected a dose of this series for an interval that only a [GK] rule sets."""
    return series in gk_interval_series() and _interval_reason().fullmatch(reason or "") is not None

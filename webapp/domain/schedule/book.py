"""The schedule data: versioned JSON files in webapp/data/schedule/, each in force from its effective date.

A version may `extends` another: its settings are added to the base's and its series replace the base's
series of the same code, so a change such as the 2025 DTaP schedule is written once, as a delta.
"""

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from webapp.domain.schedule.dates import add_duration

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "schedule"
MEMO_MAX = 1 << 16  # entries a memo may hold before it is emptied


@dataclass(frozen=True)
class Version:
    """One resolved schedule version."""

    id: str
    effective_from: date
    title: dict
    settings: dict
    vaccines: dict
    series: tuple
    units: dict
    messages: dict
    series_by_code: dict = field(default_factory=dict)
    # plus() memo, (duration or $setting) → {day: day + it}; a copy with other settings (with_settings) starts
    # its own, since a $setting may mean another duration there
    sums: dict = field(default_factory=dict, compare=False, repr=False)
    texts: dict = field(default_factory=dict, compare=False, repr=False)  # Ctx.duration_text memo
    live: frozenset = frozenset()  # the injectable live products (28 days apart)

    def value(self, ref):
        """A literal, or the value of a `$setting` reference."""
        if isinstance(ref, str) and ref.startswith("$"):
            return self.settings[ref[1:]]
        return ref

    def plus(self, day: date, ref) -> date:
        """`day` plus a duration or `$setting` (bulk runs add the same few durations to the same days)."""
        by_day = self.sums.get(ref)
        if by_day is None:
            by_day = remember(self.sums, ref, _sums_of(self.value(ref)))
        found = by_day.get(day)
        if found is None:
            found = remember(by_day, day, add_duration(day, self.value(ref)))
        return found

    def with_settings(self, overrides: dict | None) -> "Version":
        """A copy with some settings overridden (e.g. a county's HepB intervals)."""
        if not overrides:
            return self
        unknown = set(overrides) - set(self.settings)
        if unknown:
            raise KeyError(sorted(unknown)[0])
        return _build(self.id, self.effective_from, self.title, {**self.settings, **overrides}, self.vaccines,
                      self.series, self.units, self.messages)


# duration → {day: day + duration}, shared by every version that means the same duration (most ages and
# intervals are the same in all versions). The inner dicts hold only dates, which the garbage collector never
# walks, however large they grow.
_SUMS: dict[str, dict[date, date]] = {}


def _sums_of(duration: str) -> dict[date, date]:
    by_day = _SUMS.get(duration)
    return by_day if by_day is not None else remember(_SUMS, duration, {})


def _build(vid, effective, title, settings, vaccines, series, units, messages) -> Version:
    series = tuple(series)
    return Version(vid, effective, title, settings, vaccines, series, units, messages,
                   {s["code"]: s for s in series},
                   live=frozenset(code for code, spec in vaccines.items() if spec.get("live_injectable")))


def resolve_versions(raw_files: list[dict]) -> list[Version]:
    """Resolve `extends` chains and return the versions sorted by effective date."""
    by_id = {raw["id"]: raw for raw in raw_files}

    def flatten(raw):
        if not raw.get("extends"):
            return raw
        base = flatten(by_id[raw["extends"]])
        replaced = {s["code"]: s for s in raw.get("series", [])}
        return {**base, **{k: v for k, v in raw.items() if k not in ("settings", "series", "vaccines")},
                "settings": {**base["settings"], **raw.get("settings", {})},
                "vaccines": {**base["vaccines"], **raw.get("vaccines", {})},
                "series": [replaced.get(s["code"], s) for s in base["series"]]}

    versions = []
    for raw in raw_files:
        flat = flatten(raw)
        settings = {name: spec["value"] for name, spec in flat["settings"].items()}
        versions.append(_build(flat["id"], date.fromisoformat(flat["effective_from"]), flat["title"], settings,
                               flat["vaccines"], flat["series"], flat["units"], flat["messages"]))
    return sorted(versions, key=lambda v: v.effective_from)


@lru_cache(maxsize=1)
def gk_settings() -> frozenset:
    """Setting names marked `"source": "GK"` (domain.md [GK]: from memory, unverified) in any schedule file."""
    global _GK
    if _GK is None:
        _GK = frozenset(name for raw in load_raw() for name, spec in (raw.get("settings") or {}).items()
                        if isinstance(spec, dict) and spec.get("source") == "GK")
    return _GK


_GK: frozenset | None = None


def load_raw() -> tuple[dict, ...]:
    """Every schedule file as parsed JSON (the same files the phone's engine reads)."""
    return tuple(json.loads(p.read_text(encoding="utf-8"), object_hook=_interned_keys)
                 for p in sorted(DATA_DIR.glob("*.json")))


def _interned_keys(obj: dict) -> dict:
    # the engine looks these keys up for every dose ("min_age", "interval", ...): interned, they are the very
    # objects of the literals in the code, so a lookup need not compare the characters
    return {sys.intern(key): value for key, value in obj.items()}


@lru_cache(maxsize=1)
def default_book() -> "Book":
    """The book built from the files on disk."""
    return Book(resolve_versions(list(load_raw())))


class Book:
    """All versions; finds the one in force on a day."""

    def __init__(self, versions: list[Version]):
        self.versions = versions
        self.by_id = {v.id: v for v in versions}
        # memos for the evaluations judged by the book's own versions (Ctx.plain), shared by a bulk run's children
        self.days: dict[date, Version] = {}  # day → version in force: every dose of every child asks
        self.due: dict[tuple, dict[date, date]] = {}  # (version id, series, slot, track) → {birth: due by age}

    def in_force(self, day: date) -> Version:
        """The latest version effective on `day`; the earliest one for days before any version."""
        current = self.days.get(day)
        if current is None:
            current = self.versions[0]
            for version in self.versions:
                if version.effective_from <= day:
                    current = version
            remember(self.days, day, current)
        return current

    def next_effective(self, day: date) -> date | None:
        """The first day after `day` on which another version comes into force, if any."""
        return min((v.effective_from for v in self.versions if v.effective_from > day), default=None)


def remember(memo: dict, key, value):
    """`memo[key] = value`, emptying the memo first when it is full so a long-running process stays bounded."""
    if len(memo) >= MEMO_MAX:
        memo.clear()
    memo[key] = value
    return value

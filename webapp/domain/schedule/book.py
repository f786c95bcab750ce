"""The schedule data: versioned JSON files in webapp/data/schedule/, each in force from its effective date.

A version may `extends` another: its settings are added to the base's and its series replace the base's
series of the same code, so a change such as the 2025 DTaP schedule is written once, as a delta.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "schedule"


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

    def value(self, ref):
        """A literal, or the value of a `$setting` reference."""
        if isinstance(ref, str) and ref.startswith("$"):
            return self.settings[ref[1:]]
        return ref

    def with_settings(self, overrides: dict | None) -> "Version":
        """A copy with some settings overridden (e.g. a county's HepB intervals)."""
        if not overrides:
            return self
        unknown = set(overrides) - set(self.settings)
        if unknown:
            raise KeyError(sorted(unknown)[0])
        return _build(self.id, self.effective_from, self.title, {**self.settings, **overrides}, self.vaccines,
                      self.series, self.units, self.messages)


def _build(vid, effective, title, settings, vaccines, series, units, messages) -> Version:
    series = tuple(series)
    return Version(vid, effective, title, settings, vaccines, series, units, messages,
                   {s["code"]: s for s in series})


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
def load_raw() -> tuple[dict, ...]:
    """Every schedule file as parsed JSON (the same files the phone's engine reads)."""
    return tuple(json.loads(p.read_text(encoding="utf-8")) for p in sorted(DATA_DIR.glob("*.json")))


@lru_cache(maxsize=1)
def default_book() -> "Book":
    """The book built from the files on disk."""
    return Book(resolve_versions(list(load_raw())))


class Book:
    """All versions; finds the one in force on a day."""

    def __init__(self, versions: list[Version]):
        self.versions = versions
        self.by_id = {v.id: v for v in versions}

    def in_force(self, day: date) -> Version:
        """The latest version effective on `day`; the earliest one for days before any version."""
        current = self.versions[0]
        for version in self.versions:
            if version.effective_from <= day:
                current = version
        return current

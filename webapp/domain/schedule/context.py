"""What one evaluation works with: the child's dates, the versions in force, and the message texts."""

import re
from dataclasses import dataclass, field
from datetime import date

from webapp.domain.schedule.book import Book, Version
from webapp.domain.schedule.dates import add_duration, parse_duration

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class ScheduleInputError(ValueError):
    """Invalid input; `field` names it (`birth_date`, `on_date`, `doses.2.vaccine`, ...), `code` says why."""

    def __init__(self, field_path: str, code: str):
        super().__init__(f"{field_path}: {code}")
        self.field, self.code = field_path, code


@dataclass(frozen=True)
class Dose:
    """One documented dose, with its position in the input (ties on a date keep input order)."""

    vaccine: str
    date: date
    index: int


@dataclass
class Need:
    """A dose the child needs: its number in the series, the product to offer and the day it falls due."""

    series: str
    dose: int
    vaccine: str
    due: date
    deadline: str | None = None
    ppd: bool = False
    earliest: date | None = None  # when a dose given today needs more than `due` (a catch-up interval)


@dataclass
class SeriesResult:
    """The outcome for one series."""

    code: str
    counted: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    needs: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    track: str | None = None


class Ctx:
    """One evaluation: the child's dates, the version that sets the needs, and the versions doses are judged by."""

    def __init__(self, book: Book, version: Version, birth: date, on: date, lang: str, overrides, pinned: bool):
        self.book, self.version, self.birth, self.on = book, version, birth, on
        self.lang, self.overrides, self.pinned = lang, overrides, pinned
        self.results: dict[str, SeriesResult] = {}
        self.adult = False
        self._versions: dict[str, Version] = {version.id: version}
        self._ages: dict[tuple, date] = {}

    def version_at(self, day: date) -> Version:
        """The version a dose given on `day` is judged by (the pinned one when a schedule was named)."""
        if self.pinned:
            return self.version
        found = self.book.in_force(day)
        if found.id not in self._versions:
            self._versions[found.id] = found.with_settings(self.overrides)
        return self._versions[found.id]

    def series_at(self, day: date, code: str) -> dict:
        """The definition of a series in the version in force on `day`."""
        return self.version_at(day).series_by_code[code]

    def add(self, day: date, ref, version: Version | None = None) -> date:
        """`day` plus a duration or `$setting`."""
        return add_duration(day, (version or self.version).value(ref))

    def age_date(self, ref, version: Version | None = None) -> date:
        """The day the child reaches an age (cached: the birth date is fixed for the evaluation)."""
        key = (ref, (version or self.version).id)
        day = self._ages.get(key)
        if day is None:
            day = self._ages[key] = self.add(self.birth, ref, version)
        return day

    def text(self, key: str, **params) -> str:
        """A message from the data in the evaluation's language (zh-CN by default)."""
        texts = self.version.messages[key]
        template = texts.get(self.lang) or texts["zh-CN"]
        return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), template)

    def vaccine_name(self, code: str) -> str:
        """A product's name in the evaluation's language."""
        spec = self.version.vaccines[code]
        return spec.get(self.lang) or spec["zh-CN"]

    def series_name(self, code: str) -> str:
        """A series' name in the evaluation's language."""
        spec = self.version.series_by_code[code]
        return spec.get(self.lang) or spec["zh-CN"]

    def duration_text(self, ref, kind: str) -> str:
        """`P8M` as "8月龄" (kind `age`) or "8个月" (kind `interval`)."""
        raw = self.version.value(ref)
        unit, n = parse_duration(raw)
        units = (self.version.units.get(self.lang) or self.version.units["zh-CN"])[kind]
        if n == 0 and kind == "age":
            return units["0"]
        if raw.endswith("Y"):
            unit, n = "Y", n // 12
        return units[unit].replace("{n}", str(n))

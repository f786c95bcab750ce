"""What one evaluation works with: the child's dates, the versions in force, and the message texts."""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from webapp.domain.schedule.book import Book, Version, gk_settings, remember
from webapp.domain.schedule.dates import parse_duration

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=512)
def _template_parts(template: str) -> tuple[str, ...]:
    """A message template split once into literal text (even positions) and placeholder names (odd positions)."""
    return tuple(_PLACEHOLDER.split(template))


_NO_DAYS: dict = {}  # stands in for a duration not in a Version.sums memo yet (never written to)


class ScheduleInputError(ValueError):
    """Invalid input; `field` names it (`birth_date`, `on_date`, `doses.2.vaccine`, ...), `code` says why."""

    def __init__(self, field_path: str, code: str):
        super().__init__(f"{field_path}: {code}")
        self.field, self.code = field_path, code


class Dose(NamedTuple):
    """One documented dose, with its position in the input (ties on a date keep input order)."""

    # a named tuple, not a frozen dataclass: every dose of every child is one, and it is built 3x faster
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
        # lenient: a rule that rests only on a [GK] setting (book.gk_settings) does not reject a dose; the dose
        # counts and `waived` keeps dose index → the reason it would have had (scoring: [GK] rules cost no points
        # unless the county turns them on, webapp/domain/metrics/unverified.py)
        self.lenient = False
        self.waived: dict[int, str] = {}
        self.until: date | None = None  # the first later day a comparison with `on` would answer otherwise
        self._versions: dict[str, Version] = {version.id: version}
        # plain: judged by the book's own versions (no schedule named, no settings overridden), so the version in
        # force on a day is the same for every child: use the book's shared memos
        self.plain = not pinned and not overrides
        self._at: dict[date, Version] = book.days if self.plain else {}

    def waive(self, ref, dose: Dose, reason: str) -> bool:
        """In a lenient evaluation, whether a rejection by the `$setting` `ref` is waived (a [GK] setting)."""
        if not (self.lenient and isinstance(ref, str) and ref[:1] == "$" and ref[1:] in gk_settings()):
            return False
        self.waived.setdefault(dose.index, reason)
        return True

    def reached(self, day: date) -> bool:
        """Whether the evaluation day is on or after `day`; a later `day` is remembered in `until`."""
        if self.on >= day:
            return True
        if self.until is None or day < self.until:
            self.until = day
        return False

    def version_at(self, day: date) -> Version:
        """The version a dose given on `day` is judged by (the pinned one when a schedule was named)."""
        version = self._at.get(day)
        if version is None:
            version = remember(self._at, day, self._version_on(day))
        return version

    def _version_on(self, day: date) -> Version:
        if self.pinned:
            return self.version
        found = self.book.in_force(day)
        if found.id not in self._versions:
            self._versions[found.id] = found.with_settings(self.overrides)
        return self._versions[found.id]

    def series_at(self, day: date, code: str) -> dict:
        """The definition of a series in the version in force on `day`."""
        return (self._at.get(day) or self.version_at(day)).series_by_code[code]

    # add and age_date read Version.plus's memo in line (every slot of every child asks them, and a call is
    # most of the cost of an answer already known); plus() works out and remembers the others

    def add(self, day: date, ref, version: Version | None = None) -> date:
        """`day` plus a duration or `$setting`."""
        version = version or self.version
        found = version.sums.get(ref, _NO_DAYS).get(day)
        return found if found is not None else version.plus(day, ref)

    def age_date(self, ref, version: Version | None = None) -> date:
        """The day the child reaches an age."""
        version = version or self.version
        found = version.sums.get(ref, _NO_DAYS).get(self.birth)
        return found if found is not None else version.plus(self.birth, ref)

    def text(self, key: str, **params) -> str:
        """A message from the data in the evaluation's language (zh-CN by default)."""
        texts = self.version.messages[key]
        parts = _template_parts(texts.get(self.lang) or texts["zh-CN"])
        out = list(parts)
        for i in range(1, len(parts), 2):  # a placeholder without a parameter stays as written
            out[i] = str(params[parts[i]]) if parts[i] in params else "{" + parts[i] + "}"
        return "".join(out)

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
        key = (ref, kind, self.lang)  # every rejected dose's reason says one; a few dozen distinct ones exist
        text = self.version.texts.get(key)
        return text if text is not None else remember(self.version.texts, key, self._duration_text(ref, kind))

    def _duration_text(self, ref, kind: str) -> str:
        raw = self.version.value(ref)
        unit, n = parse_duration(raw)
        units = (self.version.units.get(self.lang) or self.version.units["zh-CN"])[kind]
        if n == 0 and kind == "age":
            return units["0"]
        if raw.endswith("Y"):
            unit, n = "Y", n // 12
        return units[unit].replace("{n}", str(n))

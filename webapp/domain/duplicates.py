"""Likely duplicate children: the same child registered twice (pure rules, mirrored in pwa/src/lib/duplicates.js).

Two children are a likely pair when enough of these agree: the name (the same characters; the same sound, a
homophone such as 王小明/王晓明; the same pinyin initials or one character apart), the birth date (the same day;
close: a few days apart or day and month swapped), the guardian's phone, the certificate number. The caller
gives the name's pinyin syllables (pypinyin on the server, pinyin-pro on the phone) so this module stays pure.
"""

from dataclasses import dataclass
from datetime import date

WEIGHTS = {"name_same": 3, "name_sound": 2.5, "name_initials": 1.5, "name_close": 1.5, "birth_same": 3,
           "birth_close": 1, "phone_same": 3, "certificate_same": 3}
THRESHOLD = 4
CLOSE_DAYS = 3


@dataclass(frozen=True)
class Person:
    """What the comparison reads of one child."""

    id: str
    name: str
    syllables: tuple[str, ...]
    birth_date: str | None
    guardian_phone: str | None
    certificate_no: str | None


def _name_reason(a: Person, b: Person) -> str | None:
    if a.name and a.name == b.name:
        return "name_same"
    if a.syllables and a.syllables == b.syllables:
        return "name_sound"
    if len(a.name) == len(b.name) >= 2 and sum(x != y for x, y in zip(a.name, b.name, strict=True)) == 1:
        return "name_close"
    if len(a.syllables) == len(b.syllables) >= 2 and [s[:1] for s in a.syllables] == [s[:1] for s in b.syllables]:
        return "name_initials"
    return None


def _day(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _birth_reason(a: Person, b: Person) -> str | None:
    x, y = _day(a.birth_date), _day(b.birth_date)
    if x is None or y is None:
        return None
    if x == y:
        return "birth_same"
    swapped = x.year == y.year and x.month == y.day and x.day == y.month
    return "birth_close" if abs((x - y).days) <= CLOSE_DAYS or swapped else None


def _digits(value) -> str:
    return "".join(ch for ch in str(value or "") if ch.isdigit())[-11:]


def reasons(a: Person, b: Person) -> list[str]:
    """Why two children may be the same one (codes of WEIGHTS), strongest first."""
    out = [_name_reason(a, b), _birth_reason(a, b)]
    if len(_digits(a.guardian_phone)) >= 7 and _digits(a.guardian_phone) == _digits(b.guardian_phone):
        out.append("phone_same")
    if a.certificate_no and a.certificate_no.strip() == (b.certificate_no or "").strip():
        out.append("certificate_same")
    return sorted((r for r in out if r), key=lambda r: -WEIGHTS[r])


def score(found: list[str]) -> float:
    """The weight of the reasons found."""
    return sum(WEIGHTS[r] for r in found)


def likely_pairs(people: list[Person]) -> list[tuple[Person, Person, list[str]]]:
    """Every pair scoring at least THRESHOLD, highest first (blocked by birth year to stay fast)."""
    blocks: dict = {}
    for person in people:
        blocks.setdefault((person.birth_date or "")[:4], []).append(person)
    pairs = []
    for group in blocks.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                found = reasons(a, b)
                if score(found) >= THRESHOLD:
                    pairs.append((a, b, found))
    return sorted(pairs, key=lambda p: -score(p[2]))

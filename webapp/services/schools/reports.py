"""School-entry check reports: read the record store inside the user's scope and count with the pure indicators."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from webapp.domain import school_checks as sc
from webapp.domain.catch_up import as_counted
from webapp.extensions import db
from webapp.models import Record, School, Township
from webapp.models.schools import RosterEntry
from webapp.services.schools.catch_up import contraindications_for
from webapp.services.scope import school_codes_for


@dataclass
class Batch:
    """One school_check record with its students' data (current revisions)."""

    id: str
    school_code: str
    data: dict
    students: list[dict] = field(default_factory=list)
    student_ids: list[str] = field(default_factory=list)
    roster_keys: set = field(default_factory=set)

    @property
    def counts(self) -> sc.Counts:
        """The batch's raw counts (roster ∪ checked as the students to be checked)."""
        checked_keys = {sc.student_key(s.get("name"), s.get("birth_date")) for s in self.students}
        to_check = sc.roster_size(self.roster_keys, checked_keys)
        return sc.count_students(self.students, sc.recheck_deadline(self.data.get("term") or "1970"), to_check)


@dataclass
class Row:
    """One line of a report: a school, a township or the county, with its counts and indicators."""

    code: str
    name: str
    level: str
    counts: sc.Counts
    schools: int = 1
    town_code: str = ""

    @property
    def indicators(self) -> list[sc.Indicator]:
        """The indicators of this row."""
        return sc.indicators(self.counts)


def readable_school(user, school_code: str) -> bool:
    """The user may read this school's checks."""
    return school_code in school_codes_for(user)


def load_batches(school_codes: list[str], year: int) -> list[Batch]:
    """Every check batch started in `year` at these schools, with students and roster keys."""
    if not school_codes:
        return []
    rows = db.session.execute(
        select(Record).where(Record.kind == "school_check", Record.deleted.is_(False),
                             Record.school_code.in_(school_codes),
                             Record.event_date >= date(year, 1, 1), Record.event_date <= date(year, 12, 31))
        .order_by(Record.event_date, Record.id)
    ).scalars().all()
    batches = {r.id: Batch(r.id, r.school_code, r.data) for r in rows}
    _attach_students(batches)
    _attach_rosters(batches)
    return list(batches.values())


def _attach_students(batches: dict[str, Batch]) -> None:
    if not batches:
        return
    students = db.session.execute(
        select(Record).where(Record.kind == "student_check", Record.deleted.is_(False),
                             Record.parent_id.in_(list(batches))).order_by(Record.id)
    ).scalars().all()
    reasons = contraindications_for([s.id for s in students])
    for s in students:
        batch = batches[s.parent_id]
        batch.students.append(as_counted(s.data, batch.data.get("started_on"), reasons.get(s.id)))
        batch.student_ids.append(s.id)


def _attach_rosters(batches: dict[str, Batch]) -> None:
    if not batches:
        return
    entries = db.session.execute(
        select(RosterEntry.school_check_id, RosterEntry.name, RosterEntry.birth_date)
        .where(RosterEntry.school_check_id.in_(list(batches)))
    ).all()
    for batch_id, name, birth in entries:
        batches[batch_id].roster_keys.add(sc.student_key(name, birth.isoformat()))


def build_report(user, year: int) -> dict:
    """Rows per school, per township and for the whole scope, for the batches started in `year`."""
    codes = school_codes_for(user)
    schools = {s.code: s for s in db.session.execute(select(School).where(School.code.in_(codes))).scalars()}
    towns = {t.code: t.name for t in db.session.execute(select(Township)).scalars()}
    per_school: dict[str, sc.Counts] = {code: sc.Counts() for code in sorted(schools)}
    for batch in load_batches(sorted(schools), year):
        per_school[batch.school_code] = per_school[batch.school_code] + batch.counts
    school_rows = [Row(code, schools[code].name, "school", counts, town_code=schools[code].township_code)
                   for code, counts in per_school.items()]
    township_rows = _township_rows(school_rows, towns)
    total = Row(user.scope_code, _("合计"), "total", sum((r.counts for r in school_rows), sc.Counts()),
                schools=len(school_rows))
    return {"year": year, "schools": school_rows, "townships": township_rows, "total": total}


def _township_rows(school_rows: list[Row], towns: dict) -> list[Row]:
    grouped: dict[str, Row] = {}
    for row in school_rows:
        town = row.town_code
        if town not in grouped:
            grouped[town] = Row(town, towns.get(town, town), "township", sc.Counts(), schools=0)
        grouped[town].counts = grouped[town].counts + row.counts
        grouped[town].schools += 1
    return [grouped[code] for code in sorted(grouped)]


def school_students(school_code: str, year: int) -> list[tuple[Batch, str, dict]]:
    """(batch, student id, student data) of a school's batches in `year`, by class then name."""
    out = []
    for batch in load_batches([school_code], year):
        out += [(batch, sid, data) for sid, data in zip(batch.student_ids, batch.students, strict=True)]
    return sorted(out, key=lambda t: (t[2].get("class_name") or "", t[2].get("name") or ""))


def check_register(school_code: str, year: int) -> list[dict]:
    """The lines of the 入托入学儿童预防接种证查验登记表 for one school and year."""
    lines = []
    for batch, _sid, s in school_students(school_code, year):
        lines.append({
            "name": s.get("name"), "birth_date": s.get("birth_date"), "class_name": s.get("class_name"),
            "has_certificate": 1 if s.get("certificate") == "present" else 0,
            "reissued": 1 if s.get("certificate") == "reissued" else 0,
            "marks": sc.register_marks(s),
            "complete_at_check": 1 if sc.complete_at_check(s) else 0,
            "caught_up": _caught_up_mark(s),
            "checker": batch.data.get("checker"), "checked_on": batch.data.get("started_on"),
        })
    return lines


def _caught_up_mark(s: dict) -> int | str:
    if not sc.has_missing(s):
        return ""
    return 1 if s.get("catch_up_status") == "complete" else 0


def catch_up_register(school_code: str, year: int) -> list[dict]:
    """The lines of the 补证补种登记表: children without a certificate at check or with missing doses."""
    lines = []
    for _batch, sid, s in school_students(school_code, year):
        if s.get("certificate") == "present" and not sc.has_missing(s):
            continue
        missing = (s.get("evaluation") or {}).get("missing") or []
        lines.append({
            "id": sid, "name": s.get("name"), "sex": s.get("sex"), "birth_date": s.get("birth_date"),
            "class_name": s.get("class_name"), "guardian_phone": s.get("guardian_phone"),
            "certificate": s.get("certificate"),
            "missing": missing, "catch_up": s.get("catch_up") or [],
            "status": s.get("catch_up_status") or ("pending" if missing else "not_needed"),
            "reason": (s.get("contraindication") or {}).get("reason"),
            "referral_unit": (s.get("referral") or {}).get("unit_code"),
        })
    return lines

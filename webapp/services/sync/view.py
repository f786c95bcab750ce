"""What the push planner knows about the store: records, authors, units and schools, fetched in a few queries.

A `StoreView` is filled once per batch (one query per table, not per item) and then kept current by the
planner as items of the same push are accepted, so a later item sees an earlier one as stored.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Record, RecordRevision, School, Township, Unit, User

REF_FIELDS = ("child_id", "precheck_id", "consent_id", "aefi_id", "school_check_id", "supersedes", "keep_id",
              "merge_id", "survey_id")
REF_LIST_FIELDS = ("vaccination_ids",)  # fields holding a list of references (an observation's doses)


def references(data: dict):
    """(path, field, record id) of every reference a record's data carries, in scalar and list fields."""
    for name in REF_FIELDS:
        if isinstance(data.get(name), str) and data[name]:
            yield name, name, data[name]
    for name in REF_LIST_FIELDS:
        values = data.get(name)
        for i, target in enumerate(values if isinstance(values, list) else ()):
            if isinstance(target, str) and target:
                yield f"{name}.{i}", name, target


@dataclass
class Known:
    """A stored record (or one accepted earlier in this push) as far as the planner needs it."""

    id: str
    kind: str
    rev: int
    content_hash: str
    unit_code: str | None = None
    school_code: str | None = None
    parent_id: str | None = None
    referral_unit: str | None = None
    event_date: date | None = None
    period: str | None = None
    state: str | None = None
    deleted: bool = False
    data: dict | None = None
    in_db: bool = True


_COLUMNS = (Record.id, Record.kind, Record.rev, Record.content_hash, Record.unit_code, Record.school_code,
            Record.parent_id, Record.referral_unit, Record.event_date, Record.period, Record.state, Record.deleted)


@dataclass
class StoreView:
    """Prefetched records, users, units and schools for one batch of items."""

    records: dict[str, Known] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    unit_county: dict[str, str] = field(default_factory=dict)
    inactive_units: set[str] = field(default_factory=set)
    school_unit: dict[str, tuple[str, str]] = field(default_factory=dict)
    zero_reports: dict[tuple[str, str], str] = field(default_factory=dict)
    case_periods: set[tuple[str, str]] = field(default_factory=set)

    def data_of(self, record_id: str) -> dict:
        """The full data of a known record (loaded on demand: conflicts and partial edits only)."""
        known = self.records[record_id]
        if known.data is None:
            known.data = db.session.execute(select(Record.data).where(Record.id == record_id)).scalar_one()
        return known.data

    def revision_rev(self, record_id: str, digest: str) -> int | None:
        """The rev of an earlier stored revision with this content, if any (a late replay of an old edit)."""
        if not self.records[record_id].in_db:
            return None
        return db.session.execute(select(RecordRevision.rev).where(
            RecordRevision.record_id == record_id, RecordRevision.content_hash == digest)
            .order_by(RecordRevision.rev.desc()).limit(1)).scalar_one_or_none()

    def was_merged(self, child_id: str) -> bool:
        """A tombstoned child was merged into another (a `child_merge` names it), not withdrawn (loaded on demand)."""
        return db.session.execute(select(Record.id).where(
            Record.kind == "child_merge", Record.deleted.is_(False), Record.data["merge_id"].as_string() == child_id)
            .limit(1)).first() is not None

    def county_of_unit(self, unit_code: str | None) -> str | None:
        """The county of a unit, or None if the unit is unknown."""
        return self.unit_county.get(unit_code or "")


def _chunks(values, size=900):
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


def load_view(ids: set[str], usernames: set[str], unit_periods: set[tuple[str, str]]) -> StoreView:
    """Fetch everything a batch needs: the records it names, its authors, the organisation, zero reports."""
    view = StoreView()
    for chunk in _chunks(ids):
        for row in db.session.execute(select(*_COLUMNS).where(Record.id.in_(chunk))):
            view.records[row.id] = Known(*row)
    if usernames:
        view.users = {u.username: u for u in db.session.execute(
            select(User).where(User.username.in_(usernames))).scalars()}
    units = db.session.execute(select(Unit.code, Township.county_code, Unit.active)
                               .join(Township, Unit.township_code == Township.code)).all()
    view.unit_county = {code: county for code, county, _ in units}
    view.inactive_units = {code for code, _, active in units if not active}
    view.school_unit = {code: (unit, view.unit_county.get(unit)) for code, unit in db.session.execute(
        select(School.code, School.unit_code)).all()}
    _load_periods(view, unit_periods)
    return view


def _load_periods(view: StoreView, unit_periods: set[tuple[str, str]]) -> None:
    if not unit_periods:
        return
    units = {u for u, _ in unit_periods}
    periods = {p for _, p in unit_periods}
    rows = db.session.execute(select(*_COLUMNS).where(
        Record.kind.in_(("aefi_zero_report", "aefi_report")), Record.unit_code.in_(units),
        Record.period.in_(periods), Record.deleted.is_(False)))
    for row in rows:
        if row.kind == "aefi_zero_report":
            view.records.setdefault(row.id, Known(*row))
            view.zero_reports[(row.unit_code, row.period)] = row.id
        else:
            view.case_periods.add((row.unit_code, row.period))

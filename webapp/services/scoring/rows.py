"""Fetch the rows the QC metrics need for many units at once (one query per record kind), then compute measures.

A vaccination's product, dose and pre-check, a pre-check's decision and plan and a consent's decision, vaccines,
method and signature are columns (records.vaccine, dose, parent_id, decision, planned, method, signed) that two
covering indexes hold, so doses, pre-checks and consents are read from the indexes alone (the plans and vaccine
lists as JSON text, decoded here). Other values inside `data` are extracted by the database (json_extract / ->>),
so no record's JSON is parsed in Python except the few kinds that need it (AEFI reports, student checks). Rows
are grouped by unit into `UnitRows`. A unit's vaccinations are its own doses of the span scored; the registry
children's schedule views come from services/scoring/schedule_statuses.py, which reads a child's whole dose history
(any unit, any year) only when the child's stored view is out of date.
"""

import json
from collections import namedtuple
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import NamedTuple

from sqlalchemy import DateTime, and_, func, select, type_coerce

from webapp.domain.metrics import ROW_LISTS
from webapp.domain.metrics.context import ZERO_LOOKBACK_DAYS, UnitRows, county_day
from webapp.extensions import db
from webapp.models import Equipment, Record, RecordRevision, School
from webapp.services import county
from webapp.services.scoring.schedule_statuses import prime_statuses, registry_ids
from webapp.services.scoring.survey import load_surveys

SOURCES_ALL = frozenset(ROW_LISTS) | {"registry"}
HISTORY_CHUNK = 2000  # more children than this to evaluate: read the whole registry's doses in one pass


def _j(*path):
    """A scalar inside a record's data, extracted by the database."""
    return Record.data[path if len(path) > 1 else path[0]].as_string()


def _live(kind):
    return and_(Record.kind == kind, Record.deleted.is_(False))


def _children(units):
    cols = [Record.id, Record.unit_code, Record.event_date.label("birth_date"), _j("residence").label("residence"),
            _j("certificate_no").label("certificate_no"), _j("guardian_name").label("guardian_name"),
            _j("guardian_phone").label("guardian_phone"), _j("village_code").label("village_code"),
            _j("mother_hbsag").label("mother_hbsag"), _utc(Record.corrected_at).label("corrected_at"),
            Record.change_seq, _j("status").label("status"), _j("status_on").label("status_on"),
            _j("resident_since").label("resident_since")]
    return _fetch(select(*cols).where(_live("child"), Record.unit_code.in_(units)))


def _own_vaccinations(units, start, end):
    cols = [Record.id, Record.unit_code, Record.child_id, Record.event_date.label("given_on"),
            Record.vaccine, Record.dose, Record.parent_id.label("precheck_id"),
            _utc(Record.corrected_at).label("corrected_at")]  # all in ix_records_kind_unit_date_cover
    return _fetch(select(*cols).where(_live("vaccination"), Record.unit_code.in_(units),
                                      Record.event_date >= start, Record.event_date < end))


def dose_histories(units, child_ids: set) -> dict:
    """child id → [(vaccine, given_on, vaccination id)] over every unit and year, for these registry children."""
    cols = (Record.child_id, Record.vaccine, Record.event_date, Record.id)  # all in ix_records_kind_child_doses
    if len(child_ids) > HISTORY_CHUNK:  # most of the registry: one pass over it beats many IN lists
        found = _fetch(select(*cols).where(_live("vaccination"), Record.child_id.in_(registry_ids(units))))
    else:
        ids, found = sorted(child_ids), []
        for i in range(0, len(ids), 500):
            found += _fetch(select(*cols).where(_live("vaccination"), Record.child_id.in_(ids[i:i + 500])))
    out = {}
    for child_id, vaccine, given_on, record_id in found:
        if child_id in child_ids:
            out.setdefault(child_id, []).append((vaccine, given_on, record_id))
    return out



def _date(text) -> date | None:
    """A YYYY-MM-DD value from a record's data (None when absent or not a date)."""
    try:
        return date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def _add_children(out, units, offset):
    """The units' registry children; a child whose status is not `active` also gets the county day the status was
    first recorded (its earliest revision carrying it: 五.4 儿童变动管理)."""
    children = _children(units)
    changed = {c.id: c.status for c in children if c.status not in (None, "active")}
    recorded = _status_recorded(changed, offset) if changed else {}
    for c in children:
        out[c.unit_code].children.append(SimpleNamespace(
            id=c.id, birth_date=c.birth_date, residence=c.residence, certificate_no=c.certificate_no,
            guardian_name=c.guardian_name, guardian_phone=c.guardian_phone, village_code=c.village_code,
            mother_hbsag=c.mother_hbsag, registered_on=county_day(c.corrected_at, offset), change_seq=c.change_seq,
            status=c.status or "active", status_on=_date(c.status_on), resident_since=_date(c.resident_since),
            status_recorded_on=recorded.get(c.id)))


def _status_recorded(status_of: dict, offset) -> dict:
    """child id → the county day of its earliest revision with its current status."""
    ids, out = sorted(status_of), {}
    for i in range(0, len(ids), 500):
        for record_id, captured_at, data in _fetch(select(
                RecordRevision.record_id, _utc(RecordRevision.captured_at), RecordRevision.data)
                .where(RecordRevision.record_id.in_(ids[i:i + 500]))):
            if (data or {}).get("status") == status_of[record_id]:
                day = county_day(captured_at, offset)
                out[record_id] = min(out.get(record_id, day), day)
    return out


def _prechecks(units, start, end):
    cols = [Record.id, Record.unit_code, Record.child_id, Record.event_date.label("visit_date"),
            Record.decision, Record.qc_missing, Record.planned]  # all in the covering index; planned decoded if sampled
    return _fetch_tuples(select(*cols).where(_live("precheck"), Record.unit_code.in_(units),
                                             Record.event_date >= start, Record.event_date < end), "PrecheckRow")


def _consents(units, months):
    """The consents signed in the sampled months (one query per month, so each reads its index range only)."""
    cols = [Record.id, Record.unit_code, Record.child_id, Record.event_date, Record.state, Record.planned,
            Record.method, Record.signed, Record.decision]  # all in the covering index: no signature is read
    out, seen, codes = [], set(), {}
    for start, end in sorted(months):
        rows = [r for r in _fetch(select(*cols).where(
            _live("consent"), Record.unit_code.in_(units), Record.event_date >= start, Record.event_date < end))
            if r.id not in seen]
        seen.update(r.id for r in rows)
        for r in rows:
            if r.planned not in codes:  # a county's consents name a few dozen distinct vaccine lists
                codes[r.planned] = [v.get("vaccine") for v in json.loads(r.planned or "[]")]
            out.append(SimpleNamespace(id=r.id, unit_code=r.unit_code, child_id=r.child_id, signed_on=r.event_date,
                                       state=r.state, vaccines=codes[r.planned], method=r.method,
                                       signed=bool(r.signed), decision=r.decision))
    return out


def _by_kind(kind, units, start, end, *cols):
    return db.session.execute(select(Record.id, Record.unit_code, *cols).where(
        _live(kind), Record.unit_code.in_(units), Record.event_date >= start, Record.event_date < end)).all()


def county_offset() -> timedelta:
    """The county's offset from UTC (county time zones have no daylight saving: Asia/Shanghai, Asia/Urumqi)."""
    return county.zone().utcoffset(datetime.now())


def _fetch(stmt):
    """Plain Core rows (no ORM loading) for a select."""
    return db.session.connection().execute(stmt).all()


def _fetch_tuples(stmt, name: str) -> list:
    """The rows as named tuples (attribute access on a tuple is far cheaper than on a result Row)."""
    if name not in _TUPLES:
        _TUPLES[name] = namedtuple(name, list(stmt.selected_columns.keys()))
    return list(map(_TUPLES[name]._make, _fetch(stmt)))


_TUPLES: dict = {}


def _utc(column):
    """A timestamp column without the UTCDateTime decorator: the fast driver value, UTC by construction."""
    return type_coerce(column, DateTime(timezone=True))


def load_rows(units: list[str], start: date, end: date, samples: set, days, today, sources=None) -> dict:
    """unit code → UnitRows for [start, end) (AEFI from 1 January of start's year), consents of the sampled months
    (`samples`: (start, end) pairs) and every registry child's schedule view on each of `days`; only the row
    `sources` given (domain/metrics SOURCES names; all when None), the registry's children with it."""
    wanted = set(SOURCES_ALL if sources is None else sources)
    if "registry" in wanted:
        wanted.add("child")
    sample_start, sample_end = min(s for s, _ in samples), max(e for _, e in samples)
    offset = county_offset()
    out = {u: UnitRows(u, full_history=False) for u in units}
    if "child" in wanted:
        _add_children(out, units, offset)
    make = Shot._make
    for row in _own_vaccinations(units, min(start, sample_start), max(end, sample_end)) \
            if "vaccination" in wanted else ():
        out[row.unit_code].vaccinations.append(make(row))
    if "registry" in wanted:
        prime_statuses(out, days, lambda ids: dose_histories(units, ids), today)
    for p in _prechecks(units, start, end) if "precheck" in wanted else ():
        out[p.unit_code].prechecks.append(p)
    for c in _consents(units, samples) if "consent" in wanted else ():
        out[c.unit_code].consents.append(c)
    _add_aefi_and_schools(out, units, start, end, wanted)
    for unit, surveys in (load_surveys(units) if "survey" in wanted else {}).items():
        out[unit].surveys = surveys
    _add_cold_chain_and_stock(out, units, start, end, wanted)
    return out


class Shot(NamedTuple):
    """A vaccination row as the metrics read it (a plain tuple: attribute access is cheap in the metric loops)."""

    id: str
    unit_code: str
    child_id: str
    given_on: date
    vaccine: str
    dose: int
    precheck_id: str | None
    corrected_at: datetime | None


def _add_aefi_and_schools(out, units, start, end, wanted):
    year_start = date(start.year, 1, 1)
    lists = (("aefi_report", "aefi_reports", year_start, (Record.event_date.label("onset_on"), Record.data)),
             ("aefi_zero_report", "zero_reports", year_start - timedelta(days=ZERO_LOOKBACK_DAYS), (Record.period,)),
             ("school_check", "school_checks", start,
              (Record.school_code, Record.event_date.label("started_on"), _j("term").label("term"))),
             ("student_check", "student_checks", start, (Record.parent_id, Record.data)))
    for kind, name, since, cols in lists:
        for r in _by_kind(kind, units, since, end, *cols) if kind in wanted else ():
            getattr(out[r.unit_code], name).append(r)
    if "schools" in wanted:
        for school in db.session.execute(select(School.code, School.name, School.unit_code)
                                         .where(School.unit_code.in_(units)).order_by(School.code)).all():
            out[school.unit_code].schools.append(school)


def _add_cold_chain_and_stock(out, units, start, end, wanted):
    """The stock (movements and the doses of the stocked vaccines up to `end`), the readings of [start, end) with
    each unit's first earlier reading, and the equipment register, as far as `wanted` asks."""
    if "stock" in wanted:
        for row in _stock_rows(units, end):
            out[row.unit_code].stock.append(row)
    if "temperature_reading" in wanted:
        for row in _reading_rows(units, start, end):
            out[row.unit_code].readings.append(row)
    if "equipment" in wanted:
        for e in db.session.execute(select(Equipment).where(Equipment.unit_code.in_(units))
                                    .order_by(Equipment.code)).scalars():
            out[e.unit_code].equipment.append(SimpleNamespace(
                code=e.code, name=e.name, kind=e.kind, range_min=e.range_min, range_max=e.range_max,
                readings_per_day=e.readings_per_day, active=e.active))


def _stock_rows(units, end) -> list:
    """The units' stock movements dated before `end`, then their doses of the lots those movements name."""
    out, vaccines, lots = [], set(), set()
    for record_id, unit, day, data in _fetch(select(Record.id, Record.unit_code, Record.event_date, Record.data)
                                             .where(_live("stock_movement"), Record.unit_code.in_(units),
                                                    Record.event_date < end)):
        vaccines.add(data.get("vaccine"))
        lots.add(data.get("lot_no"))
        out.append(SimpleNamespace(
            kind=data.get("kind"), id=record_id, unit_code=unit, on_date=day, vaccine=data.get("vaccine"),
            lot_no=data.get("lot_no"), doses=data.get("doses"), manufacturer=data.get("manufacturer"),
            expiry_date=_date(data.get("expiry_date")), by=data.get("by"), note=data.get("note")))
    if not vaccines:
        return out
    cols = [Record.id, Record.unit_code, Record.event_date, Record.vaccine, _j("lot_no"), _j("expiry_date")]
    for record_id, unit, day, vaccine, lot_no, expiry in _fetch(select(*cols).where(
            _live("vaccination"), Record.unit_code.in_(units), Record.event_date < end,
            Record.vaccine.in_(sorted(v for v in vaccines if v)), _j("lot_no").in_(sorted(x for x in lots if x)))):
        out.append(SimpleNamespace(kind="dose", id=record_id, unit_code=unit, on_date=day, vaccine=vaccine,
                                   lot_no=lot_no, expiry_date=_date(expiry)))
    return out


def _reading_rows(units, start, end) -> list:
    """The readings dated in [start, end) and, per unit that read before `start`, its first reading's day."""
    cols = [Record.id, Record.unit_code, Record.event_date, _j("equipment_code"), _j("celsius"), _j("action")]
    out = [SimpleNamespace(id=rid, unit_code=unit, read_on=day, equipment_code=code, celsius=_number(celsius),
                           action=action)
           for rid, unit, day, code, celsius, action in _fetch(select(*cols).where(
               _live("temperature_reading"), Record.unit_code.in_(units), Record.event_date >= start,
               Record.event_date < end))]
    for unit, first in _fetch(select(Record.unit_code, func.min(Record.event_date)).where(
            _live("temperature_reading"), Record.unit_code.in_(units), Record.event_date < start)
            .group_by(Record.unit_code)):
        out.append(SimpleNamespace(id=None, unit_code=unit, read_on=first, equipment_code=None, celsius=None,
                                   action=None))
    return out


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None

"""The push writer: accepted items become a few bulk statements (records, revisions, state marks).

The planner decides every item first; `Writes` collects the rows and `flush()` sends them as one INSERT
of records, one UPDATE by primary key, and one INSERT of revisions, each record stamped with a change
number from the locked change clock (webapp/services/sync/changes.py). A stored record that a revision moves to another
unit, school or referral unit also leaves a `ScopeExit` at the same change number (its old scope's tombstone).
"""

from sqlalchemy import insert, update
from sqlalchemy.exc import DBAPIError

from webapp.extensions import db
from webapp.models import Record, RecordRevision
from webapp.models.sync import ScopeExit
from webapp.services.sync.changes import ChangeClock
from webapp.services.sync.view import Known

REVISION_KEYS = ("rev", "data", "content_hash", "captured_at", "captured_by", "device_id", "received_at")
SCOPE_KEYS = ("unit_code", "school_code", "referral_unit")


class Writes:
    """Rows waiting to be written for one batch (or one item on the careful path)."""

    def __init__(self):
        self.inserts: dict[str, dict] = {}
        self.updates: dict[str, dict] = {}
        self.revisions: list[dict] = []
        self.exits: dict[str, dict] = {}  # record id → its scope as stored before this batch moved it

    def __bool__(self):
        return bool(self.inserts or self.updates or self.revisions)

    def store(self, row: dict, existing: Known | None, pushed_by: str) -> None:
        """Queue a new record or a new revision of one; a record created earlier in this batch is rewritten."""
        if existing is not None and existing.in_db:
            before = {k: getattr(existing, k) for k in SCOPE_KEYS}
            if any(row[k] != v for k, v in before.items()):
                self.exits.setdefault(row["id"], {"record_id": row["id"], "kind": row["kind"], **before})
            self.updates.setdefault(row["id"], {}).update(row)
        elif row["id"] in self.inserts:
            self.inserts[row["id"]].update(row)
        else:
            self.inserts[row["id"]] = dict(row)
        revision = {k: row[k] for k in REVISION_KEYS}
        self.revisions.append({**revision, "record_id": row["id"], "pushed_by": pushed_by})

    def mark(self, known: Known, state: str, now) -> None:
        """Set a server-side mark (`superseded`, `contradicted`, `returned` …) on a record."""
        known.state = state
        if known.id in self.inserts:
            self.inserts[known.id]["state"] = state
        else:
            self.updates.setdefault(known.id, {"id": known.id}).update(state=state, updated_at=now)

    def flush(self, clock: ChangeClock) -> list[str]:
        """Write everything with change numbers; returns the ids of records written."""
        for row in self.inserts.values():
            row["change_seq"] = clock.next()
        for row in self.updates.values():
            row["change_seq"] = clock.next()
        serialized = {}  # a record's data is written twice (record and revision): serialized once
        if self.inserts:
            insert_rows(Record.__table__, list(self.inserts.values()), serialized)
        if self.updates:
            db.session.execute(update(Record), list(self.updates.values()))
        if self.revisions:
            insert_rows(RecordRevision.__table__, self.revisions, serialized)
        exits = [{**left, "change_seq": self.updates[rid]["change_seq"]} for rid, left in self.exits.items()]
        if exits:
            db.session.execute(insert(ScopeExit), exits)
        clock.save()
        return list(self.inserts) + list(self.updates)


def insert_rows(table, rows: list[dict], serialized: dict | None = None) -> None:
    """Insert many rows in this transaction: COPY on PostgreSQL (several times faster than one INSERT per row,
    which is what executemany sends there), executemany elsewhere; rows that leave out a column with a Python-side
    default go through SQLAlchemy, which fills it in. Database errors surface as DBAPIError."""
    if not _plain(table, rows):
        db.session.execute(insert(table), rows)
    elif db.engine.dialect.name == "postgresql":
        _copy_rows(table, rows)
    else:
        _executemany(table, rows, {} if serialized is None else serialized)


def _plain(table, rows: list[dict]) -> bool:
    """Rows that name every column with a Python-side default, all with the same keys (else SQLAlchemy inserts)."""
    keys = rows[0].keys()
    return all(c.name in keys for c in table.columns if c.default is not None) and all(r.keys() == keys for r in rows)


def _executemany(table, rows: list[dict], serialized: dict) -> None:
    """The DBAPI's executemany with SQLAlchemy's own bind processors, looked up once per column instead of once per
    value (the same stored values, without SQLAlchemy's per-row parameter work, a quarter of a push on SQLite)."""
    dialect = db.engine.dialect
    names = [c.name for c in table.columns if c.name in rows[0]]
    procs = [_processor(table.c[n].type, dialect, serialized) for n in names]
    params = [tuple(p(row[n]) if p else row[n] for n, p in zip(names, procs, strict=True)) for row in rows]
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"  # noqa: S608  (names from the model)
    cursor = db.session.connection().connection.driver_connection.cursor()
    try:
        cursor.executemany(sql, params)
    except dialect.loaded_dbapi.Error as err:
        raise DBAPIError(sql, None, err) from err
    finally:
        cursor.close()


def _processor(column_type, dialect, serialized: dict):
    """A column's bind processor; a JSON column's remembers what it serialized (by object) for the next table."""
    proc = column_type._cached_bind_processor(dialect)
    if proc is None or "JSON" not in type(column_type).__name__.upper():
        return proc

    def once(value):
        key = id(value)
        if key not in serialized:
            serialized[key] = (value, proc(value))  # the value is kept so its id is not reused meanwhile
        return serialized[key][1]
    return once


def _copy_rows(table, rows: list[dict]) -> None:
    from psycopg import Error
    from psycopg.types.json import Jsonb

    names = [c.name for c in table.columns if c.name in rows[0]]
    json_columns = {c.name for c in table.columns if c.name in rows[0] and "JSON" in type(c.type).__name__.upper()}
    raw = db.session.connection().connection.driver_connection
    try:
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([Jsonb(row[n]) if n in json_columns else row[n] for n in names])
    except Error as err:
        raise DBAPIError(f"COPY {table.name}", None, err) from err

"""The pull change log: a counter that orders every record change, and reference-data snapshots.

Each record carries `change_seq` (webapp/models/records.py), its position in the change log. Writers
take the next numbers from the single `SyncCounter` row; a pull asks for records with a larger
`change_seq` than its cursor. Why this cannot skip a change that commits late, see
webapp/services/sync/changes.py.
"""

from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.dbtypes import PortableJSON, UTCDateTime, utcnow
from webapp.extensions import db


class SyncCounter(db.Model):
    """The one row (id 1) holding the last change number handed out."""

    __tablename__ = "sync_counter"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class ReferenceSnapshot(db.Model):
    """The keys of one version of the reference data a device pulls, so a later pull can send tombstones."""

    __tablename__ = "reference_snapshots"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    keys: Mapped[list] = mapped_column(PortableJSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ScopeExit(db.Model):
    """A record that left a scope: its unit, school or referral unit as they were before a write moved it, at that
    write's change number, so the old scope's devices get a tombstone at their next pull (services/sync/pull.py)."""

    __tablename__ = "scope_exits"
    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    unit_code: Mapped[str | None] = mapped_column(String(32), default=None)
    school_code: Mapped[str | None] = mapped_column(String(32), default=None)
    referral_unit: Mapped[str | None] = mapped_column(String(32), default=None)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)

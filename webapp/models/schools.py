"""School-entry checks: class rosters (the students to be checked, denominator of 查验率) and contraindications."""

from datetime import date, datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.dbtypes import UTCDateTime, utcnow
from webapp.extensions import db


class RosterEntry(db.Model):
    """One enrolled student on an imported class roster of a check batch (`school_check` record id)."""

    __tablename__ = "school_roster_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_check_id: Mapped[str] = mapped_column(String(36), index=True)
    school_code: Mapped[str] = mapped_column(String(32), index=True)
    class_name: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(50))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date]
    guardian_phone: Mapped[str | None] = mapped_column(String(32), default=None)
    imported_by: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (
        Index("uq_school_roster_batch_student", "school_check_id", "name", "birth_date", unique=True),
    )


class Contraindication(db.Model):
    """Why a referred student was not caught up: the reason a vaccination unit recorded (records.md has no field)."""

    __tablename__ = "school_contraindications"
    student_check_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reason: Mapped[str] = mapped_column(String(200))
    recorded_on: Mapped[date]
    unit_code: Mapped[str] = mapped_column(String(32))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

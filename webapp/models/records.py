"""The record store: every synced record kind in one table, with its revisions.

A record's `data` is exactly the `data` object of records.md; the columns beside it are projections
the server fills from `data` so that scope checks, pulls and scores can filter without parsing JSON:

- `unit_code`: the vaccination unit the record belongs to (for school kinds, the school's unit);
- `school_code`: for `school_check` / `student_check`;
- `child_id`: the registry child (`child` itself, `precheck`, `consent`, `vaccination`, `aefi_report`);
- `parent_id`: `precheck_id` of a consent, `school_check_id` of a student check, `aefi_id` of a review,
  `survey_id` of a surveyed child (whose `child_id` is its registry child, when it has one),
  `supersedes` is kept in data;
- `event_date`: the date that places the record in a period (child: birth_date; precheck: visit_date;
  consent: signed_at's county date; vaccination: given_on; aefi_report: onset date in the county's time
  zone; aefi_zero_report: first day of its period; school_check: started_on; student_check: its
  batch's started_on; aefi_review: the review's date; survey: surveyed_on; survey_child: its survey's);
- `period`: the zero report's (or the survey's) period string; `state`: a server-side mark (`contradicted` zero report,
  `superseded` consent, `returned` AEFI report …);
- `referral_unit`: the unit a student check is referred to for catch-up (its `referral.unit_code`);
- `change_seq`: the position of the record's latest change in the pull change log (see webapp/models/sync.py);
- `qc_missing`: a pre-check's missing QC fields, comma-separated (None when complete; domain/metrics/capture.py),
  so the QC scores count incomplete pre-checks without reading every pre-check's answers;
- `vaccine`, `dose`: a vaccination's product code and dose number, and a vaccination's `parent_id` is its
  `precheck_id`; `decision`, `planned`: a pre-check's or a consent's decision and the doses it is about as compact
  JSON text (a pre-check's `planned`, a consent's `vaccines`); `method`, `signed`: a consent's notice method and
  whether it carries a signature (None for other kinds): the scores and the schedule views read a county's doses,
  pre-checks and consents from two covering indexes, without the rows or their JSON (a consent's signature image
  is up to 64 KB of it).
"""

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.dbtypes import PortableJSON, UTCDateTime, utcnow
from webapp.extensions import db

RECORD_KINDS = ("child", "precheck", "consent", "vaccination", "aefi_report", "aefi_review",
                "aefi_zero_report", "school_check", "student_check", "child_merge",
                "survey", "survey_child", "stock_movement", "temperature_reading", "observation")


class Record(db.Model):
    """The current revision of one synced record."""

    __tablename__ = "records"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    rev: Mapped[int] = mapped_column(default=1)
    unit_code: Mapped[str | None] = mapped_column(String(32), default=None)
    school_code: Mapped[str | None] = mapped_column(String(32), default=None, index=True)
    child_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    parent_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    event_date: Mapped[date | None] = mapped_column(default=None)
    period: Mapped[str | None] = mapped_column(String(16), default=None)
    state: Mapped[str | None] = mapped_column(String(16), default=None)
    data: Mapped[dict] = mapped_column(PortableJSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime())
    captured_offset_min: Mapped[int] = mapped_column(default=0)
    corrected_at: Mapped[datetime] = mapped_column(UTCDateTime())
    captured_by: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    deleted: Mapped[bool] = mapped_column(default=False)
    referral_unit: Mapped[str | None] = mapped_column(String(32), default=None, index=True)
    change_seq: Mapped[int | None] = mapped_column(BigInteger, default=None, index=True)
    qc_missing: Mapped[str | None] = mapped_column(Text, default=None)  # a pre-check's missing QC fields ("a,b")
    vaccine: Mapped[str | None] = mapped_column(String(32), default=None)  # a vaccination's product code
    dose: Mapped[int | None] = mapped_column(default=None)  # a vaccination's dose number
    decision: Mapped[str | None] = mapped_column(String(16), default=None)  # a pre-check's or consent's decision
    planned: Mapped[str | None] = mapped_column(Text, default=None)  # the doses of a pre-check or consent (JSON)
    method: Mapped[str | None] = mapped_column(String(16), default=None)  # a consent's notice method
    signed: Mapped[bool | None] = mapped_column(default=None)  # a consent with a signature

    __table_args__ = (
        # A kind's records of units over dates; for vaccinations, pre-checks and consents it also covers what the
        # scores read of them (services/scoring/rows.py), so they come from the index alone.
        Index("ix_records_kind_unit_date_cover", "kind", "unit_code", "event_date", "deleted", "child_id", "id",
              "corrected_at", "vaccine", "dose", "parent_id", "decision", "qc_missing", "planned", "state", "method",
              "signed"),
        Index("ix_records_unit_kind_period", "unit_code", "kind", "period"),
        # Covers each child's vaccinations: the fingerprint of the schedule views
        # (services/scoring/schedule_statuses.py) and the dose histories the engine evaluates
        # (services/scoring/rows.py), without the rows.
        Index("ix_records_kind_child_doses", "kind", "child_id", "change_seq", "deleted", "vaccine", "event_date",
              "id"),
        # Covers the per-unit, per-kind, per-month marks of the stored measures (services/scoring/stored_measures.py).
        Index("ix_records_unit_kind_date_seq", "unit_code", "kind", "event_date", "change_seq"),
        # One zero report per unit and period, also under concurrent pushes (records.md).
        Index("uq_records_zero_report_unit_period", "unit_code", "period", unique=True,
              sqlite_where=text("kind = 'aefi_zero_report'"), postgresql_where=text("kind = 'aefi_zero_report'")),
    )


class RecordRevision(db.Model):
    """Every revision ever stored (who, when, which device, what data), for the audit trail."""

    __tablename__ = "record_revisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.id"), index=True)
    rev: Mapped[int]
    data: Mapped[dict] = mapped_column(PortableJSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime())
    captured_by: Mapped[str] = mapped_column(String(64))
    pushed_by: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

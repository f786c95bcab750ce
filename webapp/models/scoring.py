"""Scoring: on-site assessments (sampled month and children), assessor entries, score history, monthly summaries."""

from datetime import date, datetime

from sqlalchemy import Float, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.dbtypes import PortableJSON, UTCDateTime, utcnow
from webapp.domain.rubric.model import is_english
from webapp.extensions import db


class Assessment(db.Model):
    """One assessment of a unit against a template for a period: what the assessor sampled and entered."""

    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(64))
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    period: Mapped[str] = mapped_column(String(16))
    sample_month: Mapped[str | None] = mapped_column(String(7), default=None)
    sample_children: Mapped[list] = mapped_column(PortableJSON, default=list)
    assessor: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    entries: Mapped[list["ScoreEntry"]] = relationship(back_populates="assessment", cascade="all, delete-orphan")

    __table_args__ = (UniqueConstraint("template_id", "unit_code", "period", name="uq_assessments_tpl_unit_period"),)


class ScoreEntry(db.Model):
    """An assessor's entry for one item: a score (manual items) or an adjustment (computed items), with a note."""

    __tablename__ = "score_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    part_code: Mapped[str] = mapped_column(String(32))
    item_code: Mapped[str] = mapped_column(String(64))
    score: Mapped[float | None] = mapped_column(Float, default=None)
    adjustment: Mapped[float] = mapped_column(Float, default=0.0)
    note: Mapped[str] = mapped_column(Text, default="")
    veto: Mapped[bool] = mapped_column(default=False)
    photo: Mapped[str | None] = mapped_column(String(80), default=None)
    entered_by: Mapped[str] = mapped_column(String(64))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    assessment: Mapped[Assessment] = relationship(back_populates="entries")

    __table_args__ = (UniqueConstraint("assessment_id", "part_code", "item_code", name="uq_score_entries_item"),)


class ScoreSnapshot(db.Model):
    """A scorecard as it stood when its total or an item changed, and why (late records, an assessor's entry)."""

    __tablename__ = "score_snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(64))
    template_version: Mapped[str] = mapped_column(String(32))
    unit_code: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(16))
    total: Mapped[float] = mapped_column(Float)
    items: Mapped[dict] = mapped_column(PortableJSON)
    cause: Mapped[str] = mapped_column(Text, default="")
    cause_en: Mapped[str | None] = mapped_column(Text, default=None)  # the same in English (None before 0012)
    records_seen: Mapped[int] = mapped_column(default=0)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (db.Index("ix_score_snapshots_key", "template_id", "unit_code", "period", "computed_at"),)

    def cause_for(self, lang) -> str:
        """Why the scorecard changed, in English for an English locale when known (older snapshots: Chinese)."""
        return self.cause_en if self.cause_en and is_english(lang) else self.cause


class MonthlySummary(db.Model):
    """The monthly QC summary (月总结) of a unit: drafted from the data, edited as text, then filed."""

    __tablename__ = "monthly_summaries"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), default="draft")
    edited_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    filed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    filed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    __table_args__ = (UniqueConstraint("unit_code", "month", name="uq_monthly_summaries_unit_month"),)


class StoredMeasure(db.Model):
    """What one metric measured for one unit and assessment window, kept while the rows it read are unchanged.

    `key` digests the metric and its context (period, today, sampled month and children); `inputs` digests the
    metric code and the change positions of every record kind the metric reads for the unit
    (services/scoring/stored_measures.py), so a measure is reused only when recomputing it would give the same result;
    `seen` is the record store's count and last change position when it was computed with a digest of the rest,
    which lets it be reused without reading the marks while no record was written since. Rows of a passed day are
    pruned when new ones are stored.
    """

    __tablename__ = "stored_measures"
    unit_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(index=True)
    inputs: Mapped[str] = mapped_column(String(64))
    seen: Mapped[str] = mapped_column(String(96))
    payload: Mapped[str] = mapped_column(Text)  # the Measure as JSON (domain/metrics/measure_codec.py)


class ScheduleStatus(db.Model):
    """The schedule engine's view of one registry child on one day, kept while the child's inputs are unchanged.

    `inputs` fingerprints everything the evaluation read (engine and schedule data, the child record's change,
    the count and change positions of the child's vaccination records), so a stale row is never used: a
    different fingerprint means the child is evaluated again. With those unchanged the view also holds on the
    later days before `valid_until` (the first day the engine's answer may differ; `NO_END` when none), so a
    new "today" reads it back. A row for a day that is not a month's last day (an open period's "today") is
    pruned once it no longer holds on today; a row without `valid_until` (stored before it) holds on its day only.
    """

    __tablename__ = "schedule_statuses"
    child_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    on_date: Mapped[date] = mapped_column(primary_key=True)
    inputs: Mapped[str] = mapped_column(String(96))
    doses: Mapped[bytes] = mapped_column(LargeBinary)  # dose groups × (counted, due) day ordinals (doses_codec.py)
    rejected: Mapped[str | None] = mapped_column(Text)  # JSON {vaccination id: reason}, None when every dose counts
    month_end: Mapped[bool] = mapped_column(default=False)
    valid_until: Mapped[date | None] = mapped_column()

"""A unit's monthly report (常规免疫接种情况月报) as it was submitted: the figures kept as they were that day."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.dbtypes import PortableJSON, UTCDateTime, utcnow
from webapp.extensions import db


class MonthlyReportSubmission(db.Model):
    """One submission of a unit's month: the report body (records.md shape) as computed when it was submitted."""

    __tablename__ = "monthly_report_submissions"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    figures: Mapped[dict] = mapped_column(PortableJSON)
    submitted_by: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

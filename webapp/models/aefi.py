"""AEFI review data kept beside the record store: the preliminary investigation report's time.

The aefi_review record's fields are fixed by records.md (the phones pull them), and it has no field for the
preliminary report that death, serious, cluster and high-impact cases need within 7 days of the
investigation's start; the county enters that time here, one row per AEFI report.
"""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.dbtypes import UTCDateTime, utcnow
from webapp.extensions import db


class AefiPreliminaryReport(db.Model):
    """When the preliminary investigation report of one AEFI case was made, and who recorded it."""

    __tablename__ = "aefi_preliminary_reports"
    aefi_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

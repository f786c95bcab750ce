"""Models, one module per aggregate; importing this package registers them all with SQLAlchemy."""

from webapp.models.aefi import AefiPreliminaryReport  # noqa: F401
from webapp.models.audit import AuditEvent
from webapp.models.org import County, Equipment, School, Township, Unit, Village
from webapp.models.people import DeviceToken, User
from webapp.models.records import Record, RecordRevision
from webapp.models.reports import MonthlyReportSubmission  # noqa: F401
from webapp.models.schools import RosterEntry  # noqa: F401
from webapp.models.scoring import (  # noqa: F401
    Assessment,
    MonthlySummary,
    ScheduleStatus,
    ScoreEntry,
    ScoreSnapshot,
    StoredMeasure,
)
from webapp.models.sync import ReferenceSnapshot, ScopeExit, SyncCounter  # noqa: F401

__all__ = ["AuditEvent", "County", "DeviceToken", "Equipment", "Record", "RecordRevision", "School", "Township", "Unit",
           "User", "Village"]

"""Models, one module per aggregate; importing this package registers them all with SQLAlchemy."""

from webapp.models.audit import AuditEvent
from webapp.models.org import County, School, Township, Unit, Village
from webapp.models.people import DeviceToken, User

__all__ = ["AuditEvent", "County", "DeviceToken", "School", "Township", "Unit", "User", "Village"]

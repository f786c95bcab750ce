"""Admin pages: organisation, users and devices."""

from webapp.admin import audit_views, import_views, record_views, views  # noqa: F401  (their routes register on bp)
from webapp.admin.blueprint import bp  # noqa: F401

"""Admin pages: organisation, users and devices."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from webapp.admin import audit_views, import_views, views  # noqa: E402,F401

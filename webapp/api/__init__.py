"""The JSON API under /api/v1: bearer tokens, problem+json errors, no CSRF (writes need a bearer token)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from webapp.api import aefi, auth, openapi, reference, schedule, schools, scores, sync  # noqa: E402,F401

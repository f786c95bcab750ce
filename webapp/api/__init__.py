"""The JSON API under /api/v1: bearer tokens, problem+json errors, no CSRF (writes need a bearer token)."""

# the modules whose routes register on bp
from webapp.api import aefi, auth, openapi, reference, schedule, schools, scores, stock, sync  # noqa: F401
from webapp.api.blueprint import bp  # noqa: F401

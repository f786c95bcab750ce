"""The JSON API under /api/v1: bearer tokens, problem+json errors, no CSRF (writes need a bearer token)."""

# the modules whose routes register on bp
from webapp.api import (  # noqa: F401
    aefi,
    auth,
    due,
    openapi,
    reference,
    reports,
    schedule,
    schools,
    scores,
    stock,
    sync,
)
from webapp.api.blueprint import bp  # noqa: F401

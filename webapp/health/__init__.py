"""`GET /healthz` (records.md): the database, and the rate-limit store when one is configured, for load balancers,
systemd and the county IT person. No authentication; it says nothing about the data."""

from flask import Blueprint, current_app
from sqlalchemy import text

from webapp.access import public
from webapp.errors import is_db_unavailable, problem
from webapp.extensions import db, limiter

bp = Blueprint("health", __name__)
RETRY_AFTER = "10"


@bp.get("/healthz")
@public()
def healthz():
    """200 with each dependency's state, or a 503 problem with Retry-After when the database cannot be reached."""
    if not database_reachable():
        return problem(503, headers={"Retry-After": RETRY_AFTER, "Cache-Control": "no-store"})
    body = {"status": "ok", "database": "ok"}
    store = rate_limit_store()
    if store is not None:
        body["rate_limit_store"] = store
    return body


def database_reachable() -> bool:
    """One `SELECT 1`; any error (refused, timed out, authentication) means not reachable."""
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
        return True
    except Exception as exc:  # whatever the driver raises, the answer is "unavailable"
        db.session.rollback()
        reason = "unreachable" if is_db_unavailable(exc) else type(exc).__name__  # never the message (personal data)
        current_app.logger.warning("healthz: database unavailable (%s)", reason)
        return False


def rate_limit_store() -> str | None:
    """None with the in-process store; "ok" when the shared store (Redis) answers a ping, else "fallback" (each
    app server counts in its own memory until the store is back: limits still hold, per server)."""
    uri = str(current_app.config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if uri.startswith("memory"):
        return None
    try:
        healthy = limiter.storage.check()
    except Exception:  # a store that cannot even be asked is as good as down
        healthy = False
    return "ok" if healthy else "fallback"

"""Security headers on every response."""

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'")


def add_security_headers(response):
    """Set CSP, nosniff, referrer and framing headers."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if response.mimetype in ("application/json", "application/problem+json") or _personal():
        response.headers["Cache-Control"] = "no-store"  # pages, exports and photos of a signed-in user
    return response


def _personal() -> bool:
    """Whether the response may hold personal data: anything but static files, for a signed-in user or a token."""
    from flask import request
    from flask_login import current_user

    if (request.endpoint or "").rsplit(".", 1)[-1] == "static":
        return False
    return "Authorization" in request.headers or current_user.is_authenticated

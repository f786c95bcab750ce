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
    if response.mimetype in ("application/json", "application/problem+json"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response

"""Behind a reverse proxy (nginx in front of several app servers), trust its X-Forwarded-For/-Proto headers so
rate limits key on the phone's address, not the proxy's, and URLs and secure cookies see https."""

from werkzeug.middleware.proxy_fix import ProxyFix


def trust_proxies(app) -> None:
    """Wrap the WSGI app in ProxyFix when TRUSTED_PROXIES (the number of proxies in front) is above 0."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)

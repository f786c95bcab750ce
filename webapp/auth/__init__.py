"""Sign-in, sign-out and the language toggle for the HTML pages."""

from webapp.auth import views  # noqa: F401  (their routes register on bp)
from webapp.auth.blueprint import bp  # noqa: F401

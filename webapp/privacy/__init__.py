"""The public privacy page (个人信息保护说明)."""

from webapp.privacy import views  # noqa: F401  (their routes register on bp)
from webapp.privacy.blueprint import bp  # noqa: F401

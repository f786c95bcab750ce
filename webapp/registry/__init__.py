"""The child registry pages: potential duplicates of a unit (or a county) and merging them."""

from webapp.registry import views  # noqa: F401  (its routes register on bp)
from webapp.registry.blueprint import bp  # noqa: F401

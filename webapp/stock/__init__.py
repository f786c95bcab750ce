"""County pages of what units record every day: vaccine stock by lot, the cold chain, 留观."""

from webapp.stock import views  # noqa: F401  (its routes register on bp)
from webapp.stock.blueprint import bp  # noqa: F401

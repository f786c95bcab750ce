"""County AEFI review: queue with timers, case pages, calendar, indicators, silence, lots, devices, exports."""

from webapp.review import views_cases, views_reports  # noqa: F401  (their routes register on bp)
from webapp.review.blueprint import bp  # noqa: F401

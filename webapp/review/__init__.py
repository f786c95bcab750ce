"""County AEFI review: queue with timers, case pages, calendar, indicators, silence, lots, devices, exports."""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")

from webapp.review import views_cases, views_reports  # noqa: E402,F401

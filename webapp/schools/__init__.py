"""School-entry check pages: reports, registers, the annual report, roster import and catch-up referrals."""

from flask import Blueprint

bp = Blueprint("schools", __name__, url_prefix="/schools")

from webapp.schools import views, work  # noqa: E402,F401

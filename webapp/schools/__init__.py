"""School-entry check pages: reports, registers, the annual report, roster import and catch-up referrals."""

from webapp.schools import views, work  # noqa: F401  (their routes register on bp)
from webapp.schools.blueprint import bp  # noqa: F401

"""The national schedule engine: which doses count, which are missing, what to offer today.

Pure Python over the versioned data in webapp/data/schedule/; pwa/src/lib/schedule.js mirrors it and
tests/vectors/schedule.json proves both give the same answers.
"""

from webapp.domain.schedule.book import default_book
from webapp.domain.schedule.context import ScheduleInputError
from webapp.domain.schedule.engine import child_status, due_doses, evaluate

__all__ = ["ScheduleInputError", "child_status", "due_doses", "evaluate", "vaccine_codes"]


def vaccine_codes() -> list[str]:
    """Every product code the engine accepts (NIP and known non-NIP)."""

    return sorted({code for v in default_book().versions for code in v.vaccines})

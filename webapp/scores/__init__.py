"""Scores: county ranking, unit scorecards, assessor entry, evidence drill-down, monthly QC summaries."""

from webapp.scores import assess, monthly_report, summary, survey, views  # noqa: F401  (their routes register on bp)
from webapp.scores.blueprint import bp  # noqa: F401

"""The rubric engine: assessment plans as data (YAML under webapp/rubrics/), scored from measures and assessor entries.

Pure code: plain values in, plain values out. `load_template` parses and validates a template,
`score_template` turns measures (per part) and manual entries into a scorecard.
"""

from webapp.domain.rubric.engine import ManualEntry, score_template
from webapp.domain.rubric.loader import TemplateError, load_template, parse_template
from webapp.domain.rubric.model import Evidence, Finding, Measure

__all__ = ["Evidence", "Finding", "ManualEntry", "Measure", "TemplateError", "load_template", "parse_template",
           "score_template"]

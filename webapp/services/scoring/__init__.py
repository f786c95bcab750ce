"""Scores: rubrics, rows from records, schedule views, stored measures, scorecards and outputs."""

"""The reports a unit files with the county: the monthly immunization report and what is drawn from it."""

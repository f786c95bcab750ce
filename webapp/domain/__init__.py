"""Pure rules with no Flask: periods, the schedule engine, the rubric engine, AEFI timers."""

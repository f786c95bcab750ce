"""Pure AEFI rules (no Flask, no db): time limits, indicators, zero-report calendar, silence, lot signals."""

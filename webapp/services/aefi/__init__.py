"""AEFI surveillance: cases, review, the zero-report calendar, surveillance, settings and exports."""

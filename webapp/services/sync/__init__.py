"""Sync: the push pipeline (plan, checks, permissions, view, write), change log, pull and reference data."""

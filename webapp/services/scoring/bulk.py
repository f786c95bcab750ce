"""Bulk computations (a county's scorecards) run with Python's cycle collector paused; upserts of what they keep.

Scoring a county year builds about a million short-lived rows, tuples and namespaces that hold no reference
cycles; the collector would walk them again and again as they accumulate (a third of the time at 300,000 records).
Pausing is process-wide, so overlapping computations (threads) count in and out and the last one out turns the
collector back on; a caller that had it off already keeps it off.
"""

import gc
import threading
from contextlib import contextmanager

from sqlalchemy.dialects import postgresql, sqlite

from webapp.extensions import db

_lock = threading.Lock()
_state = {"depth": 0, "resume": False}


@contextmanager
def collector_paused():
    """Pause the cycle collector for the block (reference counting still frees every acyclic object)."""
    with _lock:
        if _state["depth"] == 0:
            _state["resume"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["resume"]:
                gc.enable()


def upsert_statement(table, keys: list[str], columns: list[str]):
    """An INSERT of `table` rows that updates `columns` of a row already there with the same `keys`."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    return stmt.on_conflict_do_update(index_elements=keys, set_={c: stmt.excluded[c] for c in columns})

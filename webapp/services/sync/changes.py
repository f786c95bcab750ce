"""The pull change log's clock: every write of a synced record takes the next change numbers here.

Why a pull cursor never skips a change that commits late (PostgreSQL, READ COMMITTED, many workers):
a plain sequence hands out numbers in *call* order, not *commit* order — transaction A takes 10, B takes
11, B commits, a device pulls and moves its cursor to 11, then A commits 10 behind the cursor, lost.
Here every writer first UPDATEs the single `sync_counter` row (`lock_change_log`). The row lock is held
until the writer commits or rolls back, so a second writer waits at that UPDATE and, once the first has
committed, re-reads the committed value (READ COMMITTED re-evaluates an updated row after the wait) and
numbers its changes after the first's. Change numbers are therefore visible in exactly the order they
were handed out: whenever a reader sees number n committed, every number below n is committed (or was
rolled back and will never appear). A cursor "highest number seen" is then safe. On SQLite the database
write lock (BEGIN IMMEDIATE) gives the same order. The lock is taken after validation, so the time it is
held is the write itself plus the commit. tests/services/sync/test_concurrency.py checks it with concurrent
PostgreSQL writers.
"""

from sqlalchemy import insert, select, update

from webapp.extensions import db
from webapp.models.sync import SyncCounter


class ChangeClock:
    """Hands out change numbers inside the current transaction, after `lock_change_log`."""

    def __init__(self, start: int):
        self.start = self.value = start

    def next(self) -> int:
        """The next change number."""
        self.value += 1
        return self.value

    def save(self) -> None:
        """Store the last number handed out (the counter row is still locked by this transaction).

        Always written, even when unchanged since the last save: a savepoint rolled back in between may have
        undone the previous save, and numbers must never be handed out twice."""
        db.session.execute(update(SyncCounter).where(SyncCounter.id == 1).values(value=self.value))


def lock_change_log() -> ChangeClock:
    """Lock the change counter until this transaction ends, and return a clock starting at its value."""
    done = db.session.execute(update(SyncCounter).where(SyncCounter.id == 1).values(value=SyncCounter.value))
    if done.rowcount == 0:
        _create_counter()
        db.session.execute(update(SyncCounter).where(SyncCounter.id == 1).values(value=SyncCounter.value))
    return ChangeClock(db.session.execute(select(SyncCounter.value).where(SyncCounter.id == 1)).scalar_one())


def _create_counter() -> None:
    stmt = insert(SyncCounter).values(id=1, value=0)
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        stmt = pg_insert(SyncCounter).values(id=1, value=0).on_conflict_do_nothing()
    else:
        stmt = stmt.prefix_with("OR IGNORE")
    db.session.execute(stmt)


def current_change() -> int:
    """The highest change number committed so far (0 before any)."""
    return db.session.execute(select(SyncCounter.value).where(SyncCounter.id == 1)).scalar_one_or_none() or 0

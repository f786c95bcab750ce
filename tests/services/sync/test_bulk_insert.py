"""The push's bulk insert stores exactly what SQLAlchemy's own INSERT stores, column by column, on both databases."""

from datetime import UTC, date, datetime

from sqlalchemy import insert, text

from tests.factories import new_id
from webapp.models import Record, RecordRevision
from webapp.services.sync.write import insert_rows

AT = datetime(2026, 11, 20, 1, 2, 3, 456789, tzinfo=UTC)


def _record(record_id, **extra):
    return {"id": record_id, "kind": "precheck", "rev": 1, "data": {"名": "王", "n": [1, 2.5, None], "ok": True},
            "content_hash": "h" * 64, "captured_at": AT, "captured_offset_min": 480, "corrected_at": AT,
            "captured_by": "demo-nurse", "device_id": "d1", "received_at": AT, "updated_at": AT, "deleted": False,
            "unit_code": "U01", "event_date": date(2026, 11, 20), "qc_missing": None, "dose": 2, **extra}


def _stored(db, table, key, value):
    row = db.session.execute(text(f"SELECT * FROM {table} WHERE {key} = :v"), {"v": value}).mappings().one()
    return {k: v for k, v in row.items() if k not in ("id", "record_id")}


def test_bulk_inserted_records_and_revisions_equal_sqlalchemys_insert(app, db, demo_org):
    fast, plain = new_id(), new_id()
    insert_rows(Record.__table__, [_record(fast)])
    db.session.execute(insert(Record.__table__), [_record(plain)])
    revision = {k: _record(fast)[k] for k in ("rev", "data", "content_hash", "captured_at", "captured_by",
                                                "device_id", "received_at")}
    insert_rows(RecordRevision.__table__, [{**revision, "record_id": fast, "pushed_by": "demo-nurse"}])
    db.session.execute(insert(RecordRevision.__table__), [{**revision, "record_id": plain, "pushed_by": "demo-nurse"}])
    assert _stored(db, "records", "id", fast) == _stored(db, "records", "id", plain)
    assert _stored(db, "record_revisions", "record_id", fast) == _stored(db, "record_revisions", "record_id", plain)


def test_rows_leaving_out_a_defaulted_column_get_its_default_as_with_sqlalchemy(app, db, demo_org):
    fast, plain = new_id(), new_id()
    lean = {k: v for k, v in _record(fast).items() if k not in ("deleted", "captured_offset_min")}
    insert_rows(Record.__table__, [lean])
    db.session.execute(insert(Record.__table__), [{**lean, "id": plain}])
    stored = _stored(db, "records", "id", fast)
    assert stored == _stored(db, "records", "id", plain)
    assert stored["captured_offset_min"] == 0

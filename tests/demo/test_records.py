"""The demo county year: deterministic, idempotent, projected like synced records, with realistic gaps."""

import random

from sqlalchemy import func, select

from webapp.demo.records import marker_id, seed_county_year
from webapp.models import Record, RecordRevision


def _ids(db):
    return sorted(db.session.execute(select(Record.id)).scalars())


def test_demo_year_is_deterministic_idempotent_and_projected(db, demo_org):
    assert seed_county_year(random.Random(7), scale=0.05)[0].startswith("created demo county year")
    first = _ids(db)
    assert seed_county_year(random.Random(7), scale=0.05) == []
    assert _ids(db) == first
    kinds = dict(db.session.execute(select(Record.kind, func.count()).group_by(Record.kind)).all())
    assert kinds["child"] == 100 and kinds["vaccination"] > 800 and kinds["precheck"] > 50
    assert db.session.execute(select(func.count()).select_from(RecordRevision)).scalar_one() == len(first)
    marker = db.session.get(Record, marker_id())
    assert marker.kind == "child" and marker.child_id == marker.id
    assert marker.event_date.isoformat() == marker.data["birth_date"] and marker.unit_code == "U01"
    shot = db.session.execute(select(Record).where(Record.kind == "vaccination").limit(1)).scalar_one()
    assert shot.event_date.isoformat() == shot.data["given_on"] and shot.child_id == shot.data["child_id"]
    assert shot.change_seq is not None


def test_demo_year_has_incomplete_records_to_score(db, demo_org):
    seed_county_year(random.Random(2026), scale=0.2)
    prechecks = db.session.execute(select(Record.data).where(Record.kind == "precheck")).scalars().all()
    incomplete = [d for d in prechecks if "temperature_c" not in d or len(d["answers"]) < 11]
    assert 0 < len(incomplete) < len(prechecks) / 5

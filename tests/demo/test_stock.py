"""Demo stock, cold chain and 留观: written through the pipeline, deterministic, idempotent, visible at once."""

import random

from sqlalchemy import func, select

from webapp.demo.records import seed_county_year
from webapp.demo.stock import seed_stock_demo
from webapp.models import Record
from webapp.services import county
from webapp.services.stock.lots import unit_stock


def _ids(db, kinds=("stock_movement", "temperature_reading", "observation")):
    return sorted(db.session.execute(select(Record.id).where(Record.kind.in_(kinds))).scalars())


def test_demo_stock_is_deterministic_idempotent_and_shows_what_the_county_looks_for(db, demo_org):
    seed_county_year(random.Random(7), scale=0.05)
    lines = seed_stock_demo(random.Random(3))
    assert lines and all(line.startswith("created demo stock") for line in lines)
    first = _ids(db)
    assert seed_stock_demo(random.Random(3)) == [] and _ids(db) == first
    kinds = dict(db.session.execute(select(Record.kind, func.count()).where(Record.id.in_(first))
                                    .group_by(Record.kind)).all())
    assert kinds["stock_movement"] > 10 and kinds["temperature_reading"] > 100 and kinds["observation"] > 0
    lots = unit_stock("U01", county.today())["lots"]
    assert any(lot["count_difference"] for lot in lots)
    assert all(lot["balance"] >= 0 for lot in lots if lot["received"])
    readings = db.session.execute(select(Record.data).where(Record.kind == "temperature_reading")).scalars().all()
    hot = [r for r in readings if r["equipment_code"].endswith("R1") and r["celsius"] > 8]
    assert {("action" in r) for r in hot} == {True, False}

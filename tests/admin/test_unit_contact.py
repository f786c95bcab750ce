"""A unit's address and vaccination hours: entered on the admin's unit form, audited, pulled by every device of the
county with the unit's reference data (the school's 补种通知单 prints them); too long a value is refused on its
field."""

from sqlalchemy import select

from tests.sync_client import sync as sync_fixture
from webapp.models import AuditEvent, Unit

sync = sync_fixture  # the fixture, for the tests below

FORM = {"name": "林西镇防保站", "kind": "township_station", "township_code": "150424001", "active": "y"}


def _unit_change(sync, user):
    changes, _ = sync.pull_all(user)
    return next(c for c in changes if c["kind"] == "unit" and c["id"] == "U01")


def test_the_admin_sets_a_units_address_and_hours_and_the_schools_phone_pulls_them(auth, client, db, sync):
    auth.login("demo-admin")
    token = auth.csrf("/admin/org/unit/U01")
    resp = client.post("/admin/org/unit/U01", data={**FORM, "address": " 林西镇人民路 99 号 ",
                                                    "hours": "每周三 8:00–11:30", "csrf_token": token})
    assert resp.status_code == 302
    db.session.expire_all()
    unit = db.session.get(Unit, "U01")
    assert (unit.address, unit.hours) == ("林西镇人民路 99 号", "每周三 8:00–11:30")
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "unit.update")).scalar_one()
    assert event.after["address"] == "林西镇人民路 99 号"
    for user in ("demo-school", "demo-nurse"):
        data = _unit_change(sync, user)["data"]
        assert (data["address"], data["hours"]) == ("林西镇人民路 99 号", "每周三 8:00–11:30")


def test_a_unit_without_address_or_hours_is_pulled_with_empty_ones(db, sync):
    unit = db.session.get(Unit, "U01")
    unit.address = unit.hours = None
    db.session.commit()
    data = _unit_change(sync, "demo-school")["data"]
    assert (data["address"], data["hours"]) == ("", "")


def test_too_long_an_address_is_refused_on_its_field(auth, client, db):
    auth.login("demo-admin")
    token = auth.csrf("/admin/org/unit/U01")
    resp = client.post("/admin/org/unit/U01", data={**FORM, "address": "路" * 201, "hours": "",
                                                    "csrf_token": token})
    assert resp.status_code == 200 and "地址最多 200 个字" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Unit, "U01").address == "林西镇人民路 12 号（镇卫生院一楼）"  # the demo's, unchanged

"""The cold-chain equipment register: admin pages like units and villages, pulled by the county's phones."""

from webapp.models import Equipment


def _post(auth, client, **values):
    auth.login("demo-admin")
    form = {"code": "U01-R9", "name": "2号冰箱", "unit_code": "U01", "kind": "refrigerator", "range_min": "2",
            "range_max": "8", "readings_per_day": "2", "active": "y", **values}
    form["csrf_token"] = auth.csrf("/admin/org/equipment/new")
    return client.post("/admin/org/equipment/new", data=form)


def test_admin_registers_a_refrigerator_of_a_unit(auth, client, db):
    assert _post(auth, client).status_code == 302
    row = db.session.get(Equipment, "U01-R9")
    assert (row.unit_code, row.kind, row.range_min, row.range_max, row.readings_per_day) == (
        "U01", "refrigerator", 2.0, 8.0, 2)
    assert "2号冰箱" in client.get("/admin/org/equipment").get_data(as_text=True)


def test_a_range_whose_upper_limit_is_not_above_the_lower_is_refused_on_the_field(auth, client, db):
    resp = _post(auth, client, range_min="8", range_max="2")
    assert resp.status_code == 200 and "温度上限应高于下限" in resp.get_data(as_text=True)
    assert db.session.get(Equipment, "U01-R9") is None


def test_equipment_of_an_unknown_unit_is_refused(auth, client, db):
    resp = _post(auth, client, unit_code="U99")
    assert "上级代码 U99 不存在" in resp.get_data(as_text=True)
    assert db.session.get(Equipment, "U01-R9") is None


def test_a_reading_count_outside_one_to_six_is_refused(auth, client, db):
    resp = _post(auth, client, readings_per_day="9")
    assert resp.status_code == 200 and "应在 1 到 6 之间" in resp.get_data(as_text=True)
    assert db.session.get(Equipment, "U01-R9") is None

"""Admin pages: create a unit and a nurse, revoke a device, and each role reaches only what it may."""

import pytest

from webapp.models import DeviceToken, Unit, User

ADMIN_PAGES = ["/admin/", "/admin/org/unit", "/admin/org/village", "/admin/org/school", "/admin/org/township",
               "/admin/users", "/admin/devices", "/admin/org/unit/new", "/admin/users/new"]


def test_admin_creates_a_unit_and_a_nurse(auth, client, db):
    auth.login("demo-admin")
    token = auth.csrf("/admin/org/unit/new")
    resp = client.post("/admin/org/unit/new", data={"code": "U09", "name": "十二吐乡防保站", "kind": "township_station",
                                                    "township_code": "150424002", "active": "y", "csrf_token": token})
    assert resp.status_code == 302
    assert db.session.get(Unit, "U09").name == "十二吐乡防保站"
    token = auth.csrf("/admin/users/new")
    resp = client.post("/admin/users/new", data={"username": "nurse-new", "role": "nurse", "scope_code": "U09",
                                                 "password": "Strong-pass-1", "active": "y", "csrf_token": token})
    assert resp.status_code == 302
    user = db.session.query(User).filter_by(username="nurse-new").one()
    assert user.role == "nurse" and user.scope_code == "U09" and user.password_hash.startswith("$argon2")


def test_bad_scope_is_reported_on_the_field(auth, client):
    auth.login("demo-admin")
    token = auth.csrf("/admin/users/new")
    resp = client.post("/admin/users/new", data={"username": "x1", "role": "nurse", "scope_code": "NOPE",
                                                 "password": "Strong-pass-1", "csrf_token": token})
    assert resp.status_code == 200 and "范围代码 NOPE 不存在或与角色不符" in resp.get_data(as_text=True)


def test_unit_with_unknown_township_is_refused(auth, client, db):
    auth.login("demo-admin")
    token = auth.csrf("/admin/org/unit/new")
    resp = client.post("/admin/org/unit/new", data={"code": "U10", "name": "x", "kind": "township_station",
                                                    "township_code": "999", "csrf_token": token})
    assert "上级代码 999 不存在" in resp.get_data(as_text=True)
    assert db.session.get(Unit, "U10") is None


def test_admin_revokes_a_device_and_the_token_gets_401(auth, client, token_for, db):
    headers = token_for("demo-nurse")
    auth.login("demo-admin")
    token = auth.csrf("/admin/devices")
    row = db.session.query(DeviceToken).one()
    assert client.post(f"/admin/devices/{row.id}/revoke", data={"csrf_token": token}).status_code == 302
    resp = client.get("/api/v1/auth/me", headers=headers)
    assert resp.status_code == 401 and resp.mimetype == "application/problem+json"


def test_revoke_without_csrf_is_refused(auth, client, token_for, db):
    token_for("demo-nurse")
    auth.login("demo-admin")
    row = db.session.query(DeviceToken).one()
    assert client.post(f"/admin/devices/{row.id}/revoke").status_code == 400
    db.session.refresh(row)
    assert row.revoked_at is None


@pytest.mark.parametrize("username", ["demo-nurse", "demo-school", "demo-county"])
def test_other_roles_cannot_reach_admin_pages(auth, client, username):
    auth.login(username)
    for path in ADMIN_PAGES:
        assert client.get(path).status_code == 403, path


def test_admin_reaches_every_admin_page(auth, client):
    auth.login("demo-admin")
    for path in ADMIN_PAGES:
        assert client.get(path).status_code == 200, path


def test_anonymous_is_sent_to_login(client, demo_org):
    resp = client.get("/admin/users")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_admin_of_another_county_sees_nothing_of_this_one(auth, client, db):
    from webapp.models import County
    from webapp.services.accounts.users import create_user
    db.session.add(County(code="999999", name="别县"))
    create_user("other-admin", "Strong-pass-1", "admin", "999999")
    db.session.commit()
    auth.login("other-admin", "Strong-pass-1")
    assert "demo-nurse" not in client.get("/admin/users").get_data(as_text=True)
    assert client.get("/admin/org/unit/U01").status_code == 404

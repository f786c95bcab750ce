"""POST /api/v1/auth/token: issue, use, revoke, expire."""

from datetime import timedelta

from webapp.dbtypes import utcnow
from webapp.models import DeviceToken


def test_token_is_issued_with_user_and_expiry(client, demo_org):
    resp = client.post("/api/v1/auth/token", json={"username": "demo-nurse", "password": "Demo-2026!",
                                                   "device_id": "phone-1", "device_name": "红米"})
    body = resp.get_json()
    assert resp.status_code == 201
    assert body["user"] == {"username": "demo-nurse", "display_name": "王护士", "role": "nurse", "scope": "U01"}
    assert len(body["token"]) >= 40 and body["expires_at"]


def test_token_is_stored_only_as_a_hash(client, demo_org, db):
    token = client.post("/api/v1/auth/token", json={"username": "demo-nurse", "password": "Demo-2026!",
                                                    "device_id": "phone-1"}).get_json()["token"]
    row = db.session.query(DeviceToken).one()
    assert token not in row.token_hash and len(row.token_hash) == 64


def test_wrong_password_is_401_problem(client, demo_org):
    resp = client.post("/api/v1/auth/token", json={"username": "demo-nurse", "password": "nope",
                                                   "device_id": "phone-1"})
    assert resp.status_code == 401 and resp.mimetype == "application/problem+json"
    assert resp.get_json()["detail"] == "用户名或密码错误"


def test_missing_fields_are_named_in_the_error(client, demo_org):
    resp = client.post("/api/v1/auth/token", json={"username": "demo-nurse"})
    body = resp.get_json()
    assert resp.status_code == 422
    assert set(body["errors"]) == {"password", "device_id"}
    assert body["errors"]["password"] == ["必填字段"]


def test_errors_speak_english_when_asked(client, demo_org):
    resp = client.post("/api/v1/auth/token", json={"username": "x"}, headers={"Accept-Language": "en"})
    assert resp.get_json()["errors"]["password"] == ["Required field"]


def test_malformed_json_is_400_problem(client, demo_org):
    resp = client.post("/api/v1/auth/token", data="{not json", content_type="application/json")
    assert resp.status_code == 400 and resp.get_json()["status"] == 400


def test_token_authenticates_the_api(client, token_for):
    resp = client.get("/api/v1/auth/me", headers=token_for("demo-nurse"))
    assert resp.status_code == 200 and resp.get_json()["user"]["username"] == "demo-nurse"


def test_no_token_is_401_problem(client, demo_org):
    resp = client.get("/api/v1/auth/me")
    assert resp.status_code == 401 and resp.mimetype == "application/problem+json"
    assert resp.headers["WWW-Authenticate"] == "Bearer"


def test_revoked_token_gets_401_at_once(client, token_for, db):
    from webapp.services.accounts.tokens import revoke_token
    headers = token_for("demo-nurse")
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    revoke_token("demo-admin", db.session.query(DeviceToken).one().id)
    db.session.commit()
    resp = client.get("/api/v1/auth/me", headers=headers)
    assert resp.status_code == 401 and resp.get_json()["title"] == "需要登录"


def test_token_expires_after_the_idle_period(client, token_for, db):
    headers = token_for("demo-nurse")
    row = db.session.query(DeviceToken).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_use_slides_the_expiry_forward(client, token_for, db):
    headers = token_for("demo-nurse")
    row = db.session.query(DeviceToken).one()
    row.last_used_at = utcnow() - timedelta(days=10)
    row.expires_at = utcnow() + timedelta(days=20)
    db.session.commit()
    client.get("/api/v1/auth/me", headers=headers)
    db.session.expire_all()
    assert db.session.query(DeviceToken).one().expires_at > utcnow() + timedelta(days=29)


def test_deactivated_user_token_is_refused(client, token_for, db):
    from webapp.services.accounts.users import find_user
    headers = token_for("demo-nurse")
    find_user("demo-nurse").active = False
    db.session.commit()
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401

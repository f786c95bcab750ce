"""Failed sign-ins are counted per account and address, and per account overall; nobody can lock the owner out
from their own device, and the owner is told (audit, and a notice at the next sign-in)."""

from tests.conftest import DEMO_PASSWORD
from webapp.models import AuditEvent


def _from(address):
    return {"REMOTE_ADDR": address}


def _guess(client, token, address, username="demo-admin"):
    return client.post("/login", data={"username": username, "password": "guess-guess", "csrf_token": token},
                       environ_base=_from(address)).status_code


def test_guesses_from_one_address_do_not_lock_the_owner_out_elsewhere(app, auth, client):
    app.config["LOGIN_RATE_LIMIT"] = "1000 per hour"
    token = auth.csrf()
    statuses = [_guess(client, token, "10.9.0.1") for _ in range(22)]
    assert statuses[:20] == [200] * 20 and statuses[20:] == [429, 429]
    owner = client.post("/login", data={"username": "demo-admin", "password": DEMO_PASSWORD, "csrf_token": token},
                        environ_base=_from("10.9.0.2"))
    assert owner.status_code == 302


def test_the_owners_phone_signs_in_again_while_the_account_is_throttled(app, client, token_for):
    headers = token_for("demo-nurse")
    app.config["ACCOUNT_SPREAD_LIMIT"] = "3 per hour"
    body = {"username": "demo-nurse", "password": "wrong-password", "device_id": "d", "device_name": "p"}
    for i in range(3):
        client.post("/api/v1/auth/token", json=body, environ_base=_from(f"10.9.1.{i}"))
    good = {**body, "password": DEMO_PASSWORD}
    assert client.post("/api/v1/auth/token", json=good, environ_base=_from("10.9.1.9")).status_code == 429
    assert client.post("/api/v1/auth/token", json=good, headers=headers,
                       environ_base=_from("10.9.1.9")).status_code == 201
    assert client.get("/api/v1/sync/pull", headers=headers, environ_base=_from("10.9.1.9")).status_code == 200


def test_another_accounts_token_does_not_lift_the_account_limit(app, client, token_for):
    headers = token_for("demo-nurse2")
    app.config["ACCOUNT_SPREAD_LIMIT"] = "2 per hour"
    body = {"username": "demo-nurse", "password": "wrong-password", "device_id": "d", "device_name": "p"}
    statuses = [client.post("/api/v1/auth/token", json=body, headers=headers,
                            environ_base=_from(f"10.9.2.{i}")).status_code for i in range(3)]
    assert statuses == [401, 401, 429]


def test_a_throttled_account_is_audited_and_its_owner_told_once_at_the_next_sign_in(app, auth, client, db):
    app.config["ACCOUNT_SPREAD_LIMIT"] = "2 per hour"
    token = auth.csrf()
    assert [_guess(client, token, f"10.9.3.{i}") for i in range(4)] == [200, 200, 429, 429]
    assert db.session.query(AuditEvent).filter_by(action="auth.sign_in_throttled").count() == 1
    app.config["ACCOUNT_SPREAD_LIMIT"] = "100 per hour"
    page = client.post("/login", data={"username": "demo-admin", "password": DEMO_PASSWORD, "csrf_token": token},
                       follow_redirects=True).get_data(as_text=True)
    assert "多次失败的登录尝试" in page
    client.post("/logout", data={"csrf_token": auth.csrf("/admin/")})
    again = auth.client.post("/login", data={"username": "demo-admin", "password": DEMO_PASSWORD,
                                             "csrf_token": auth.csrf()}, follow_redirects=True)
    assert "多次失败的登录尝试" not in again.get_data(as_text=True)

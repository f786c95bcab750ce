"""A rate-limit key trusts only a bearer token that authenticated: a made-up header cannot buy a fresh bucket."""

from tests.conftest import DEMO_PASSWORD


def _bogus(i):
    return {"Authorization": f"Bearer made-up-{i}"}


def test_made_up_bearer_headers_do_not_escape_the_address_limit_on_the_token_endpoint(app, client, demo_org):
    app.config["ACCOUNT_SIGN_IN_LIMIT"] = "1000 per hour"
    statuses = [client.post("/api/v1/auth/token", headers=_bogus(i),
                            json={"username": f"guess-{i}", "password": "wrong-password", "device_id": "d",
                                  "device_name": "p"}).status_code for i in range(40)]
    assert 429 in statuses and set(statuses) <= {401, 429}


def test_made_up_bearer_headers_do_not_escape_the_address_limit_on_the_login_form(app, auth, client):
    app.config["ACCOUNT_SIGN_IN_LIMIT"] = "1000 per hour"
    token = auth.csrf()
    statuses = [client.post("/login", headers=_bogus(i),
                            data={"username": f"guess-{i}", "password": "wrong-password", "csrf_token": token}
                            ).status_code for i in range(40)]
    assert 429 in statuses and set(statuses) <= {200, 429}


def test_a_valid_device_token_keeps_its_own_bucket(app, client, token_for):
    headers = token_for("demo-nurse")
    app.config["API_RATE_LIMIT"] = "3 per minute"
    for i in range(3):  # the address's bucket is used up by made-up tokens
        client.get("/api/v1/sync/pull", headers=_bogus(i))
    assert client.get("/api/v1/sync/pull", headers=_bogus(9)).status_code == 429
    assert client.get("/api/v1/sync/pull", headers=headers).status_code == 200


def test_the_token_endpoint_still_signs_in_after_made_up_headers(client, demo_org):
    body = {"username": "demo-nurse", "password": DEMO_PASSWORD, "device_id": "d", "device_name": "p"}
    assert client.post("/api/v1/auth/token", json=body, headers=_bogus(1)).status_code == 201

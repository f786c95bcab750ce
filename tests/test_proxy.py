"""Behind a trusted reverse proxy, each phone's own address keys the rate limits; without trust, the header is
ignored (a client cannot dodge the limit by inventing X-Forwarded-For)."""

BODY = {"username": "nobody", "password": "wrong-password", "device_id": "d", "device_name": "p"}


def _statuses(app, forwarded_for):
    client = app.test_client()
    return [client.post("/api/v1/auth/token", json=BODY, headers={"X-Forwarded-For": ip}).status_code
            for ip in forwarded_for]


def test_behind_a_trusted_proxy_each_phone_has_its_own_limit(app):
    from webapp import create_app

    proxied = create_app({"TESTING": True, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
                          "ENV_NAME": "testing", "TRUSTED_PROXIES": 1, "RATELIMIT_STORAGE_URI": "memory://"})
    statuses = _statuses(proxied, [f"10.0.0.{i % 2}" for i in range(20)])
    assert 429 not in statuses


def test_without_a_trusted_proxy_forwarded_addresses_are_ignored(app):
    statuses = _statuses(app, [f"10.0.0.{i}" for i in range(11)])
    assert statuses[-1] == 429

"""GET /healthz (records.md): 200 with the database (and the rate-limit store when one is configured), a 503
problem with Retry-After when the database cannot be reached; requests carry an id that is echoed back."""

import pytest

from webapp import create_app
from webapp.extensions import limiter

SECRET = "test-secret-key-that-is-long-enough-0123456789"


def test_healthz_answers_ok_with_the_database(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_is_a_503_problem_with_retry_after_when_the_database_is_away():
    down = create_app({"TESTING": False, "ENV_NAME": "testing", "SECRET_KEY": SECRET,
                       "DATABASE_URL": "postgresql://postgres@127.0.0.1:1/none"})
    resp = down.test_client().get("/healthz")
    assert resp.status_code == 503 and resp.mimetype == "application/problem+json"
    assert resp.headers["Retry-After"].isdigit()
    assert "127.0.0.1" not in resp.get_data(as_text=True)


@pytest.fixture
def redis_away(app):
    """An app on the test database whose rate-limit store (Redis) is unreachable; the shared limiter is put back."""
    other = create_app({"TESTING": True, "ENV_NAME": "testing", "SECRET_KEY": SECRET,
                        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
                        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0"})
    yield other
    limiter.init_app(app)  # the limiter is a process-wide singleton: back to the session app's memory store
    limiter._storage_dead = False


def test_an_unreachable_rate_limit_store_falls_back_to_memory_and_says_so(redis_away, demo_org):
    client = redis_away.test_client()
    resp = client.post("/api/v1/auth/token", json={"username": "demo-nurse", "password": "Demo-2026!",
                                                   "device_id": "d-1", "device_name": "phone"})
    assert resp.status_code == 201, resp.get_json()
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json() == {"status": "ok", "database": "ok", "rate_limit_store": "fallback"}


def test_limits_still_hold_in_the_fallback_store(redis_away, demo_org):
    client = redis_away.test_client()
    body = {"username": "nobody", "password": "wrong-password", "device_id": "d", "device_name": "p"}
    statuses = [client.post("/api/v1/auth/token", json=body).status_code for _ in range(11)]
    assert 500 not in statuses and statuses[-1] == 429


def test_a_request_id_sent_by_the_proxy_is_echoed(client):
    resp = client.get("/healthz", headers={"X-Request-ID": "nginx-0123456789abcdef"})
    assert resp.headers["X-Request-ID"] == "nginx-0123456789abcdef"


def test_a_request_without_a_usable_id_gets_a_new_one(client):
    first = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"}).headers["X-Request-ID"]
    second = client.get("/healthz").headers["X-Request-ID"]
    assert len(first) == 32 and first != second and " " not in first

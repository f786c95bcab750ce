"""NUL characters are refused at the door with the field named (PostgreSQL cannot store them: once a 500)."""

from tests.factories import child_data, push_body, push_item
from webapp.request_guard import nul_paths


def test_nul_paths_name_every_offending_string_and_key():
    body = {"items": [{"data": {"name": "王\x00"}}, {"ok": "x"}], "bad\x00key": 1, "device_id": "d\x00"}
    assert sorted(nul_paths(body)) == ["bad\x00key", "device_id", "items.0.data.name"]
    assert nul_paths(["a", 1, None, {"b": "c"}]) == []


def test_a_push_with_a_nul_character_is_a_422_naming_the_field(client, token_for, db):
    item = push_item("child", child_data(name="王\x00小明"))
    resp = client.post("/api/v1/sync/push", json=push_body([item]), headers=token_for("demo-nurse"))
    assert resp.status_code == 422 and resp.mimetype == "application/problem+json"
    assert list(resp.get_json()["errors"]) == ["items.0.data.name"]


def test_a_token_request_with_a_nul_character_is_a_422_not_a_500(client, demo_org):
    resp = client.post("/api/v1/auth/token", json={"username": "demo\x00", "password": "x", "device_id": "d",
                                                   "device_name": "p"})
    assert resp.status_code == 422 and "username" in resp.get_json()["errors"]


def test_a_nul_in_a_query_string_or_path_is_refused(client, token_for):
    headers = token_for("demo-nurse")
    resp = client.get("/api/v1/sync/pull?cursor=%00", headers=headers)
    assert resp.status_code == 422 and "query.cursor" in resp.get_json()["errors"]


def test_a_nul_in_a_form_field_is_a_400_page(auth, client):
    auth.login("demo-admin")
    resp = client.post("/admin/users/new", data={"username": "x\x00", "csrf_token": auth.csrf("/admin/users/new")})
    assert resp.status_code == 400 and "text/html" in resp.content_type


def test_ordinary_requests_pass_the_guard(client, token_for):
    item = push_item("child", child_data())
    resp = client.post("/api/v1/sync/push", json=push_body([item]), headers=token_for("demo-nurse"))
    assert resp.status_code == 200 and resp.get_json()["results"][0]["status"] == "created"

"""The OpenAPI document is enough to write a client from: every operation has an operationId, a tag, a success
response with a schema, every query parameter its view reads and a body where it takes one."""

import inspect
import re

ARGS = re.compile(r"""request\.args\.get\(\s*["'](\w+)["']""")
READ_ELSEWHERE = {"api.get_scores": {"template", "period", "unit"}}  # read by services.score_requests


def _operations(doc):
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method != "parameters":
                yield path, method, op


def test_every_operation_has_a_unique_operation_id_and_a_tag(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    ids = [op.get("operationId") for _, _, op in _operations(doc)]
    assert None not in ids and len(ids) == len(set(ids))
    assert all(op.get("tags") for _, _, op in _operations(doc))


def test_every_operation_describes_its_success_body(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    for path, method, op in _operations(doc):
        success = [r for code, r in op["responses"].items() if str(code).startswith("2")]
        assert success and all("schema" in r.get("content", {}).get("application/json", {}) for r in success), \
            (method, path)


def test_every_query_parameter_a_view_reads_is_documented(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or "GET" not in rule.methods:
            continue
        view = inspect.unwrap(app.view_functions[rule.endpoint])
        read = set(ARGS.findall(inspect.getsource(view))) | READ_ELSEWHERE.get(rule.endpoint, set())
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        documented = {p["name"] for p in doc["paths"][path]["get"].get("parameters", []) if p["in"] == "query"}
        assert read <= documented, (path, read - documented)


def test_every_post_documents_its_body(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    for path, method, op in _operations(doc):
        if method == "post":
            assert op["requestBody"]["content"]["application/json"]["schema"], path


def test_the_scores_and_contraindication_operations_say_what_they_take(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    scores = {p["name"]: p["required"] for p in doc["paths"]["/api/v1/scores"]["get"]["parameters"]}
    assert scores == {"template": True, "period": True, "unit": False}
    body = doc["paths"]["/api/v1/schools/contraindications/{student_id}"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"]["required"] == ["reason", "date"]
    token = doc["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert "201" in token and "200" not in token

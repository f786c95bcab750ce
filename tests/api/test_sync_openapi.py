"""GET /api/v1/openapi.json: OpenAPI 3.1 for every /api/v1 endpoint, from the schemas."""

import json


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_spec_is_public_openapi_3_1(client, app):
    resp = client.get("/api/v1/openapi.json")
    doc = resp.get_json()
    assert resp.status_code == 200 and doc["openapi"] == "3.1.0" and doc["info"]["title"].startswith("ImmuQC")
    assert doc["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}


def test_every_api_endpoint_is_documented(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = rule.rule.replace("<", "{").replace(">", "}")
            path = "/".join(p.split(":")[-1] if p.startswith("{") else p for p in path.split("/"))
            assert path in doc["paths"], path
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert method.lower() in doc["paths"][path], (path, method)


def test_every_reference_resolves(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    for ref in set(_refs(doc)):
        section, name = ref.split("/")[2:4]
        assert name in doc["components"][section], ref
    json.dumps(doc)


def test_push_is_described_with_its_body_results_and_problems(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    push = doc["paths"]["/api/v1/sync/push"]["post"]
    assert push["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/PushRequest"}
    assert {"200", "401", "413", "422", "426", "429"} <= set(push["responses"])
    schemas = doc["components"]["schemas"]
    assert schemas["PushRequest"]["properties"]["items"]["maxItems"] == 500
    assert len(schemas["PushItem"]["properties"]["data"]["oneOf"]) == 15  # one per record kind
    assert {p["name"] for p in doc["paths"]["/api/v1/sync/pull"]["get"]["parameters"]} == {"cursor", "limit", "omit"}


def test_record_schemas_carry_required_and_qc_levels(client, app):
    child = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["child_data"]
    assert set(child["required"]) == {"unit_code", "name", "sex", "birth_date", "residence"}
    assert child["properties"]["guardian_phone"]["x-level"] == "qc"
    assert child["properties"]["sex"]["enum"] == ["M", "F"]

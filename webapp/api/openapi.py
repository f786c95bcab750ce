"""GET /api/v1/openapi.json: OpenAPI 3.1 for the whole /api/v1, generated from the URL map and the schemas.

A view documents itself with YAML after `---` in its docstring (apispec), or in webapp/api/openapi_docs.py; any
other API view gets an operation from its docstring's first line and its access rule, so no endpoint is left out.
Every operation gets an operationId (the view's name) and a tag (the first path segment). Record `data` schemas come
from webapp/schemas/records, one component per kind.
"""

import importlib
import re

from apispec import APISpec, yaml_utils
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.common import resolve_schema_cls
from flask import current_app

from webapp.access import public
from webapp.api.blueprint import bp
from webapp.api.openapi_docs import OPERATIONS, RESPONSE_SCHEMAS
from webapp.schemas.records import SCHEMAS
from webapp.schemas.records.fields import field_rules
from webapp.schemas.sync import PushItemSchema

PATH_VAR = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
KNOWN = {  # endpoints of other areas without YAML: (request schema, response schema) as "module:Class"
    "api.evaluate_schedule": ("webapp.schemas.schedule:EvaluateRequestSchema", None),
}
PROBLEM = {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
    "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
    "detail": {"type": "string"},
    "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
               "description": "field path (e.g. vaccines.0.lot_no) → messages in the user's language"}}}


def _schema_name(schema) -> str:
    cls = resolve_schema_cls(schema)
    name = cls.__name__
    return name[:-6] if name.endswith("Schema") and len(name) > 6 else name


def _load(target):
    if not target:
        return None
    module, name = target.split(":")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _default_operation(view, endpoint: str, method: str) -> dict:
    rule = getattr(view, "access_rule", {"kind": "public", "roles": ()})
    summary = (view.__doc__ or endpoint).strip().splitlines()[0]
    op = {"summary": summary, "responses": {"200": {"description": "OK"}}}
    if rule["kind"] != "public":
        op["security"] = [{"bearer": []}]
        op["description"] = "roles: " + ", ".join(rule["roles"])
        op["responses"].update({"401": {"$ref": "#/components/responses/Problem"},
                                "403": {"$ref": "#/components/responses/Problem"}})
    request, response = (_load(t) for t in KNOWN.get(endpoint, (None, None)))
    if request is not None and method in ("post", "put", "patch"):
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": request}}}
        op["responses"]["422"] = {"$ref": "#/components/responses/Problem"}
    if response is not None:
        op["responses"]["200"]["content"] = {"application/json": {"schema": response}}
    return op


def _operations(view, endpoint: str, methods) -> dict:
    documented = yaml_utils.load_operations_from_docstring(view.__doc__ or "")
    return {m: _described(view, endpoint, m, documented.get(m) or OPERATIONS.get((endpoint, m))
                          or _default_operation(view, endpoint, m)) for m in methods}


def _described(view, endpoint: str, method: str, op: dict) -> dict:
    """operationId, tag, the access rule's security and a response schema where the view's YAML named none."""
    op = dict(op, operationId=endpoint.split(".", 1)[-1])
    rule = getattr(view, "access_rule", {"kind": "public", "roles": ()})
    if rule["kind"] != "public":
        op.setdefault("security", [{"bearer": []}])
        op.setdefault("description", "roles: " + ", ".join(rule["roles"]))
        op["responses"] = {"401": {"$ref": "#/components/responses/Problem"}, **op["responses"]}
    schema = RESPONSE_SCHEMAS.get((endpoint, method))
    ok = op["responses"].get("200") or op["responses"].get(200)
    if schema is not None and isinstance(ok, dict) and "content" not in ok:
        op["responses"] = {**op["responses"], "200": {**ok, "content": {"application/json": {"schema": schema}}}}
        op["responses"].pop(200, None)
    return op


def _tag(path: str) -> str:
    """/api/v1/sync/push → sync; /api/v1/openapi.json → openapi."""
    return path[len(bp.url_prefix):].strip("/").split("/")[0].split(".")[0]


def _path_parameters(rule) -> list[dict]:
    return [{"in": "path", "name": name, "required": True, "schema": {"type": "string"}}
            for name in PATH_VAR.findall(rule.rule)]


def build_spec(app) -> dict:
    """The OpenAPI 3.1 document of every /api/v1 endpoint of an app."""
    spec = APISpec(title="ImmuQC 免疫质控 API", version=app.config.get("API_VERSION", "1"), openapi_version="3.1.0",
                   plugins=[MarshmallowPlugin(schema_name_resolver=_schema_name)],
                   info={"description": "Offline-first capture and sync (records.md)."})
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Problem", PROBLEM)
    spec.components.response("Problem", {"description": "application/problem+json (RFC 9457)",
                                         "content": {"application/problem+json": {"schema": "Problem"}}})
    for kind, schema in SCHEMAS.items():
        spec.components.schema(f"{kind}_data", schema=schema)
    spec.components.schema("PushItem", schema=PushItemSchema)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith(bp.url_prefix) or rule.endpoint == "static":
            continue
        methods = sorted(m.lower() for m in rule.methods - {"HEAD", "OPTIONS"})
        view = app.view_functions[rule.endpoint]
        operations = _operations(view, rule.endpoint, methods)
        for op in operations.values():
            op.setdefault("tags", [_tag(rule.rule)])
        spec.path(path=PATH_VAR.sub(r"{\1}", rule.rule), operations=operations, parameters=_path_parameters(rule))
    out = spec.to_dict()
    _link_item_data(out)
    _mark_levels(out)
    return out


def _mark_levels(doc: dict) -> None:
    """`x-level` (`required` = `*`, `qc` = QC-required) on every field of the record data schemas."""
    rules = field_rules()
    for kind, fields in rules.items():
        props = doc["components"]["schemas"][f"{kind}_data"]["properties"]
        for name, rule in fields.items():
            if rule.get("level"):
                props[name]["x-level"] = rule["level"]


def _link_item_data(doc: dict) -> None:
    """A push item's `data` is the data schema of its kind."""
    schemas = doc["components"]["schemas"]
    if "PushItem" in schemas:
        schemas["PushItem"]["properties"]["data"] = {
            "oneOf": [{"$ref": f"#/components/schemas/{kind}_data"} for kind in SCHEMAS],
            "description": "the data object of the record kind named by `kind` (records.md)"}
    if "PushRequest" in schemas:
        schemas["PushRequest"]["properties"]["items"] = {"type": "array", "maxItems": 500,
                                                         "items": {"$ref": "#/components/schemas/PushItem"}}


@bp.get("/openapi.json")
@public()
def openapi_json():
    """The OpenAPI 3.1 description of this API.
    ---
    get:
      summary: OpenAPI 3.1 description of /api/v1
      responses:
        200: {description: the OpenAPI document}
    """
    cache = current_app.extensions.setdefault("immuqc_openapi", {})
    if "spec" not in cache:
        cache["spec"] = build_spec(current_app)
    return cache["spec"]

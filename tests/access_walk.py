"""Helpers that walk the URL map: the declared rule of each endpoint, sample URLs per role, and a signed-in client."""

import re
import uuid

from werkzeug.routing import IntegerConverter, UUIDConverter

ROLE_USERS = {"nurse": "demo-nurse", "school": "demo-school", "county": "demo-county", "admin": "demo-admin"}
SCOPE_VALUES = {"unit": "U01", "school": "S01", "county": "150424"}
SCOPE_ARGS = {"unit": ("unit", "unit_code"), "school": ("school", "school_code"), "county": ("county", "county_code")}
NAMED_VALUES = {"entity": "unit", "code": "U01", "period": "2026", "term": "2026-autumn", "kind": "child",
                "lang": "zh_CN", "template": "county-plan-2014", "fmt": "xlsx", "month": "2026-11",
                "part": "h1", "item": "aefi_surveillance"}  # a deduction every unit has without records
STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")
DENIED_PAGE = "login-redirect"
SAMPLE_ID = str(uuid.UUID(int=0x8A1))


def view_rule(app, endpoint):
    """The access rule a view declared with @public/@pages/@api, or None."""
    view = app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def endpoint_rules(app, methods=None):
    """(rule, method, declared rule) for every routed method except HEAD/OPTIONS and the static files."""
    out = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        declared = view_rule(app, rule.endpoint)
        if rule.endpoint == "static" or declared is None:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if methods is None or method in methods:
                out.append((rule, method, declared))
    return out


def state_changing_page_rules(app):
    """(rule, method) of every non-API route that changes state (POST/PUT/PATCH/DELETE)."""
    return [(rule, method) for rule, method, _declared in endpoint_rules(app, STATE_CHANGING)
            if not rule.rule.startswith("/api/")]


def is_record_arg(name, converter) -> bool:
    """Record identifiers are client UUIDs in path arguments named `id` or `…_id` (integer ids are rows)."""
    return (name == "id" or name.endswith("_id")) and not isinstance(converter, IntegerConverter)


def rules_with_args(app, role, arg_kind, methods=("GET",)):
    """(rule, argument) for rules open to `role` (by `methods`) that take a unit, school or record identifier."""
    out = []
    for rule, _method, declared in endpoint_rules(app, methods):
        if declared["kind"] == "public" or role not in declared["roles"]:
            continue
        for name, conv in rule._converters.items():
            if (arg_kind == "record" and is_record_arg(name, conv)) or name in SCOPE_ARGS.get(arg_kind, ()):
                out.append((rule, name))
    return out


def sample_value(name, converter, role):
    """A plausible value for a URL argument, inside the role's own scope where the name says what it is."""
    if isinstance(converter, IntegerConverter):
        return 0 if name == "index" else 1
    if isinstance(converter, UUIDConverter) or is_record_arg(name, converter):
        return SAMPLE_ID
    for kind, names in SCOPE_ARGS.items():
        if name in names:
            return SCOPE_VALUES[kind]
    return NAMED_VALUES.get(name, "x")


def sample_url(rule, role, overrides=None):
    """A URL for the rule with sample arguments (and `overrides`)."""
    values = {name: sample_value(name, conv, role) for name, conv in rule._converters.items()}
    values.update(overrides or {})
    built = rule.build(values, append_unknown=False)
    path = built[1] if isinstance(built, tuple) else built
    return re.sub(r"^[^/]*\|", "", path)


def page_denial(role):
    """What a page answers to a role outside its rule: the login page for strangers, 403 for the signed in."""
    return DENIED_PAGE if role == "anonymous" else 403


class RoleSession:
    """Sends requests as one role: pages with the session cookie (and a CSRF token), the API with a bearer token."""

    def __init__(self, client, csrf_token, headers):
        self.client, self.csrf_token, self.headers = client, csrf_token, headers

    def send(self, method, url, kind, form=None):
        """One request; page writes carry the CSRF token (and `form`) so the access rule, not CSRF, decides."""
        if kind == "api":
            return self.client.open(url, method=method, headers=self.headers, json={})
        data = {"csrf_token": self.csrf_token, **(form or {})} if method in STATE_CHANGING else None
        return self.client.open(url, method=method, data=data)


def request_as(client, auth, token_for, role) -> RoleSession:
    """A RoleSession for `anonymous` or one of the demo users."""
    if role == "anonymous":
        return RoleSession(client, auth.csrf("/login"), {})
    username = ROLE_USERS[role]
    headers = token_for(username, device_id=f"matrix-{role}")
    assert auth.login(username).status_code == 302
    return RoleSession(client, auth.csrf("/login"), headers)

"""The API fuzzer shared by tests/api/test_fuzz.py (bounded, CI) and benches/fuzz_api.py (long): schemathesis
generates valid and invalid requests for every operation that /api/v1/openapi.json lists, each sent with the
device token of a role the operation admits; no response may be a 5xx, and every 4xx must be problem+json."""

import re
from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as fixed_seed
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

ROLE_PREFERENCE = ("nurse", "county", "school", "admin")
PATH_VAR = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@dataclass
class FuzzReport:
    """What was sent and what came back."""

    cases: int = 0
    operations: list = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    failures: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    @property
    def server_errors(self) -> int:
        """How many responses were 5xx."""
        return sum(n for status, n in self.statuses.items() if status >= 500)


def roles_by_operation(app) -> dict[tuple[str, str], tuple]:
    """(METHOD, OpenAPI path) → the roles the view's access rule admits (empty for public views)."""
    out = {}
    for rule in app.url_map.iter_rules():
        access = getattr(app.view_functions.get(rule.endpoint), "access_rule", None) or {"roles": ()}
        for method in rule.methods or ():
            out[(method, PATH_VAR.sub(r"{\1}", rule.rule))] = tuple(access["roles"])
    return out


def problem_error(resp) -> str | None:
    """Why a response breaks the contract (5xx, or a 4xx that is not a problem+json body), or None."""
    if resp.status_code >= 500:
        return "server error"
    if resp.status_code < 400:
        return None
    if resp.mimetype != "application/problem+json":
        return f"4xx with {resp.mimetype}"
    body = resp.get_json(silent=True) or {}
    if body.get("status") != resp.status_code or not isinstance(body.get("title"), str) or "detail" not in body:
        return "4xx body is not a problem (type/title/status/detail)"
    return None


def fuzz_api(app, client, headers_for_role, max_examples: int, seed: int | None = None) -> FuzzReport:
    """Fuzz every operation of the app's OpenAPI document through `client`; never raises on a bad response."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    roles, report = roles_by_operation(app), FuzzReport()
    for result in schema.get_all_operations():
        operation = result.ok()
        admitted = roles.get((operation.method.upper(), operation.path), ())
        role = next((r for r in ROLE_PREFERENCE if r in admitted), "nurse")
        report.operations.append(f"{operation.method.upper()} {operation.path} as {role}")
        for mode in MODES:
            _fuzz_operation(operation, mode, client, headers_for_role(role), max_examples, seed, report)
    return report


def _fuzz_operation(operation, mode, client, headers, max_examples, seed, report):
    @settings(max_examples=max_examples, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        kwargs = case.as_transport_kwargs(headers=headers)
        resp = client.open(kwargs.pop("path"), **kwargs)
        report.cases += 1
        report.statuses[resp.status_code] += 1
        why = problem_error(resp)
        if why and len(report.failures) < 50:
            report.failures.append(f"{why}: {case.method} {case.formatted_path} → {resp.status_code} "
                                   f"{resp.get_data(as_text=True)[:200]}")

    try:
        (fixed_seed(seed)(run) if seed is not None else run)()
    except Unsatisfiable:
        report.skipped.append(f"{operation.method.upper()} {operation.path}: no {mode.value} cases exist")

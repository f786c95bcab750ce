"""A fixed-seed smoke run of schemathesis over every operation of /api/v1/openapi.json with real device tokens
(MAX_EXAMPLES per operation, about 200 cases, the same ones every run): no 5xx, every 4xx a problem+json body.
It is a smoke test, not a search: the long, randomly seeded run is benches/fuzz_api.py."""

from tests.api.fuzzing import fuzz_api, problem_error

ROLE_USERS = {"nurse": "demo-nurse", "county": "demo-county", "school": "demo-school", "admin": "demo-admin"}
MAX_EXAMPLES = 8


def test_a_fixed_seed_fuzz_smoke_of_every_operation_finds_no_5xx_and_only_problem_4xx(app, client, token_for):
    tokens = {role: token_for(user, device_id=f"fuzz-{role}") for role, user in ROLE_USERS.items()}
    app.config["TOKEN_RATE_LIMIT"] = "1000 per minute"
    report = fuzz_api(app, client, tokens.__getitem__, MAX_EXAMPLES, seed=20261123)
    assert len(report.operations) >= 10, report.operations
    assert any(path.startswith("POST /api/v1/sync/push") for path in report.operations)
    assert report.cases >= len(report.operations) * 2
    assert report.failures == [], "\n".join(report.failures)
    assert report.server_errors == 0


def test_the_contract_check_catches_a_5xx_and_a_non_problem_4xx(app):
    from flask import Response

    assert problem_error(Response("x", status=500)) == "server error"
    assert problem_error(Response("<html>", status=404, mimetype="text/html")) == "4xx with text/html"
    assert problem_error(Response('{"status": 400}', status=400, mimetype="application/problem+json"))
    assert problem_error(Response("{}", status=200, mimetype="application/json")) is None

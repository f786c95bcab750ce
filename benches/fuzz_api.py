"""The long API fuzz: schemathesis over every operation of /api/v1/openapi.json (valid and invalid requests),
with device tokens of the roles each operation admits, on a fresh PostgreSQL or SQLite database.
Prints operations, cases tried, statuses seen, 5xx count and any contract failures (5xx, non-problem 4xx).

Run: .venv/bin/python benches/fuzz_api.py --db postgresql [--max-examples 200 --seed N]
"""

import argparse
import time

from bench_support import BenchDatabase

from tests.api.fuzzing import fuzz_api
from webapp import create_app

ROLE_USERS = {"nurse": "demo-nurse", "county": "demo-county", "school": "demo-school", "admin": "demo-admin"}


def device_headers(app) -> dict:
    """A device token per role, issued directly (the sign-in endpoint is rate-limited and fuzzed itself)."""
    from webapp.extensions import db
    from webapp.services.accounts.tokens import issue_token
    from webapp.services.accounts.users import find_user

    with app.app_context():
        headers = {role: {"Authorization": f"Bearer {issue_token(find_user(user), f'fuzz-{role}', 'fuzz')[0]}"}
                   for role, user in ROLE_USERS.items()}
        db.session.commit()
    return headers


def main():
    """Fuzz, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--max-examples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    with BenchDatabase(args.db, 0) as bench_db:
        app = create_app({"DATABASE_URL": bench_db.url, "ENV_NAME": "testing", "SECRET_KEY": "fuzz-" + "x" * 40,
                          "API_RATE_LIMIT": "1000000 per minute", "TOKEN_RATE_LIMIT": "1000000 per minute"})
        headers = device_headers(app)
        start = time.perf_counter()
        report = fuzz_api(app, app.test_client(), headers.__getitem__, args.max_examples, args.seed)
        wall = time.perf_counter() - start
        with app.app_context():
            from webapp.extensions import db
            db.engine.dispose()
    print(f"fuzz_api: {args.db}, {len(report.operations)} operations × (positive + negative), "
          f"max {args.max_examples} examples each, {wall:.0f} s")
    for line in report.operations:
        print(f"  {line}")
    print(f"cases tried: {report.cases}; statuses: {dict(sorted(report.statuses.items()))}")
    print(f"5xx: {report.server_errors}; contract failures: {len(report.failures)}")
    for line in report.failures[:20] + report.skipped:
        print(f"  {line}")


if __name__ == "__main__":
    main()

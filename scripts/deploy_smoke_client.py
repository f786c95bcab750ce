"""The phone's side of the deployment smoke test (scripts/deploy_smoke.sh), with the standard library only: the
runtime lock has no HTTP client. Each subcommand exits non-zero with a reason when the server does not answer as
records.md says."""

import json
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime

PASSWORD = "Nurse-pass-2026"  # noqa: S105  (a throwaway account on a throwaway database)


def call(base, method, path, body=None, token=None, request_id=None):
    """(status, headers, JSON body) of one request."""
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if request_id:
        headers["X-Request-ID"] = request_id
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310  (a loopback URL we built)
            return resp.status, resp.headers, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, json.loads(err.read() or b"null")


def check(condition, message):
    if not condition:
        sys.exit(f"smoke: {message}")


def wait_healthy(base, store):
    """Until /healthz answers 200 (gunicorn booting), then its body must name the rate-limit store's state."""
    deadline = time.monotonic() + 60
    while True:
        try:
            status, _, body = call(base, "GET", "/healthz")
            if status == 200:
                break
        except OSError:
            pass
        check(time.monotonic() < deadline, "/healthz did not answer 200 within 60 s")
        time.sleep(0.5)
    check(body == {"status": "ok", "database": "ok", "rate_limit_store": store}, f"/healthz said {body}")
    print(f"healthz: {body}")


def sign_in(base, device="smoke-phone"):
    """A device token for the nurse; the request id is echoed."""
    status, headers, body = call(base, "POST", "/api/v1/auth/token", {
        "username": "nurse-70", "password": PASSWORD, "device_id": device, "device_name": "smoke test phone"},
        request_id="smoke-" + uuid.uuid4().hex[:12])
    check(status == 201, f"sign-in answered {status}: {body}")
    check(headers.get("X-Request-ID", "").startswith("smoke-"), "the request id was not echoed")
    print(f"sign-in: 201 as {body['user']}")
    return body["token"]


def push_and_pull(base):
    """The nurse pushes a child and pulls it back."""
    token = sign_in(base)
    now = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
    child_id = str(uuid.uuid4())
    child = {"unit_code": "U70", "name": "王小明", "sex": "M", "birth_date": "2025-03-01", "residence": "local",
             "guardian_name": "王大明", "guardian_phone": "13800000000", "certificate_no": "C-001",
             "village_code": "V70"}
    status, _, body = call(base, "POST", "/api/v1/sync/push", {
        "device_id": "smoke-phone", "app_version": "1.0.0", "schema_version": 1, "device_time": now,
        "items": [{"kind": "child", "id": child_id, "base_rev": None, "captured_at": now,
                   "captured_by": "nurse-70", "data": child}]}, token=token)
    check(status == 200 and body["results"][0]["status"] == "created", f"push answered {status}: {body}")
    print("push: created")
    ids, cursor = set(), ""
    for _page in range(20):
        status, _, body = call(base, "GET", f"/api/v1/sync/pull?limit=500&cursor={cursor}", token=token)
        check(status == 200, f"pull answered {status}: {body}")
        ids |= {c["id"] for c in body["changes"]}
        cursor = body["cursor"]
        if not body["has_more"]:
            break
    check(child_id in ids, "the pushed child did not come back in the pull")
    print(f"pull: {len(ids)} changes, the child among them")


def database_away(base):
    """/healthz is a 503 problem with Retry-After."""
    status, headers, body = call(base, "GET", "/healthz")
    check(status == 503 and headers.get("Retry-After"), f"/healthz answered {status} {body}")
    check(headers.get_content_type() == "application/problem+json", "the 503 is not a problem+json")
    print(f"healthz with the database stopped: 503, Retry-After {headers['Retry-After']}")


def main(argv):
    command, base = argv[1], argv[2]
    if command == "healthy":
        wait_healthy(base, argv[3])
    elif command == "nurse":
        push_and_pull(base)
    elif command == "sign-in":
        sign_in(base, device="smoke-phone-2")
    elif command == "database-away":
        database_away(base)
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv)

"""Authentication hardening: throttling, session fixation, revocation at once, CSRF everywhere, CSP, cookies."""

import re
from pathlib import Path

from tests.access_walk import endpoint_rules, sample_url, state_changing_page_rules
from tests.conftest import DEMO_PASSWORD
from webapp.dbtypes import utcnow
from webapp.models import DeviceToken
from webapp.services.accounts.tokens import revoke_token
from webapp.services.accounts.users import find_user

TEMPLATES = Path(__file__).resolve().parents[2] / "webapp" / "templates"
INLINE = [(re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
          (re.compile(r"<style\b", re.I), "<style> block"),
          (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
          (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "inline event handler"),
          (re.compile(r"javascript:", re.I), "javascript: URL")]


def test_a_correct_password_is_refused_while_login_is_throttled(auth):
    for _ in range(5):
        auth.login("demo-admin", "bad-password-x")
    resp = auth.login("demo-admin")
    assert resp.status_code == 429 and "登录尝试次数过多" in resp.get_data(as_text=True)
    assert int(resp.headers["Retry-After"]) > 0


def test_token_requests_are_throttled_with_a_problem_and_retry_after(client, demo_org):
    body = {"username": "demo-nurse", "password": "wrong-password", "device_id": "d", "device_name": "p"}
    statuses = [client.post("/api/v1/auth/token", json=body).status_code for _ in range(11)]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429
    resp = client.post("/api/v1/auth/token", json=body)
    assert resp.mimetype == "application/problem+json" and int(resp.headers["Retry-After"]) > 0


def test_sign_in_drops_everything_planted_in_the_session_before(auth, client):
    auth.csrf()
    with client.session_transaction() as sess:
        sess["planted_by_attacker"] = "fixation"
        sess["_user_id"] = "999"
    auth.login("demo-nurse")
    with client.session_transaction() as sess:
        assert "planted_by_attacker" not in sess
        assert sess["_user_id"] == str(find_user("demo-nurse").id)


def test_a_revoked_token_is_refused_on_the_very_next_request(client, token_for, db):
    headers = token_for("demo-nurse")
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    revoke_token("demo-admin", db.session.query(DeviceToken).one().id)
    db.session.commit()
    resp = client.get("/api/v1/auth/me", headers=headers)
    assert resp.status_code == 401 and resp.mimetype == "application/problem+json"


def test_a_deactivated_users_tokens_stop_at_once(client, token_for, db):
    headers = token_for("demo-nurse")
    find_user("demo-nurse").active = False
    db.session.commit()
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_an_expired_token_is_refused(client, token_for, db):
    headers = token_for("demo-nurse")
    db.session.query(DeviceToken).one().expires_at = utcnow()
    db.session.commit()
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_every_state_changing_page_route_refuses_a_missing_or_wrong_csrf_token(app, auth, client):
    routes = state_changing_page_rules(app)
    assert routes, "the URL map has no state-changing page routes: the walk is broken"
    auth.login("demo-admin")
    for role_label in ("admin", "anonymous"):
        for rule, method in routes:
            url = sample_url(rule, "admin")
            assert client.open(url, method=method).status_code == 400, f"{method} {url} as {role_label}"
            bad = client.open(url, method=method, data={"csrf_token": "forged"})
            assert bad.status_code == 400, f"{method} {url} accepted a forged token as {role_label}"
        client.post("/logout", data={"csrf_token": auth.csrf("/login")})


def test_every_get_response_carries_a_csp_without_unsafe_inline(app, auth, client):
    auth.login("demo-admin")
    for rule, _method, _declared in endpoint_rules(app, ("GET",)):
        resp = client.get(sample_url(rule, "admin"))
        csp = resp.headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in csp, rule.rule
        # 'wasm-unsafe-eval' (the phone shell's barcode reader) allows WebAssembly only, never JavaScript eval
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp.replace("'wasm-unsafe-eval'", ""), rule.rule
        assert resp.headers.get("X-Frame-Options") == "DENY", rule.rule


def test_templates_have_no_inline_script_or_style():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(TEMPLATES)}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert found == []


def test_the_signed_in_session_cookie_is_httponly_lax_and_secure_when_configured(app, auth):
    app.config["SESSION_COOKIE_SECURE"] = True
    resp = auth.login("demo-nurse")
    cookie = next(h for h in resp.headers.getlist("Set-Cookie") if h.startswith("session="))
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite=lax"} <= flags


def _from(address):
    return {"REMOTE_ADDR": address}


def test_failed_sign_ins_are_also_counted_per_account_from_any_address(app, auth, client):
    app.config["ACCOUNT_SPREAD_LIMIT"] = "3 per hour"
    token = auth.csrf()
    for i in range(3):  # three addresses, one guess each: no address reaches its own limit
        resp = client.post("/login", data={"username": "Demo-Admin", "password": "guess", "csrf_token": token},
                           environ_base=_from(f"10.0.0.{i}"))
        assert resp.status_code == 200 and "用户名或密码错误" in resp.get_data(as_text=True)
    refused = client.post("/login", data={"username": "demo-admin", "password": DEMO_PASSWORD, "csrf_token": token},
                          environ_base=_from("10.0.0.9"))
    assert refused.status_code == 429 and "登录尝试次数过多" in refused.get_data(as_text=True)
    other = client.post("/login", data={"username": "demo-county", "password": DEMO_PASSWORD, "csrf_token": token},
                        environ_base=_from("10.0.0.9"))
    assert other.status_code == 302  # another account from the same address signs in


def test_successful_sign_ins_do_not_use_up_the_account_limit(app, auth, client):
    app.config["ACCOUNT_SIGN_IN_LIMIT"] = "2 per hour"
    for i in range(4):
        assert auth.client.post("/login", data={"username": "demo-admin", "password": DEMO_PASSWORD,
                                                "csrf_token": auth.csrf()},
                                environ_base=_from(f"10.0.1.{i}")).status_code == 302


def test_token_guesses_spread_over_addresses_stop_at_the_account_limit(app, client, demo_org):
    app.config["ACCOUNT_SPREAD_LIMIT"] = "3 per hour"
    body = {"username": "demo-nurse", "password": "wrong-password", "device_id": "d", "device_name": "p"}
    statuses = [client.post("/api/v1/auth/token", json=body, environ_base=_from(f"10.0.2.{i}")).status_code
                for i in range(4)]
    assert statuses == [401, 401, 401, 429]
    good = {**body, "password": DEMO_PASSWORD}
    resp = client.post("/api/v1/auth/token", json=good, environ_base=_from("10.0.2.9"))
    assert resp.status_code == 429 and resp.mimetype == "application/problem+json"
    assert client.post("/api/v1/auth/token", json={**good, "username": "demo-nurse2"},
                       environ_base=_from("10.0.2.9")).status_code == 201


def test_a_token_request_whose_body_is_not_an_object_is_a_problem_not_a_crash(client, demo_org):
    for body in ("demo-nurse", ["demo-nurse"], 7):
        resp = client.post("/api/v1/auth/token", json=body)
        assert resp.status_code in (400, 422) and resp.mimetype == "application/problem+json"

"""The app factory: config layers, refusal without a real secret, one error shape, security headers, languages."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from webapp import create_app

ROOT = Path(__file__).resolve().parent.parent


def test_production_refuses_to_start_without_a_real_secret(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"ENV_NAME": "production", "DATABASE_URL": "sqlite://"})


def test_production_starts_with_a_real_secret():
    app = create_app({"ENV_NAME": "production", "SECRET_KEY": "x" * 40, "DATABASE_URL": "sqlite://"})
    assert app.config["SECRET_KEY"] == "x" * 40


def test_default_database_is_the_sqlite_file_in_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/immuqc.sqlite")


def test_postgres_urls_use_psycopg3():
    app = create_app({"TESTING": True, "DATABASE_URL": "postgresql://u@h:5432/d"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h:5432/d"


def _app_with_boom(db_url="sqlite://"):
    app = create_app({"TESTING": False, "DATABASE_URL": db_url, "SECRET_KEY": "x" * 40, "ENV_NAME": "testing"})

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internal detail 13800138000")

    @app.get("/boom")
    def boom_page():
        raise RuntimeError("secret internal detail 13800138000")

    boom.access_rule = boom_page.access_rule = {"kind": "public", "roles": ()}
    return app


def test_api_500_is_problem_json_without_exception_text(caplog):
    app = _app_with_boom()
    with caplog.at_level(logging.ERROR):
        resp = app.test_client().get("/api/v1/boom")
    assert resp.status_code == 500 and resp.mimetype == "application/problem+json"
    assert "secret internal detail" not in resp.get_data(as_text=True)
    assert resp.get_json()["title"] == "服务器内部错误"
    assert any("unhandled error" in r.getMessage() for r in caplog.records)


def test_page_500_is_a_chinese_html_page_without_exception_text():
    resp = _app_with_boom().test_client().get("/boom")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 500 and "服务器内部错误" in html and "secret internal detail" not in html


def test_unknown_api_path_is_404_problem():
    resp = _app_with_boom().test_client().get("/api/v1/nothing-here")
    assert resp.status_code == 404 and resp.get_json()["status"] == 404


def test_security_headers_on_pages():
    resp = _app_with_boom().test_client().get("/login")
    csp = resp.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp and "script-src 'self'" in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookie_is_httponly_and_lax():
    app = _app_with_boom()
    client = app.test_client()
    client.get("/login")
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure


def test_session_cookie_is_secure_behind_https():
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SESSION_COOKIE_SECURE": True})
    client = app.test_client()
    client.get("/login")
    assert client.get_cookie("session").secure


def test_translation_catalog_is_current_and_complete(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "--no-location", "--omit-header", "."],
                   cwd=ROOT, check=True)
    with pot.open("rb") as fh:
        wanted = {m.id for m in read_po(fh) if m.id}
    with (ROOT / "webapp/translations/en/LC_MESSAGES/messages.po").open("rb") as fh:
        catalog = read_po(fh, locale="en")
    have = {m.id: m for m in catalog if m.id}
    missing = sorted(wanted - set(have))
    untranslated = sorted(i for i in wanted & set(have) if not have[i].string or have[i].fuzzy)
    assert not missing, f"catalog out of date (run `make i18n`): {missing[:20]}"
    assert not untranslated, f"untranslated messages: {untranslated[:20]}"


def test_compiled_catalog_is_newer_than_the_po_file():
    po = ROOT / "webapp/translations/en/LC_MESSAGES/messages.po"
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime - 1, "run `make i18n` (pybabel compile)"


def test_empty_environment_values_keep_the_defaults(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "")
    monkeypatch.setenv("TOKEN_IDLE_DAYS", "")
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://"})
    assert app.config["SECRET_KEY"] and app.config["TOKEN_IDLE_DAYS"] == 30


def test_environment_settings_are_read_and_typed(monkeypatch):
    monkeypatch.setenv("TOKEN_IDLE_DAYS", "45")
    monkeypatch.setenv("AEFI_REPORT_HOURS", "24")
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://"})
    assert app.config["TOKEN_IDLE_DAYS"] == 45 and app.config["AEFI_REPORT_HOURS"] == 24.0

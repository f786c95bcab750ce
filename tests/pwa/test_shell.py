"""The PWA blueprint serves the built shell under /app/ without inline script, and never HTTP-caches the worker."""

import re

import pytest


@pytest.fixture
def built(app, tmp_path):
    """A minimal built app in a temporary dist folder."""
    (tmp_path / "index.html").write_text('<!doctype html><script type="module" src="app.js"></script>')
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (tmp_path / "app.js").write_text("console.log(1)")
    app.config["PWA_DIST"] = str(tmp_path)
    return tmp_path


def test_shell_is_public_and_served_under_app(client, built):
    resp = client.get("/app/")
    assert resp.status_code == 200
    assert "no-cache" in resp.headers["Cache-Control"]
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]


def test_bare_app_path_redirects_to_the_slash_so_the_worker_scope_matches(client, built):
    resp = client.get("/app")
    assert resp.status_code in (301, 308)
    assert resp.headers["Location"].endswith("/app/")


def test_service_worker_is_never_http_cached(client, built):
    resp = client.get("/app/sw.js")
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "no-cache"
    assert resp.headers["Service-Worker-Allowed"] == "/app/"


def test_missing_build_answers_503_with_a_hint(client, app, tmp_path):
    app.config["PWA_DIST"] = str(tmp_path / "nothing")
    resp = client.get("/app/")
    assert resp.status_code == 503


def test_path_traversal_outside_dist_is_refused(client, built):
    assert client.get("/app/../webapp/__init__.py").status_code == 404


def test_the_real_build_has_no_inline_script_or_style():
    from pathlib import Path
    index = Path(__file__).resolve().parents[2] / "pwa" / "src" / "index.html"
    html = index.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "style=" not in html and "<style" not in html
    assert 'lang="zh-CN"' in html

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


def test_only_the_phone_shell_may_compile_webassembly_and_nothing_may_eval(client, built):
    shell = client.get("/app/").headers["Content-Security-Policy"]
    assert "script-src 'self' 'wasm-unsafe-eval';" in shell  # the barcode reader (ZXing as WebAssembly)
    assert "unsafe-eval" not in shell.replace("'wasm-unsafe-eval'", "") and "unsafe-inline" not in shell
    assert "wasm-unsafe-eval" not in client.get("/login").headers["Content-Security-Policy"]


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


SOURCE = b"def create_app():\n    return 'python source that must never be served'\n"
TRAVERSALS = [  # each reaches <root>/webapp/__init__.py from <root>/pwa/dist when joined without a guard
    "/app/../../webapp/__init__.py",
    "/app/%2e%2e/%2e%2e/webapp/__init__.py",
    "/app/%2e%2e%2f%2e%2e%2fwebapp%2f__init__.py",
    "/app/..%2f..%2fwebapp%2f__init__.py",
    "/app/assets/../../../webapp/__init__.py",
    "/app/..%5c..%5cwebapp%5c__init__.py",
    "/app/{root}/webapp/__init__.py",
    "/app/%2f{root}/webapp/__init__.py",
]


@pytest.fixture
def beside_source(app, tmp_path):
    """A build in <root>/pwa/dist with Python source at <root>/webapp/__init__.py, as in the repository."""
    dist = tmp_path / "pwa" / "dist"
    dist.mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html>")
    (tmp_path / "webapp").mkdir()
    (tmp_path / "webapp" / "__init__.py").write_bytes(SOURCE)
    app.config["PWA_DIST"] = str(dist)
    return tmp_path


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_out_of_the_build_serves_no_python_source(client, beside_source, path):
    resp = client.get(path.format(root=str(beside_source).lstrip("/")), follow_redirects=True)
    assert resp.status_code in (400, 404), resp.status_code
    assert b"def create_app" not in resp.data


def test_the_real_build_has_no_inline_script_or_style():
    from pathlib import Path
    index = Path(__file__).resolve().parents[2] / "pwa" / "src" / "index.html"
    html = index.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "style=" not in html and "<style" not in html
    assert 'lang="zh-CN"' in html

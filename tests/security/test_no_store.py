"""Pages and files with personal data are never kept in a browser's or proxy's cache."""

import pytest


@pytest.mark.parametrize("path", ["/review/", "/review/export.xlsx", "/schools/report", "/scores/export.csv",
                                  "/admin/users", "/"])
def test_signed_in_pages_and_exports_send_no_store(auth, client, path):
    auth.login("demo-admin" if path.startswith("/admin") else "demo-county")
    resp = client.get(path)
    assert resp.status_code == 200, path
    assert "no-store" in resp.headers.get("Cache-Control", "")


def test_static_files_stay_cacheable(auth, client):
    auth.login("demo-county")
    resp = client.get("/static/css/site.css")
    assert "no-store" not in resp.headers.get("Cache-Control", "")

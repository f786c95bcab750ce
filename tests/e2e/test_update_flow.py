"""A new version of the app is announced, never offered mid-form, applied on the nurse's tap; the draft survives."""

import shutil

import pytest

from tests.e2e import steps

pytestmark = pytest.mark.e2e


def test_new_service_worker_waits_for_the_tap_and_is_never_offered_mid_form(app, page, live_server, built_pwa,
                                                                             tmp_path):
    dist = tmp_path / "dist"
    shutil.copytree(built_pwa, dist)
    app.config["PWA_DIST"] = str(dist)
    steps.sign_in(page, live_server)
    steps.wait_worker(page)
    steps.go(page, live_server, "child-new")
    page.fill("#child-form [name=name]", "半填的表")

    with (dist / "sw.js").open("a", encoding="utf-8") as f:
        f.write("\n// a new version\n")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    page.wait_for_function("() => navigator.serviceWorker.getRegistration().then((r) => Boolean(r && r.waiting))")
    page.wait_for_timeout(500)
    assert page.locator("#apply-update").count() == 0
    assert page.input_value("#child-form [name=name]") == "半填的表"

    steps.go(page, live_server, "home")
    page.wait_for_selector("#apply-update")
    with page.expect_navigation():
        page.click("#apply-update")
    page.wait_for_selector("#home-pending")
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.waiting === null)")
    steps.go(page, live_server, "child-new")
    page.wait_for_function("() => document.querySelector('#child-form [name=name]')?.value === '半填的表'")

"""The guardian's signature pad (signature_pad): sized by the device pixel ratio on a tablet-like screen, a tap
counts as a stroke, and the stored consent carries the PNG."""

import pytest

from tests.e2e import steps
from tests.e2e.conftest import CONTEXT

pytestmark = pytest.mark.e2e


@pytest.fixture
def hidpi(browser):
    """A page on a screen with two device pixels per CSS pixel."""
    ctx = browser.new_context(**CONTEXT, device_scale_factor=2)
    ctx.set_default_timeout(20000)
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, errors


def test_the_pad_is_sized_by_the_pixel_ratio_and_a_tap_is_a_stroke(hidpi, live_server):
    page = hidpi
    steps.sign_in(page, live_server)
    steps.register_child(page, live_server, "签名宝", "2026-10-01")
    steps.precheck(page)
    page.wait_for_function("() => { const c = document.querySelector('#signature');"
                           " return c.width === Math.round(c.getBoundingClientRect().width * 2); }")
    size = page.evaluate("() => { const c = document.querySelector('#signature'); const r = c.getBoundingClientRect();"
                         " return [c.width, c.height, r.width, r.height]; }")
    assert size[0] == round(size[2] * 2) and size[1] == round(size[3] * 2)
    for box in page.locator("#consent-form input[name=informed]").all():
        box.check()
    page.click("#consent-form .opt:has(input[name=decision][value=agree])")
    pad = page.locator("#signature").bounding_box()
    page.mouse.click(pad["x"] + 40, pad["y"] + 40)  # a tap: one dot
    page.click("#save-consent")
    page.wait_for_selector("#vaccination-form")
    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    (consent,) = steps.server_records("consent")
    assert consent.data["signature"].startswith("data:image/png;base64,")

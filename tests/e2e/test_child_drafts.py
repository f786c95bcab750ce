"""A draft belongs to one form instance: a child saved fast never refills the next new-child form."""

import pytest

from tests.e2e.steps import go, sign_in

pytestmark = pytest.mark.e2e


def test_child_saved_fast_leaves_no_draft_for_the_next_new_child(page, live_server):
    sign_in(page, live_server)
    go(page, live_server, "child-new")
    page.wait_for_selector("#child-form")
    # typed, then 保存 at once: the 300 ms autosave timer is still pending when the record is saved
    page.type("#child-form [name=name]", "快存宝", delay=0)
    page.click("#child-form .opt:has(input[name=sex][value=M])")
    page.fill("#child-form [name=birth_date]", "2026-05-01")
    page.type("#child-form [name=guardian_phone]", "13800001111", delay=0)
    page.click("#save-child")
    page.wait_for_selector("#precheck-form")
    page.wait_for_timeout(800)  # let any leftover autosave timer fire
    go(page, live_server, "children")
    page.click("#new-child")
    page.wait_for_selector("#child-form")
    page.wait_for_timeout(300)
    values = page.evaluate("""() => Object.fromEntries(['name', 'birth_date', 'guardian_phone']
        .map((n) => [n, document.querySelector(`#child-form [name=${n}]`).value]))""")
    assert values == {"name": "", "birth_date": "", "guardian_phone": ""}
    assert page.locator("#child-form input[name=sex]:checked").count() == 0

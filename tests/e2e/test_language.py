"""The phone's English: a chunk loaded when English is chosen (the shell carries the Chinese table only), precached,
so English opens offline, is kept across a reload, and Chinese is the default."""

import pytest

from tests.e2e import steps

pytestmark = pytest.mark.e2e


def _english_loaded(page) -> bool:
    """Whether the page has fetched the English table's chunk (a script under chunks/ named en-…)."""
    return page.evaluate(
        "() => performance.getEntriesByType('resource').some((e) => /\\/chunks\\/en-[A-Z0-9]+\\.js$/.test(e.name))")


def test_english_is_loaded_on_demand_kept_across_a_reload_and_works_offline(page, context, net, live_server):
    steps.sign_in(page, live_server)
    steps.wait_worker(page)
    assert page.text_content("#lang") == "English" and page.text_content("#home-sync")  # Chinese by default
    assert not _english_loaded(page)  # a Chinese reader never loads the English table

    mark = steps.cut(net)  # offline: the English chunk must come from the precache
    page.click("#lang")
    page.wait_for_function("() => document.querySelector('#lang')?.textContent === '中文'")
    assert page.text_content("#brand") == "ImmuQC" and "Sync" in page.text_content("#home-sync")
    page.reload()  # English is remembered and loaded before the first page
    page.wait_for_selector("#home-sync")
    assert page.text_content("#lang") == "中文" and "Sync" in page.text_content("#home-sync")
    page.click("#lang")
    page.wait_for_function("() => document.querySelector('#lang')?.textContent === 'English'")
    assert "同步" in page.text_content("#home-sync")
    steps.restore(net, mark)

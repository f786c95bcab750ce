"""留观 on the phone: two children observed at once survive a reload; a reaction becomes a prefilled AEFI report."""

from datetime import date, timedelta

import pytest

from tests.e2e import steps

pytestmark = pytest.mark.e2e


def _observed(page):
    page.wait_for_selector("#obs-list, #obs-none")
    return sorted(page.locator("#obs-list li.obs strong").all_text_contents())


def test_two_overlapping_observations_survive_a_reload_and_a_reaction_becomes_an_aefi_report(page, live_server):
    steps.sign_in(page, live_server)
    birth = (date.today() - timedelta(days=2)).isoformat()
    for name in ("陈小雨", "林小风"):
        steps.register_child(page, live_server, name, birth)
        steps.encounter(page)
        page.wait_for_selector("#enc-observe")
    steps.go(page, live_server, "observation")
    assert _observed(page) == ["林小风", "陈小雨"]
    page.reload()
    assert _observed(page) == ["林小风", "陈小雨"]
    assert page.locator("#obs-list .obs-left").count() == 2  # both still counting down from their stored start

    page.click("#obs-list li.obs:has-text('陈小雨') button[data-outcome=reaction]")
    page.wait_for_selector("#aefi-form")
    assert page.input_value("#aefi-form [name=onset_at]") != ""
    assert page.input_value("#aefi-form [name=pick0]") != ""
    page.fill("#aefi-form [name=course]", "接种后 15 分钟面部潮红，留观区处理后好转")
    page.click("#aefi-form .opt:has(input[name=hospitalized][value=no])")
    page.select_option("#aefi-form [name=outcome]", "recovered")
    page.click("#aefi-form .opt:has(input[name=serious][value=no])")
    page.select_option("#aefi-form [name=preliminary_class]", "general_reaction")
    page.click("#save-aefi")
    page.wait_for_selector("#home-pending")
    steps.go(page, live_server, "observation")
    assert _observed(page) == ["林小风"]
    page.click("#obs-list li.obs:has-text('林小风') button[data-outcome=left_early]")
    page.wait_for_selector("#obs-none")

    steps.sync_now(page, live_server)
    steps.wait_synced(page)
    report = steps.server_records("aefi_report")[0]
    doses = {r.id: r for r in steps.server_records("vaccination")}
    observations = {o.data["outcome"]: o.data for o in steps.server_records("observation")}
    assert set(observations) == {"reaction", "left_early"}
    reaction = observations["reaction"]
    assert reaction["aefi_id"] == report.id and report.data["child_id"] == reaction["child_id"]
    assert [doses[i].child_id for i in reaction["vaccination_ids"]] == [reaction["child_id"]]
    assert report.data["vaccines"][0]["lot_no"] == "202611A"
    assert observations["left_early"]["child_id"] != reaction["child_id"]

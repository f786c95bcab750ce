"""The small things that cost trust, at 360 px (issue 23, item 8): an error stands at its own field (the control names
it in aria-describedby and is marked invalid), not only in the summary at the top, which lists the fields in the
form's order; a message from one page does not stay on the next ones; the header has no empty bordered button and
names the person, not the user name."""

import pytest

from tests.e2e import steps
from tests.factories import add_record, child_data, school_check_data, student_check_data
from webapp.extensions import db

pytestmark = pytest.mark.e2e

# For the form holding the visible summary: its lines, and each visible field error with whether a control of its field
# names it (aria-describedby) and is marked invalid.
AT_FIELDS = """sel => {
  const form = document.querySelector(sel);
  const summary = [...form.querySelectorAll('.summary:not([hidden]) li')].map((li) => li.textContent);
  const errors = [...form.querySelectorAll('p.error:not([hidden])')].map((p) => {
    const box = p.closest('[data-path]');
    const controls = [...box.querySelectorAll('input,select,textarea')];
    const named = controls.filter((c) => (c.getAttribute('aria-describedby') || '').split(' ').includes(p.id));
    return { path: box.dataset.path, text: p.textContent, id: p.id, visible: p.getBoundingClientRect().height > 0,
             named: named.length, invalid: named.filter((c) => c.getAttribute('aria-invalid') === 'true').length };
  });
  return { summary, errors };
}"""


def _assert_each_at_its_field(page, form):
    page.wait_for_selector(f"{form} .summary:not([hidden]) li")  # the form's checks may read the phone's store first
    got = page.evaluate(AT_FIELDS, form)
    assert got["summary"] and len(got["errors"]) == len(got["summary"]), got
    for error, line in zip(got["errors"], got["summary"], strict=True):
        assert line.endswith(error["text"]), (line, error)  # the summary follows the form's order
        assert error["id"] and error["visible"] and error["named"] >= 1 and error["invalid"] == error["named"], error
    return got


def test_errors_stand_at_their_fields_on_the_child_pre_check_and_catch_up_forms(page, live_server):
    child = add_record("child", child_data())
    batch = add_record("school_check", school_check_data(), captured_by="demo-school")
    missing = [{"series": "DTP", "dose": 4, "vaccine": "DTaP", "due_since": "2023-11-01"}]
    student = add_record("student_check", student_check_data(batch.id, evaluation={"missing": missing}),
                         captured_by="demo-school")
    db.session.commit()
    steps.sign_in(page, live_server)
    steps.go(page, live_server, "child-new")
    page.click("#save-child")
    got = _assert_each_at_its_field(page, "#child-form")
    assert [e["path"] for e in got["errors"]] == ["name", "sex", "birth_date"]
    page.fill("#child-form [name=name]", "林小安")  # fixed fields lose their error and their invalid mark
    page.click("#save-child")
    page.wait_for_function("() => !document.querySelector('#child-form [name=name]').hasAttribute('aria-invalid')")
    got = _assert_each_at_its_field(page, "#child-form")
    assert [e["path"] for e in got["errors"]] == ["sex", "birth_date"]
    assert page.get_attribute("#child-form [name=name]", "aria-invalid") is None

    steps.go(page, live_server, f"encounter?child={child.id}")
    page.wait_for_selector("#precheck-form")
    page.click("#save-precheck")  # the screening questions' group gets its own error line
    got = _assert_each_at_its_field(page, "#precheck-form")
    assert "answers" in [e["path"] for e in got["errors"]]

    steps.go(page, live_server, f"catch-up?student={student.id}")
    page.click("#catch-up-save")
    got = _assert_each_at_its_field(page, "#catch-up-form")
    assert got["errors"][0]["path"] == "catch_up" and got["errors"][0]["text"] == "请至少勾选一剂"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_message_is_carried_to_the_page_an_action_opens_and_no_further(page, live_server):
    batch = add_record("school_check", school_check_data(), captured_by="demo-school")
    missing = [{"series": "DTP", "dose": 4, "vaccine": "DTaP", "due_since": "2023-11-01"}]
    student = add_record("student_check", student_check_data(batch.id, evaluation={"missing": missing}),
                         captured_by="demo-school")
    db.session.commit()
    steps.sign_in(page, live_server)
    steps.go(page, live_server, f"catch-up?student={student.id}")
    page.check("#catch-up-form input.given")
    page.click("#catch-up-save")
    page.wait_for_selector("#catch-up-tasks, #catch-up-none")
    assert page.is_visible("#toast") and "补种已记录" in page.text_content("#toast")  # the save's page shows it
    page.click("a.brand")  # the next page, well inside the message's 4 seconds
    page.wait_for_selector("#home-pending")
    assert page.is_hidden("#toast")


def test_the_header_has_no_empty_button_and_names_the_person(page, live_server):
    header = """() => [...document.querySelectorAll('header.bar button, header.bar a')].map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.id, text: el.textContent.trim(), shown: r.width > 0 && r.height > 0, right: r.right };
    })"""
    steps.go(page, live_server, "home")
    page.wait_for_selector("#signin-form")
    signed_out = page.evaluate(header)
    assert all(b["text"] for b in signed_out if b["shown"]), signed_out
    assert not [b for b in signed_out if b["id"] == "who" and b["shown"]]
    steps.sign_in(page, live_server, fresh=False)
    signed_in = page.evaluate(header)
    assert all(b["text"] and b["right"] <= 360 for b in signed_in if b["shown"]), signed_in
    assert page.text_content("#who") == "王护士 · 切换"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("#who")  # the phone's users, by the person's name too
    page.wait_for_selector("#switch-user")
    assert page.text_content("main li.card strong") == "王护士"

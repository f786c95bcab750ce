"""The school's 补种通知单 (printed for the parent) at 360 px: the referred unit's name, address and vaccination hours
(the unit's reference data), and a footer that stands on its own, on screen and on paper: not in an empty dashed box
(the signature pad's look) nor in a bordered one, its date on one line."""

import pytest

from tests.e2e import steps
from tests.factories import add_record, school_check_data, student_check_data
from webapp.extensions import db

pytestmark = pytest.mark.e2e

# the boxes around the footer, up to the page: their border styles and widths, and the footer's lines
FRAME = """() => {
  const foot = document.querySelector('#notice-foot');
  const boxes = [];
  for (let el = foot; el && el !== document.body; el = el.parentElement) {
    const s = getComputedStyle(el);
    boxes.push({ id: el.id || el.className, style: s.borderTopStyle, width: parseFloat(s.borderTopWidth) });
  }
  const date = foot.querySelector('.nowrap');
  const line = parseFloat(getComputedStyle(date).lineHeight);
  return { boxes, dateLines: Math.round(date.getBoundingClientRect().height / line) };
}"""


def _open_slip(page, live_server):
    batch = add_record("school_check", school_check_data(), captured_by="demo-school")
    missing = [{"series": "DTP", "dose": 4, "vaccine": "DTaP", "due_since": "2023-11-01"}]
    student = add_record("student_check", student_check_data(batch.id, evaluation={"missing": missing}),
                         captured_by="demo-school")
    db.session.commit()
    steps.sign_in(page, live_server, "demo-school")
    steps.go(page, live_server, f"school-referral?student={student.id}")
    page.wait_for_selector("#notice")


def test_the_slip_gives_the_units_address_and_hours_and_a_footer_outside_any_box(page, live_server):
    _open_slip(page, live_server)
    unit = page.text_content("#notice-unit")
    assert "接种单位：林西镇防保站" in unit
    assert "地址：林西镇人民路 12 号（镇卫生院一楼）" in unit
    assert "接种时间：每周二、周四 8:00–11:30，14:30–17:00" in unit
    assert page.text_content("#notice-foot") == "林西镇中心幼儿园通知日期：2026-09-02"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screen = page.evaluate(FRAME)
    assert all(b["style"] != "dashed" for b in screen["boxes"]), screen
    assert screen["dateLines"] == 1, screen
    page.emulate_media(media="print")
    paper = page.evaluate(FRAME)
    assert [b for b in paper["boxes"] if b["style"] != "none" and b["width"] > 0] == [], paper
    assert paper["dateLines"] == 1, paper
    assert page.is_hidden("#notice-print")  # the buttons stay off the paper

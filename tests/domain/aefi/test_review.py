"""Review transitions: return needs a reason, classification follows the WHO mapping, closing needs a class."""

from webapp.domain.aefi.review import next_review


def test_return_requires_a_reason_and_sets_status_returned():
    data, errors = next_review("r1", {}, "return", {"return_reason": "  "})
    assert errors == {"return_reason": "required"}
    data, errors = next_review("r1", {"status": "received"}, "return", {"return_reason": "发病时间缺失"})
    assert errors == {} and data == {"aefi_id": "r1", "status": "returned", "return_reason": "发病时间缺失"}


def test_a_later_action_clears_the_return_reason():
    data, _ = next_review("r1", {"status": "returned", "return_reason": "x"}, "receive", {})
    assert data == {"aefi_id": "r1", "status": "received"}


def test_classification_fills_the_unambiguous_who_category_and_refuses_a_wrong_one():
    data, errors = next_review("r1", {}, "classify", {"final_class": "program_error"})
    assert errors == {} and data["who_causality"] == "A3"
    _, errors = next_review("r1", {}, "classify", {"final_class": "coincidental", "who_causality": "A1"})
    assert errors == {"who_causality": "inconsistent"}
    data, errors = next_review("r1", {}, "classify", {"final_class": "undetermined", "who_causality": "B2"})
    assert errors == {} and data["who_causality"] == "B2"


def test_investigation_needs_a_start_and_no_form_before_it():
    _, errors = next_review("r1", {}, "investigate", {})
    assert errors == {"investigation_started_at": "required"}
    _, errors = next_review("r1", {}, "investigate", {"investigation_started_at": "2026-03-11T09:00:00+08:00",
                                                      "investigation_reported_at": "2026-03-10T09:00:00+08:00"})
    assert errors == {"investigation_reported_at": "before_start"}
    data, errors = next_review("r1", {}, "investigate", {"investigation_started_at": "2026-03-11T09:00:00+08:00",
                                                         "preliminary_reported_at": "2026-03-12T09:00:00+08:00"})
    assert errors == {} and data["status"] == "investigating"
    assert "preliminary_reported_at" not in data  # not an aefi_review field (records.md); kept beside it


def test_closing_needs_a_final_class():
    _, errors = next_review("r1", {"status": "investigating"}, "close", {})
    assert errors == {"final_class": "required_to_close"}
    data, errors = next_review("r1", {"final_class": "general_reaction", "who_causality": "A1"}, "close", {})
    assert errors == {} and data["status"] == "closed"

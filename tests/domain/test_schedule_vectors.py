"""The shared schedule vectors (tests/vectors/schedule.json) against the Python engine; pwa/test runs them on JS."""

import json
from pathlib import Path

import pytest

from webapp.domain.schedule import ScheduleInputError, evaluate

VECTORS = json.loads((Path(__file__).resolve().parents[1] / "vectors" / "schedule.json").read_text("utf-8"))


def _run(case):
    given = case["input"]
    return evaluate(given["birth_date"], given["on_date"], given.get("doses", []), given.get("schedule"),
                    lang=given.get("lang", "zh-CN"))


def _missing(result, expected):
    only = expected.get("series")
    return [m for m in result["missing"] if only is None or m["series"] in only]


@pytest.mark.parametrize("case", [c for c in VECTORS["cases"] if "error" not in c], ids=lambda c: c["name"])
def test_vector_gives_the_expected_evaluation(case):
    result, expected = _run(case), case["expected"]
    assert set(result) == {"schedule", "complete", "missing", "not_counted", "notes"}
    assert _missing(result, expected) == expected["missing"]
    assert [{"vaccine": n["vaccine"], "date": n["date"]} for n in result["not_counted"]] == expected.get(
        "not_counted", [])
    if "schedule" in expected:
        assert result["schedule"] == expected["schedule"]
    if "complete" in expected:
        assert result["complete"] is expected["complete"]
    for text in expected.get("reasons_contain", []):
        assert any(text in n["reason"] for n in result["not_counted"]), text
    for text in expected.get("notes_contain", []):
        assert any(text in note for note in result["notes"]), text
    for text in expected.get("notes_exclude", []):
        assert not any(text in note for note in result["notes"]), text


@pytest.mark.parametrize("case", [c for c in VECTORS["cases"] if "error" in c], ids=lambda c: c["name"])
def test_invalid_vector_input_is_refused_naming_the_field(case):
    with pytest.raises(ScheduleInputError) as caught:
        _run(case)
    assert caught.value.field == case["error"]["field"]
    assert caught.value.code == case["error"]["code"]


def test_vectors_cover_enough_cases_and_every_rule():
    rules = {c["rule"] for c in VECTORS["cases"]}
    assert len(VECTORS["cases"]) >= 80
    assert {"HepB", "BCG", "Polio", "DTP-2021", "DTP-2025", "MCV", "JE", "MenA/MenAC", "HepA", "catch-up",
            "live-interval", "input", "dates"} <= rules

"""Schedule engine helpers (due doses, child status, settings) and parity with the JS engine on every vector."""

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from webapp.domain.schedule import ScheduleInputError, child_status, due_doses, evaluate, vaccine_codes
from webapp.domain.schedule.dates import add_months, age_parts

ROOT = Path(__file__).resolve().parents[2]
VECTORS = json.loads((ROOT / "tests" / "vectors" / "schedule.json").read_text("utf-8"))


@pytest.mark.parametrize("start,months,expected", [
    (date(2020, 1, 31), 1, date(2020, 2, 29)), (date(2021, 1, 31), 1, date(2021, 2, 28)),
    (date(2020, 2, 29), 12, date(2021, 2, 28)), (date(2020, 2, 29), 48, date(2024, 2, 29)),
    (date(2019, 12, 15), 2, date(2020, 2, 15)), (date(2020, 8, 31), 6, date(2021, 2, 28)),
])
def test_months_are_added_on_the_calendar_with_the_month_end_rule(start, months, expected):
    assert add_months(start, months) == expected


def test_age_of_a_leap_day_child_on_28_february():
    assert age_parts(date(2020, 2, 29), date(2021, 2, 28)) == (1, 0, 0)
    assert age_parts(date(2020, 2, 29), date(2021, 2, 27)) == (0, 11, 29)


def test_due_doses_give_the_next_dose_per_series_with_the_product_to_offer():
    due = due_doses(date(2022, 1, 1), date(2022, 10, 5),
                    [{"vaccine": "VarV", "date": date(2022, 9, 20)}, {"vaccine": "MPSV-A", "date": date(2022, 7, 1)}])
    by_series = {d["series"]: d for d in due}
    assert by_series["MCV"] == {"series": "MCV", "dose": 1, "vaccine": "MMR", "due_since": "2022-09-01",
                                "earliest": "2022-10-18", "can_give_today": False, "requires_ppd": False,
                                "overdue": False}
    assert by_series["MenA"]["dose"] == 2 and by_series["MenA"]["can_give_today"] is True
    assert by_series["BCG"]["requires_ppd"] is True
    assert by_series["Polio"]["vaccine"] == "IPV" and by_series["HepB"]["overdue"] is True


def test_due_doses_are_empty_for_a_child_up_to_date():
    doses = [{"vaccine": "HepB", "date": "2024-03-03"}, {"vaccine": "BCG", "date": "2024-03-03"}]
    assert due_doses("2024-03-03", "2024-03-20", doses) == []


def test_child_status_shows_counted_missing_and_next_dose():
    status = child_status("2022-01-01", "2022-03-15", [{"vaccine": "HepB", "date": "2022-01-01"},
                                                       {"vaccine": "BCG", "date": "2022-01-01"}])
    hepb = next(s for s in status["series"] if s["series"] == "HepB")
    assert hepb["counted"] == [{"dose": 1, "vaccine": "HepB", "date": "2022-01-01"}]
    assert hepb["missing"] == [{"dose": 2, "vaccine": "HepB", "due_since": "2022-02-01"}]
    polio = next(s for s in status["series"] if s["series"] == "Polio")
    assert polio["missing"] == [{"dose": 1, "vaccine": "IPV", "due_since": "2022-03-01"}]
    assert polio["next"] == {"dose": 2, "vaccine": "IPV", "due_since": "2022-04-01"}
    assert status["age"] == {"years": 0, "months": 2, "days": 14} and status["complete"] is False


def test_hepb_intervals_are_settings_a_county_can_change():
    doses = [{"vaccine": "HepB", "date": "2022-01-01"}, {"vaccine": "HepB", "date": "2022-06-01"},
             {"vaccine": "HepB", "date": "2022-07-20"}]
    strict = evaluate("2022-01-01", "2022-08-15", doses)
    relaxed = evaluate("2022-01-01", "2022-08-15", doses, settings={"hepb_interval_2_3": "P28D"})
    assert [n["date"] for n in strict["not_counted"]] == ["2022-07-20"]
    assert relaxed["not_counted"] == [] and not any(m["series"] == "HepB" for m in relaxed["missing"])


def test_unknown_setting_is_refused_naming_settings():
    with pytest.raises(ScheduleInputError) as caught:
        evaluate("2022-01-01", "2022-08-15", [], settings={"no_such_setting": "P1D"})
    assert caught.value.field == "settings"


def test_dates_may_be_strings_or_dates_with_the_same_answer():
    doses = [{"vaccine": "HepB", "date": "2022-01-01"}]
    assert evaluate("2022-01-01", "2022-05-01", doses) == evaluate(
        date(2022, 1, 1), date(2022, 5, 1), [{"vaccine": "HepB", "date": date(2022, 1, 1)}])


NODE_SCRIPT = """
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, dueDoses, childStatus } from './pwa/src/lib/schedule.js';
const dir = join('webapp', 'data', 'schedule');
const data = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
const cases = JSON.parse(readFileSync(join('tests', 'vectors', 'schedule.json'), 'utf8')).cases.filter((c) => !c.error);
const out = cases.map((c) => { const input = { ...c.input, doses: c.input.doses || [] };
  return { evaluate: evaluate(data, input), due: dueDoses(data, input), status: childStatus(data, input) }; });
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_js_engine_gives_exactly_the_python_answers_texts_included():
    proc = subprocess.run(["node", "--input-type=module", "-e", NODE_SCRIPT], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    js = json.loads(proc.stdout)
    cases = [c for c in VECTORS["cases"] if "error" not in c]
    for case, js_out in zip(cases, js, strict=True):
        given = case["input"]
        args = (given["birth_date"], given["on_date"], given.get("doses", []), given.get("schedule"))
        kwargs = {"lang": given.get("lang", "zh-CN")}
        assert js_out["evaluate"] == evaluate(*args, **kwargs), case["name"]
        assert js_out["due"] == due_doses(*args, **kwargs), case["name"]
        assert js_out["status"] == child_status(*args, **kwargs), case["name"]


RANDOM_SCRIPT = """
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, dueDoses } from './pwa/src/lib/schedule.js';
const dir = join('webapp', 'data', 'schedule');
const data = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
const kids = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(kids.map((k) => [evaluate(data, k), dueDoses(data, k)])));
"""


def _random_children(n, seed=5):
    import random
    from datetime import timedelta

    rng, codes, kids = random.Random(seed), sorted(vaccine_codes()), []
    for _ in range(n):
        birth = date(2005, 1, 1) + timedelta(days=rng.randrange(7800))
        on = birth + timedelta(days=rng.randrange(7000))
        doses = [{"vaccine": rng.choice(codes), "date": (birth + timedelta(days=rng.randrange(7000))).isoformat()}
                 for _ in range(rng.randrange(25))]
        kids.append({"birth_date": birth.isoformat(), "on_date": on.isoformat(), "doses": doses})
    return kids


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_js_engine_agrees_with_python_on_random_histories():
    kids = _random_children(1500)
    proc = subprocess.run(["node", "--input-type=module", "-e", RANDOM_SCRIPT], cwd=ROOT, input=json.dumps(kids),
                          capture_output=True, text=True, timeout=120, check=True)
    for kid, (js_eval, js_due) in zip(kids, json.loads(proc.stdout), strict=True):
        args = (kid["birth_date"], kid["on_date"], kid["doses"])
        assert js_eval == evaluate(*args), kid
        assert js_due == due_doses(*args), kid


def test_a_dose_due_before_the_catch_up_age_keeps_the_catch_up_interval_when_given_after_it():
    from webapp.domain.schedule import due_doses

    doses = [{"vaccine": "DTaP", "date": date(2010, 6, 1)}, {"vaccine": "DTaP", "date": date(2010, 7, 2)}]
    [offer] = [o for o in due_doses(date(2005, 1, 1), date(2011, 1, 1), doses) if o["series"] == "DTP"]
    assert (offer["vaccine"], offer["due_since"], offer["earliest"]) == ("DT", "2010-07-30", "2011-01-02")
    assert offer["can_give_today"] is False

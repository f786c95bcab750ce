"""Every demo unit's score explained line by line, under both plans, for H1, H2 and the year: the total is the sum
of the lines the scorecard shows, each line the plan's rate times what was counted (or pending, or the assessor's
entry), and every deduction names records a county user can open (an absence names its period instead)."""

import math
import random
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from markupsafe import escape
from sqlalchemy import select

from webapp.demo import aefi as demo_aefi
from webapp.demo import records as demo_records
from webapp.demo import stock as demo_stock
from webapp.demo.aefi import seed_aefi_demo
from webapp.demo.records import seed_county_year
from webapp.demo.schools import seed_schools_demo
from webapp.demo.stock import seed_stock_demo
from webapp.demo.surveys import seed_surveys_demo
from webapp.domain.rubric.rules import cohort_groups
from webapp.models import Record
from webapp.services import county
from webapp.services.scoring.evidence import PLACES
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.scorecards import compute_scorecards

NOW = datetime(2026, 12, 2, 4, tzinfo=UTC)
UNITS = ("U01", "U02", "U03", "U04")
# metrics whose findings are an absence (no AEFI report in the year, a month with neither a report nor a zero
# report): nothing to open, the reason names the period
ABSENCES = {"aefi_no_report_year", "aefi_completeness"}


def r2(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), ROUND_HALF_UP))


@pytest.fixture
def demo_county(db, demo_org, monkeypatch):
    for module in (demo_records, demo_aefi, demo_stock):
        monkeypatch.setattr(module, "utcnow", lambda: NOW)
    monkeypatch.setattr(county, "today", lambda: NOW.date())
    rng = random.Random(2026)
    seed_county_year(rng, scale=0.15)
    for seeder in (seed_aefi_demo, seed_schools_demo, seed_surveys_demo, seed_stock_demo):
        seeder(rng)
    db.session.commit()


def steps(measure, params) -> list:
    """The plan's rate below its target: (target − rate) / step × points, per measure counted."""
    target, step, points = (float(params[k]) for k in ("target", "step", "points"))
    if not measure.denominator:
        return []
    rate = 100 * measure.numerator / measure.denominator
    n = (target - rate) / step
    lost = r2((math.floor(n + 1e-9) if params.get("mode") == "whole" else n) * points)
    return [-lost] if rate < target and lost > 0 else []


def expected(item, measure, params=None) -> list:
    """The deductions the plan's rule gives for what the measure counted, worked out again here."""
    rule, params = (params["type"], params) if params is not None else (item.rule.type, item.rule.params)
    findings = measure.findings
    if rule == "per_occurrence":
        return [-r2(float(params["points"]))] * len(findings)
    if rule == "all_or_nothing":
        return [-item.max] if findings else []
    if rule == "none_then_zero":
        if not measure.examined:
            return [-float(params.get("points", item.max))]
        return expected(item, measure, params["then"]) if params.get("then") else []
    if rule == "ratio":
        if not measure.denominator:
            return [] if params.get("empty") == "full" else [-item.max]
        lost = r2(item.max - item.max * measure.numerator / measure.denominator)
        return [-lost] if lost > 0 else []
    if rule == "bonus":
        return [float(params["points"])] * len(findings)
    assert rule == "per_step_below", rule
    if params.get("cohort"):
        return [d for g in cohort_groups(measure, params).values() for d in steps(g, params)]
    groups = [measure.groups[k] for k in params.get("groups", ()) if k in measure.groups]
    if params.get("pool"):
        pooled = type(measure)(0, sum(g.numerator for g in groups), sum(g.denominator for g in groups))
        return steps(pooled, params)
    return [d for g in groups for d in steps(g, params)] if params.get("groups") else steps(measure, params)


def clamp(value, low, high):
    value = value if low is None else max(low, value)
    return value if high is None else min(high, value)


def check_card(template, card, unit) -> list:
    """The card's lines worked out again; the evidence it names: (kind, id, part, item, deduction index, reason)."""
    evidence, weighted, pending = [], 0.0, 0.0
    for part in card.parts:
        section_sum = 0.0
        for section in part.sections:
            plan = template.section(part.code, section.code)
            lost = extra = 0.0
            if all(line.pending for line in section.items if not line.item.bonus):  # nothing judged: all pending
                pending += part.weight * max(section.max, sum(i.item.max for i in section.items if not i.item.bonus))
            for line in section.items:
                item, where = line.item, (unit, part.code, line.item.code)
                if line.pending:
                    assert line.deductions == [] and line.score == (0.0 if item.bonus else item.max), where
                    if not all(i.pending for i in section.items if not i.item.bonus):
                        pending += 0.0 if item.bonus else part.weight * item.max
                else:
                    computed = [d.points for d in line.deductions if not d.note]
                    if line.source == "computed":
                        assert sorted(computed) == sorted(expected(item, line.measure)), where
                    total = sum(d.points for d in line.deductions)
                    score = min(total, item.max) if item.bonus else clamp(item.max + total, item.floor, item.max)
                    assert line.score == r2(score), where
                    for index, d in enumerate(line.deductions):
                        assert d.evidence or d.note or item.metric in ABSENCES or item.rule.type == "none_then_zero", \
                            (where, d.reason)
                        evidence += [(e.kind, e.id, part.code, item.code, index, d.reason) for e in d.evidence]
                if item.bonus:
                    extra += line.score
                else:
                    lost += item.max - line.score
            assert section.score == r2(clamp(plan.max - lost, plan.floor, plan.max) + extra), (unit, section.code)
            section_sum += section.score
        assert part.score == r2(section_sum), (unit, part.code)
        weighted += part.weight * part.score
    assert card.total == r2(weighted) and card.pending_points == r2(pending), unit
    assert card.scored == r2(card.total - card.pending_points)
    return evidence


def test_every_demo_units_score_is_explained_line_by_line(client, db, auth, demo_county):
    auth.login("demo-county")
    plans = (("county-plan-2014", ("2026", "2026-H1", "2026-H2")), ("evaluation-standard", ("2026",)))
    for template_id, periods in plans:
        template = get_template(template_id)
        for period in periods:
            cards = compute_scorecards(template, list(UNITS), period)
            for unit in UNITS:
                check_unit(client, db, template, period, unit, cards[unit])


def check_unit(client, db, template, period, unit, card):
    """The card explained; the records it names exist and open, and a thing it names (an appliance, a missing
    reading's slot, a lot) is named in words on its deduction's page; the page shows its scored and pending points."""
    assert not card.no_data, (unit, period)
    named = check_card(template, card, unit)
    ids = sorted({e[1] for e in named if e[0] not in PLACES})
    for kind in sorted({e[0] for e in named if e[0] in PLACES}):  # the first thing of each kind, on its page
        _, place, part, item, index, reason = next(e for e in named if e[0] == kind)
        page = client.get(f"/scores/evidence/{template.id}/{period}/{unit}/{part}/{item}/{index}")
        assert page.status_code == 200 and escape(reason) in page.get_data(as_text=True), (unit, kind, place)
        assert not reason.startswith(place.split("|")[0]), (unit, kind, reason)  # named in words, the code aside
    found = dict(db.session.execute(select(Record.id, Record.kind).where(Record.id.in_(ids))).all())
    assert set(found) == set(ids), (unit, period)
    for kind in sorted(set(found.values())):  # the first record of each kind opens for the county user
        first = next(i for i in ids if found[i] == kind)
        assert client.get(f"/scores/record/{first}").status_code == 200, (unit, kind)
    html = client.get(f"/scores/card/{template.id}/{period}/{unit}").get_data(as_text=True)
    assert f"已评 {card.scored:g} / 待评 {card.pending_points:g} 分" in html, (unit, period)

"""concordance_sample: pre-check ↔ vaccination ↔ certificate on 20 sampled children (范本2 信息系统接种率, 范本1 三.7).

The sample is the assessor's list when one was recorded; otherwise 20 children drawn reproducibly from the
children pre-checked by the unit in the period (ordered by sha256 of child id + period start). A sampled child
matches when, within the period: every pre-check decided `vaccinate` has, for each planned {vaccine, dose}, a
vaccination by the unit on the visit day; every vaccination by the unit has a pre-check of the same day (its
`precheck_id`, or one for the child that day); and the child's registry record has a `certificate_no`.
`examined` is the sample size; one finding per child that does not match, with the child and the records.
Rows: prechecks (id, child_id, visit_date, decision, planned [{vaccine, dose}]), vaccinations (id, unit_code,
child_id, vaccine, dose, given_on, precheck_id), children (id, certificate_no).
"""

import hashlib
import json
from collections import defaultdict

from webapp.domain.metrics import reasons_en as en
from webapp.domain.metrics.context import Context, UnitRows, blank, own_shots_between
from webapp.domain.rubric.model import Evidence, Finding, Measure

SAMPLE_SIZE = 20


def default_sample(rows: UnitRows, ctx: Context, size: int = SAMPLE_SIZE) -> list[str]:
    """A reproducible sample of children pre-checked in the period."""
    ids = {p.child_id for p in rows.prechecks if ctx.in_period(p.visit_date)}
    salt = ctx.start.isoformat()
    return sorted(ids, key=lambda cid: hashlib.sha256(f"{cid}{salt}".encode()).hexdigest())[:size]


def _plans(planned) -> list:
    """A pre-check's planned doses (the service may hand over the JSON text undecoded)."""
    return json.loads(planned) if isinstance(planned, str) else (planned or [])


def _child_problems(child, checks, shots) -> tuple[list, list, list]:
    """The child's problems: Chinese reasons, their English parts (see reasons_en.child_problems), the records."""
    reasons, parts, evidence = [], [], []
    given = {(v.vaccine, int(v.dose), v.given_on) for v in shots}
    for p in checks:
        if p.decision != "vaccinate":
            continue
        for plan in _plans(p.planned):
            if (plan.get("vaccine"), int(plan.get("dose") or 0), p.visit_date) not in given:
                reasons.append(f"预检登记{p.visit_date}计划{plan.get('vaccine')}第{plan.get('dose')}剂，接种底册无")
                parts.append((en.planned_not_given, (p.visit_date, plan.get("vaccine"), plan.get("dose"))))
                evidence.append(Evidence("precheck", p.id))
    check_ids, check_days = {p.id for p in checks}, {p.visit_date for p in checks}
    for v in shots:
        if v.precheck_id not in check_ids and v.given_on not in check_days:
            reasons.append(f"{v.given_on} {v.vaccine}接种无预检登记")
            parts.append((en.given_without_precheck, (v.given_on, v.vaccine)))
            evidence.append(Evidence("vaccination", v.id))
    if child is None or blank(child.certificate_no):
        reasons.append("无接种证编号")
        parts.append(en.NO_CERTIFICATE_NO)
    return reasons, parts, evidence


def concordance_sample(rows: UnitRows, ctx: Context) -> Measure:
    """Sampled children whose pre-check register, vaccination register and certificate do not agree."""
    sample = list(ctx.sample_children) or default_sample(rows, ctx)
    wanted = set(sample)
    checks, shots = defaultdict(list), defaultdict(list)
    for p in rows.prechecks:
        if p.child_id in wanted and ctx.in_period(p.visit_date):
            checks[p.child_id].append(p)
    for v in own_shots_between(rows, ctx.start, ctx.end):
        if v.child_id in wanted:
            shots[v.child_id].append(v)
    children = {c.id: c for c in rows.children if c.id in wanted}
    measure = Measure(examined=len(sample), denominator=len(sample), label="卡证相符", label_en="Records concordance")
    for cid in sample:
        reasons, parts, evidence = _child_problems(children.get(cid), checks[cid], shots[cid])
        if reasons:
            measure.findings.append(Finding("；".join(reasons), (Evidence("child", cid), *evidence), en.child_problems,
                                            tuple(parts)))
    measure.numerator = len(sample) - len(measure.findings)
    return measure

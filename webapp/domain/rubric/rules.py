"""Rule types: each turns an item's measure into deductions (or bonus points). Scores are clamped by the engine.

per_step_below — `target`, `step`, `points`: below target, points per step. `mode: proportional` (default)
counts fractional steps ((target − rate) / step, 93.5% vs 95% step 1 → 1.5 steps); `mode: whole` counts
only complete steps (floor). `groups` (optional) applies the rule to each listed group of the measure
(per vaccine dose) and adds the deductions; with `pool: true` the listed groups make one rate (their 实种 over
their 应种, summed); a group (or a measure) with nothing due deducts nothing. `cohort` ([first, last] birth-year
offsets from the assessment year) with `vaccines` adds up a measure's `<vaccine>@<year>` groups over those years and
applies the rule per vaccine (范本2 item 11).
Every amount is rounded to 0.01.
per_occurrence — `points` per finding; `tagged` ({tag: points}) prices the findings of a tag apart (范本1 五.7⑵:
−0.2 per missing reading, −1 for an appliance-month without any). all_or_nothing — any finding → the whole max (or
`points`, when given) is lost (the reason names each distinct finding once, with how many share it).
none_then_zero — nothing examined → `points` (default the max) lost; else the `then` rule, if any.
ratio — score = max × numerator / denominator (`empty`: `full` or `zero` when the denominator is 0).
bonus — `points` per finding, up to the item's max. manual — the assessor's entry (see engine).
Each deduction also carries its reason in English (`en`, `params`), formatted only when an English reader asks.
"""

import math
from decimal import ROUND_HALF_UP, Decimal

from webapp.domain.rubric.model import Deduction, Measure

NOTHING_EXAMINED_EN = "No records"
NOTHING_DUE_EN = "Nothing to count"


def _r(value: float) -> float:
    """Round half up to 0.01 (0.125 → 0.13), the way an assessor rounds on paper."""
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _all_evidence(findings) -> tuple:
    return tuple(ev for finding in findings for ev in finding.evidence)


def _label_en(measure: Measure, key: str) -> str:
    """The measure's English label; its Chinese label (or group key) when it has none."""
    return measure.label_en or measure.label or key


def _rate_en(values) -> str:
    label, rate, target, numerator, denominator = values
    return f"{label} {rate:.2f}% < {target:g}% ({numerator:g}/{denominator:g})".strip()


def _share_en(values) -> str:
    label, percent, numerator, denominator = values
    return f"{label} {percent:.2f}% ({numerator:g}/{denominator:g})".strip()


def _findings_en(values) -> str:
    shown, total, distinct = values
    more = f" … ({total})" if distinct > len(shown) else ""
    return "; ".join(f.reason_for("en") + (f" ×{n}" if n > 1 else "") for f, n in shown) + more


def _distinct(findings) -> list:
    """[(the first finding of each distinct reason, how many share it)] in the order they were found."""
    counts, first = {}, {}
    for f in findings:
        counts[f.reason] = counts.get(f.reason, 0) + 1
        first.setdefault(f.reason, f)
    return [(first[reason], n) for reason, n in counts.items()]


def cohort_groups(measure: Measure, params: dict) -> dict:
    """key → the measure's `<key>@<year>` groups added up over the `cohort` years (offsets from the latest year
    the measure holds, e.g. [-2, -1]: the two years before the assessment year), for each key of `vaccines`."""
    years = sorted({int(k.rsplit("@", 1)[1]) for k in measure.groups if "@" in k})
    if not years:
        return {}
    first, last = (years[-1] + offset for offset in params["cohort"])
    out = {}
    for key in params["vaccines"]:
        parts = [g for g in (measure.groups.get(f"{key}@{y}") for y in range(first, last + 1)) if g is not None]
        if parts:
            born = f"{first}–{last}" if first != last else f"{first}"
            label, label_en = parts[0].label, parts[0].label_en or parts[0].label
            out[key] = Measure(sum(p.examined for p in parts), sum(p.numerator for p in parts),
                               sum(p.denominator for p in parts), [f for p in parts for f in p.findings], {},
                               f"{label}（{born}年出生）", f"{label_en} (born {born})")
    return out


def per_step_below(item, measure: Measure, params: dict) -> list:
    """Deduct per step of the rate below the target, per group when `groups` is given (pooled: `pool: true`), per
    vaccine of a birth cohort when `cohort` and `vaccines` are."""
    if params.get("cohort"):
        return [d for key, group in cohort_groups(measure, params).items() for d in _steps(group, params, key)]
    if params.get("groups") and params.get("pool"):
        return _steps(pooled(measure, params["groups"]), params, "")
    if params.get("groups"):
        out = []
        for key in params["groups"]:
            group = measure.groups.get(key)
            if group is not None:
                out += _steps(group, params, key)
        return out
    return _steps(measure, params, "")


def pooled(measure: Measure, keys) -> Measure:
    """One measure over the listed groups: their numerators, denominators and findings summed (one rate)."""
    groups = [measure.groups[k] for k in keys if k in measure.groups]
    return Measure(sum(g.examined for g in groups), sum(g.numerator for g in groups),
                   sum(g.denominator for g in groups), [f for g in groups for f in g.findings], {},
                   measure.label, measure.label_en)


def _steps(measure: Measure, params: dict, key: str) -> list:
    rate = measure.rate
    target, step, points = float(params["target"]), float(params["step"]), float(params["points"])
    if rate is None or rate >= target:
        return []
    steps = (target - rate) / step
    if params.get("mode", "proportional") == "whole":
        steps = math.floor(steps + 1e-9)
    lost = _r(steps * points)
    if lost <= 0:
        return []
    label = measure.label or key
    reason = f"{label} {rate:.2f}% < {target:g}%（{measure.numerator:g}/{measure.denominator:g}）".strip()
    return [Deduction(-lost, reason, _all_evidence(measure.findings), "", _rate_en,
                      (_label_en(measure, key), rate, target, measure.numerator, measure.denominator))]


def per_occurrence(item, measure: Measure, params: dict) -> list:
    """One deduction of `points` per finding (of `tagged[tag]` for a finding with a tag listed there)."""
    points, tagged = float(params["points"]), params.get("tagged") or {}
    return [Deduction(-_r(float(tagged.get(f.tag, points))), f.reason, tuple(f.evidence), "", f.en, f.params)
            for f in measure.findings]


def all_or_nothing(item, measure: Measure, params: dict) -> list:
    """Any finding loses the whole item; the deduction names the first five distinct reasons (with how many share
    each) and lists every finding's records."""
    if not measure.findings:
        return []
    distinct = _distinct(measure.findings)
    shown = tuple(distinct[:5])
    reasons = "；".join(f.reason + (f"（{n}处）" if n > 1 else "") for f, n in shown)
    more = f" …（{len(measure.findings)}）" if len(distinct) > 5 else ""
    lost = float(params.get("points", item.max))
    return [Deduction(-_r(lost), reasons + more, _all_evidence(measure.findings), "", _findings_en,
                      (shown, len(measure.findings), len(distinct)))]


def none_then_zero(item, measure: Measure, params: dict) -> list:
    """Nothing examined loses `points` (default the max); otherwise the nested `then` rule applies."""
    if measure.examined == 0:
        en = params.get("reason_en") if "reason" in params else NOTHING_EXAMINED_EN
        return [Deduction(-_r(float(params.get("points", item.max))), params.get("reason", "无记录"), (), "", en)]
    then = params.get("then")
    if not then:
        return []
    return RULES[then["type"]](item, measure, then)


def ratio(item, measure: Measure, params: dict) -> list:
    """Score = max × share; the shortfall is one deduction with the records that missed."""
    if not measure.denominator:
        if params.get("empty", "full") == "full":
            return []
        return [Deduction(-_r(item.max), "无应计对象", (), "", NOTHING_DUE_EN)]
    share = measure.numerator / measure.denominator
    lost = _r(item.max * (1 - share))
    if lost <= 0:
        return []
    reason = f"{measure.label} {100 * share:.2f}%（{measure.numerator:g}/{measure.denominator:g}）".strip()
    return [Deduction(-lost, reason, _all_evidence(measure.findings), "", _share_en,
                      (_label_en(measure, ""), 100 * share, measure.numerator, measure.denominator))]


def bonus(item, measure: Measure, params: dict) -> list:
    """`points` added per finding (an AFP case found), never above the item's max."""
    points = float(params["points"])
    return [Deduction(_r(points), f.reason, tuple(f.evidence), "", f.en, f.params) for f in measure.findings]


RULES = {"per_step_below": per_step_below, "per_occurrence": per_occurrence, "all_or_nothing": all_or_nothing,
         "none_then_zero": none_then_zero, "ratio": ratio, "bonus": bonus}

REQUIRED_PARAMS = {"per_step_below": ("target", "step", "points"), "per_occurrence": ("points",),
                   "all_or_nothing": (), "none_then_zero": (), "ratio": (), "bonus": ("points",), "manual": ()}

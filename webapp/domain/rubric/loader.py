"""Load and validate a rubric template (YAML): every error names the template and the item at fault."""

import yaml

from webapp.domain.rubric.model import RULE_TYPES, Item, Part, Rule, Section, Template
from webapp.domain.rubric.rules import REQUIRED_PARAMS

PART_PERIODS = ("year", "H1", "H2")
_EPS = 1e-6


class TemplateError(ValueError):
    """A template that cannot be used; the message names the template and the item."""


def load_template(path, known_metrics) -> Template:
    """Read a YAML template from a file and validate it against the known metric names."""
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return parse_template(raw, known_metrics, source=str(path))


def parse_template(raw: dict, known_metrics, source: str = "<template>") -> Template:
    """Build a Template from plain data; raises TemplateError naming the item on any problem."""
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("version"):
        raise TemplateError(f"{source}: a template needs `id` and `version`")
    where = f"{raw['id']}@{raw['version']}"
    parts_raw = raw.get("parts") or []
    by_code = {p.get("code"): p for p in parts_raw}
    parts = tuple(_part(p, by_code, known_metrics, where) for p in parts_raw)
    if not parts:
        raise TemplateError(f"{where}: no parts")
    total = float(raw.get("total", 0))
    weighted = sum(p.weight * p.total for p in parts)
    if abs(weighted - total) > _EPS:
        raise TemplateError(f"{where}: parts add up to {weighted:g} (weight × total), the plan's total is {total:g}")
    _unique_codes(parts, where)
    return Template(str(raw["id"]), str(raw["version"]), str(raw.get("title", raw["id"])), total, parts,
                    _title_en(raw, where))


def _title_en(raw, here) -> str:
    """The optional English title (`title_en`); "" when absent, so the Chinese title is shown."""
    value = raw.get("title_en")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TemplateError(f"{here}: title_en must be text")
    return value.strip()


def _part(raw, by_code, known_metrics, where) -> Part:
    code = raw.get("code")
    here = f"{where} part {code}"
    if raw.get("period", "year") not in PART_PERIODS:
        raise TemplateError(f"{here}: period must be one of {PART_PERIODS}")
    sections_raw = raw.get("sections")
    if sections_raw is None and raw.get("sections_from"):
        sections_raw = (by_code.get(raw["sections_from"]) or {}).get("sections")
    if not sections_raw:
        raise TemplateError(f"{here}: no sections")
    sections = tuple(_section(s, known_metrics, here) for s in sections_raw)
    total = float(raw.get("total", 0))
    if abs(sum(s.max for s in sections) - total) > _EPS:
        raise TemplateError(f"{here}: sections add up to {sum(s.max for s in sections):g}, the part's total is "
                            f"{total:g}")
    return Part(code, str(raw.get("title", code)), float(raw.get("weight", 1)), raw.get("period", "year"),
                total, sections, _title_en(raw, here))


def _section(raw, known_metrics, where) -> Section:
    code = raw.get("code")
    here = f"{where} section {code}"
    items = tuple(_item(i, known_metrics, here) for i in raw.get("items") or [])
    if not items:
        raise TemplateError(f"{here}: no items")
    smax, deduct = float(raw["max"]), bool(raw.get("deduct", False))
    points = sum(i.max for i in items if not i.bonus)
    if deduct and points > smax + _EPS:
        raise TemplateError(f"{here}: items carry {points:g} points, more than the section's {smax:g}")
    if not deduct and abs(points - smax) > _EPS:
        raise TemplateError(f"{here}: items add up to {points:g}, the section's max is {smax:g}")
    floor = raw.get("floor", None if raw.get("negative") else 0.0)
    return Section(code, str(raw["title"]), smax, items, deduct, None if floor is None else float(floor),
                   str(raw.get("number", "")), _title_en(raw, here), _survey_cohort(raw, here))


def _survey_cohort(raw, here) -> tuple:
    """A section's `survey_cohort: {min_months, max_months}` (the village survey's children) as (min, max)."""
    cohort = raw.get("survey_cohort")
    if cohort is None:
        return ()
    low, high = (cohort.get(k) if isinstance(cohort, dict) else None for k in ("min_months", "max_months"))
    if not all(isinstance(v, int) and v >= 0 for v in (low, high)) or low >= high:
        raise TemplateError(f"{here}: survey_cohort needs whole min_months < max_months")
    return low, high


def _item(raw, known_metrics, where) -> Item:
    code = raw.get("code")
    here = f"{where} item {code}"
    if not code or not raw.get("title"):
        raise TemplateError(f"{here}: an item needs `code` and `title`")
    rule = _rule(raw.get("rule"), here)
    metric = raw.get("metric")
    if rule.type == "manual" or (rule.type == "bonus" and metric is None):
        metric = None
    elif metric not in known_metrics:
        raise TemplateError(f"{here}: unknown metric {metric!r}")
    imax = float(raw.get("max", 0))
    if imax < 0:
        raise TemplateError(f"{here}: max must not be negative")
    floor = raw.get("floor", 0.0 if imax > 0 else None)
    if "floor" in raw and raw["floor"] is not None and float(raw["floor"]) > imax:
        raise TemplateError(f"{here}: floor above max")
    basis, setting, setting_en = _basis(raw, here)
    on_site, on_site_en = str(raw.get("on_site") or "").strip(), str(raw.get("on_site_en") or "").strip()
    if on_site and metric is None:
        raise TemplateError(f"{here}: `on_site` is for computed items (a manual item is scored on site whole)")
    return Item(code, str(raw["title"]), imax, rule, metric, None if floor is None else float(floor),
                rule.type == "bonus", bool(raw.get("veto", False)), str(raw.get("number", "")),
                _title_en(raw, here), basis, setting, setting_en, on_site, on_site_en)


def _basis(raw, here) -> tuple[str, str, str]:
    """(basis, setting, setting_en): `system` items name the setting the system supplies."""
    basis = raw.get("basis", "plan")
    if basis not in ("plan", "system"):
        raise TemplateError(f"{here}: basis must be plan or system")
    setting, setting_en = str(raw.get("setting") or "").strip(), str(raw.get("setting_en") or "").strip()
    if basis == "system" and not setting:
        raise TemplateError(f"{here}: a basis: system item needs `setting` (the rate or points the system supplies)")
    return basis, setting, setting_en


def _rule(raw, here) -> Rule:
    if not isinstance(raw, dict) or raw.get("type") not in RULE_TYPES:
        raise TemplateError(f"{here}: rule type must be one of {RULE_TYPES}")
    params = {k: v for k, v in raw.items() if k != "type"}
    missing = [p for p in REQUIRED_PARAMS[raw["type"]] if p not in params]
    if missing:
        raise TemplateError(f"{here}: rule {raw['type']} needs {', '.join(missing)}")
    for key in ("target", "step", "points"):
        if key in params and (not isinstance(params[key], (int, float)) or params[key] < 0):
            raise TemplateError(f"{here}: rule parameter {key} must be a number ≥ 0")
    _tagged(params.get("tagged", {}), here)
    if not isinstance(params.get("reason_en", ""), str):
        raise TemplateError(f"{here}: reason_en must be text")
    if raw["type"] == "per_step_below" and params["step"] == 0:
        raise TemplateError(f"{here}: rule per_step_below needs step > 0")
    if raw["type"] == "per_step_below" and params.get("mode", "proportional") not in ("proportional", "whole"):
        raise TemplateError(f"{here}: mode must be proportional or whole")
    if "cohort" in params:
        _cohort(params, here)
    if raw["type"] == "none_then_zero" and params.get("then"):
        _rule(params["then"], here)
    return Rule(raw["type"], params)


def _tagged(tagged, here):
    """`tagged`: a finding tag → its points (≥ 0), priced apart from the rule's `points`."""
    if not isinstance(tagged, dict) or not all(isinstance(k, str) and isinstance(v, (int, float)) and v >= 0
                                               for k, v in tagged.items()):
        raise TemplateError(f"{here}: tagged must map a finding tag to points ≥ 0")


def _cohort(params, here):
    """`cohort`: two birth-year offsets [first, last], first ≤ last ≤ 0; `vaccines`: a non-empty list."""
    cohort = params["cohort"]
    if not (isinstance(cohort, list) and len(cohort) == 2 and all(isinstance(v, int) for v in cohort)
            and cohort[0] <= cohort[1] <= 0):
        raise TemplateError(f"{here}: cohort must be [first, last] birth-year offsets with first ≤ last ≤ 0")
    if not params.get("vaccines") or not isinstance(params["vaccines"], list):
        raise TemplateError(f"{here}: a cohort rule needs the list of vaccines")


def _unique_codes(parts, where):
    for part in parts:
        seen = set()
        for section in part.sections:
            for item in section.items:
                if item.code in seen:
                    raise TemplateError(f"{where} part {part.code} item {item.code}: duplicate item code")
                seen.add(item.code)

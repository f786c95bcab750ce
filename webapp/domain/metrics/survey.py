"""范本1 三 from the assessor's village survey (records.md `survey`, `survey_child`): plain values in and out.

The survey scored for a unit and a window is the one of the unit whose `period` covers the window (the H1 survey
for the H1 assessment, even when it was made in July, as the plan schedules it); with several, the latest
`surveyed_on` (then the highest id). Without one (or while it has no child) every survey metric is `pending`: the
item is not computed, and never from the register. On the surveyed children, on `surveyed_on` (S):

- a child's doses are those copied from the certificate together with its registry record's doses (any unit) given
  by S, a dose on both with the same day once; the schedule engine (coverage.dose_status) counts them on S;
- survey_coverage — per dose group: due (应种) the surveyed children for whom the engine counted the dose or
  the open dose fell due by S; given (实种) those of them with the dose counted; a finding per due child without;
- survey_coverage_12m — the five original vaccines for the surveyed children aged ≥ 12 months on S: due the
  children the engine lists the dose for, given those with it counted before their first birthday;
- survey_unvaccinated — one finding per surveyed child with any dose due by S and not counted (三.6 −0.2 each);
- survey_concordance — for children with a registry record and a certificate present: the certificate's doses
  and the registry's doses given by S, per product code, matched by day; a dose left on one side only, or the
  k-th unmatched dose of one side beside the k-th of the other (the same dose with different days), is one
  discrepancy each (三.7 −0.2 per discrepancy);
- survey_card_rate — 漏卡: a surveyed child resident more than 3 months on S (from `resident_since`; from the
  birth date when it is not given) without a registry record (三.9 −5 each);
- survey_certificate_rate — 建证率 over the surveyed children resident more than 3 months: certificate present;
- survey_bcg_scar — 卡痕阳转率: children marked `yes` over those marked `yes` or `no`;
- survey_schedule_errors — 三.4 免疫程序正确: each dose of a surveyed child that the engine does not count (too
  young, too soon, a live-vaccine clash), one finding each (−2); the doses are the registry's, the certificate's for
  a child without a registry record (schedule_doses); one only a [GK] rule rejects goes to the `gk` group
  (metrics/unverified.py), scored only when the county turns [GK] rules on.
Every finding's evidence is the survey_child record (and the vaccination record, for a registry-side dose).
Rows: `rows.surveys`, each with id, period, village_code, surveyed_on and `children`, each with id, child_id,
birth_date, resident_since, certificate, bcg_scar, doses [(vaccine, day)] and registry [(vaccine, day, id)].
"""

from datetime import date

from webapp.domain.metrics.context import Context, UnitRows
from webapp.domain.metrics.coverage import ORIGINAL_FIVE, dose_status
from webapp.domain.metrics.dose_views import LABELS
from webapp.domain.metrics.reasons_en import GROUP_LABELS_EN
from webapp.domain.metrics.unverified import GK_GROUP
from webapp.domain.periods import parse_period
from webapp.domain.rubric.model import Evidence, Finding, Measure
from webapp.domain.schedule.dates import add_months

RESIDENT_MONTHS = 3


def pick_survey(surveys, start: date, end: date):
    """The survey scored for the window [start, end): its period covers the window; the latest one; else None."""
    def covers(s):
        period = parse_period(s.period)
        return period.start <= start and end <= period.end
    return max((s for s in surveys if covers(s)), key=lambda s: (s.surveyed_on, s.id), default=None)


def scored_survey(rows: UnitRows, ctx: Context):
    """The survey a metric scores for the window: `pick_survey`'s, once it has children (until then: pending)."""
    survey = pick_survey(rows.surveys, ctx.start, ctx.end)
    return survey if survey is not None and survey.children else None


def merged_doses(child, on: date) -> list[tuple]:
    """The certificate's doses and the registry's doses given by `on` (vaccine, day, id); same vaccine and day once."""
    out, seen = [], set()
    for vaccine, day, record_id in [(v, d, None) for v, d in child.doses] + list(child.registry):
        if day is not None and day <= on and (vaccine, day) not in seen:
            seen.add((vaccine, day))
            out.append((vaccine, day, record_id or f"certificate:{len(out)}"))
    return out


def child_groups(rows: UnitRows, child, on: date) -> dict:
    """group → (day counted, None) or (None, day due) of a surveyed child on `on` (evaluated once per child)."""
    key = ("survey_view", child.id, on)
    if key not in rows.cache:
        rows.cache[key] = dose_status(child.birth_date, on, merged_doses(child, on)).groups
    return rows.cache[key]


def _due(groups: dict, group: str, on: date) -> bool:
    given, due = groups.get(group, (None, None))
    return given is not None or (due is not None and due <= on)


def pending(label: str, label_en: str) -> Measure:
    """The measure of a survey item without a survey: pending (待评), never computed from the register."""
    return Measure(label=label, label_en=label_en, pending=True)


def _evidence(child) -> tuple:
    return (Evidence("survey_child", child.id),)


def survey_coverage(rows: UnitRows, ctx: Context) -> Measure:
    """实种/应种 per dose group on the surveyed children, on the survey day."""
    survey = scored_survey(rows, ctx)
    if survey is None:
        return pending("调查接种率", "Surveyed coverage")
    measure = Measure(label="调查接种率", label_en="Surveyed coverage", examined=len(survey.children))
    for group, label in LABELS.items():
        g = measure.groups[group] = Measure(label=f"调查{label}", label_en=f"Surveyed {GROUP_LABELS_EN[group]}")
        for child in survey.children:
            groups = child_groups(rows, child, survey.surveyed_on)
            if not _due(groups, group, survey.surveyed_on):
                continue
            g.denominator += 1
            if groups[group][0] is not None:
                g.numerator += 1
            else:
                g.findings.append(Finding(f"调查儿童{label}应种未种（{groups[group][1]}起应种）", _evidence(child),
                                          f"Surveyed child: {GROUP_LABELS_EN[group]} due from {groups[group][1]}, "
                                          "not given"))
        g.examined = int(g.denominator)
        measure.numerator, measure.denominator = measure.numerator + g.numerator, measure.denominator + g.denominator
    return measure


def survey_coverage_12m(rows: UnitRows, ctx: Context) -> Measure:
    """The five original vaccines by 12 months of age, on the surveyed children aged ≥ 12 months."""
    survey = scored_survey(rows, ctx)
    if survey is None:
        return pending("调查12月龄基础免疫覆盖率", "Surveyed primary coverage at 12 months")
    on = survey.surveyed_on
    cohort = [c for c in survey.children if add_months(c.birth_date, 12) <= on]
    measure = Measure(label="调查12月龄基础免疫覆盖率", label_en="Surveyed primary coverage at 12 months",
                      examined=len(cohort))
    for group in ORIGINAL_FIVE:
        g = measure.groups[group] = Measure(label=f"调查12月龄{LABELS[group]}", examined=len(cohort),
                                            label_en=f"Surveyed {GROUP_LABELS_EN[group]} by 12 months")
        for child in cohort:
            groups = child_groups(rows, child, on)
            if not _due(groups, group, on):
                continue
            g.denominator += 1
            given = groups[group][0]
            if given is not None and given < add_months(child.birth_date, 12):
                g.numerator += 1
            else:
                g.findings.append(Finding(f"调查儿童12月龄前未完成{LABELS[group]}", _evidence(child),
                                          f"Surveyed child: {GROUP_LABELS_EN[group]} not completed by 12 months"))
    return measure


def survey_unvaccinated(rows: UnitRows, ctx: Context) -> Measure:
    """One finding per surveyed child with any dose due by the survey day and not given."""
    survey = scored_survey(rows, ctx)
    if survey is None:
        return pending("调查儿童未种", "Surveyed children not vaccinated")
    measure = Measure(label="调查儿童未种", label_en="Surveyed children not vaccinated", examined=len(survey.children))
    for child in survey.children:
        groups = child_groups(rows, child, survey.surveyed_on)
        missing = [g for g in LABELS if _due(groups, g, survey.surveyed_on) and groups[g][0] is None]
        if missing:
            measure.findings.append(Finding("调查儿童应种未种：" + "、".join(LABELS[g] for g in missing),
                                            _evidence(child), "Surveyed child not vaccinated: "
                                            + ", ".join(GROUP_LABELS_EN[g] for g in missing)))
    return measure


def schedule_doses(child, on: date) -> list[tuple]:
    """The doses 三.4 judges: the registry's for a child with a registry record (the unit's card and system), the
    certificate's for a child without (漏卡); not both, since a dose on both with different days is 三.7's
    discrepancy, not a second dose."""
    if child.child_id:
        return [(v, d, record_id) for v, d, record_id in child.registry if d is not None and d <= on]
    return [(v, d, f"certificate:{i}") for i, (v, d) in enumerate(child.doses) if d is not None and d <= on]


def survey_schedule_errors(rows: UnitRows, ctx: Context) -> Measure:
    """三.4 on the surveyed children: their doses (certificate and registry) the schedule engine does not count."""
    survey = scored_survey(rows, ctx)
    if survey is None:
        return pending("调查儿童免疫程序正确", "Surveyed children's schedule")
    on = survey.surveyed_on
    measure = Measure(label="调查儿童免疫程序正确", label_en="Surveyed children's schedule")
    unverified = measure.groups[GK_GROUP] = Measure(label="未核实规则", label_en="Unverified rules")
    for child in survey.children:
        doses = schedule_doses(child, on)
        registry = {(v, d): record_id for v, d, record_id in child.registry}
        view = dose_status(child.birth_date, on, doses)
        measure.examined += len(doses)
        for vaccine, day, dose_id in doses:
            reason = view.rejected.get(dose_id)
            if reason is None:
                continue
            found = registry.get((vaccine, day))
            evidence = _evidence(child) + ((Evidence("vaccination", found),) if found else ())
            into = unverified if dose_id in view.unverified else measure
            into.findings.append(Finding(f"调查儿童{day} {reason}", evidence,
                                         f"Surveyed child: {day} {view.rejected_en.get(dose_id, reason)}"))
    return measure

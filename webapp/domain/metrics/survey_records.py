"""范本1 三.5, 三.7 and 三.9 from the village survey: the certificates against the registry, 漏卡, 建证率, BCG scars.

The survey and the rows are those of webapp/domain/metrics/survey.py (its docstring defines each metric).
"""

from collections import defaultdict
from datetime import date

from webapp.domain.metrics.context import Context, UnitRows
from webapp.domain.metrics.survey import RESIDENT_MONTHS, pending, scored_survey
from webapp.domain.rubric.model import Evidence, Finding, Measure
from webapp.domain.schedule.dates import add_months


def resident_over_3_months(child, on: date) -> bool:
    """Resident more than 3 months on `on`, counted from `resident_since` (the birth date when not given)."""
    return add_months(child.resident_since or child.birth_date, RESIDENT_MONTHS) < on


def dose_discrepancies(certificate: list[tuple], registry: list[tuple]) -> list[tuple]:
    """(kind, vaccine, certificate day, registry day, vaccination id) of each discrepancy, per product code.

    `certificate` holds (vaccine, day), `registry` (vaccine, day, id). Doses of a product on the same day match;
    the unmatched ones of each side are paired in day order (`dates`: the same dose, another day); the rest are
    `certificate_only` or `registry_only`.
    """
    cert, reg = defaultdict(list), defaultdict(list)
    for vaccine, day in certificate:
        cert[vaccine].append(day)
    for vaccine, day, record_id in registry:
        reg[vaccine].append((day, record_id))
    return [(kind, vaccine, *rest) for vaccine in sorted(set(cert) | set(reg))
            for kind, *rest in _product(sorted(cert[vaccine]), sorted(reg[vaccine]))]


def _product(days: list, registry: list) -> list[tuple]:
    """(kind, certificate day, registry day, vaccination id) of one product's discrepancies."""
    days, left = list(days), []
    for day, record_id in registry:
        if day in days:
            days.remove(day)
        else:
            left.append((day, record_id))
    out = []
    for i in range(max(len(days), len(left))):
        on_cert = days[i] if i < len(days) else None
        on_reg, record_id = left[i] if i < len(left) else (None, None)
        kind = "dates" if on_cert and on_reg else ("certificate_only" if on_cert else "registry_only")
        out.append((kind, on_cert, on_reg, record_id))
    return out


REASONS = {"certificate_only": ("接种证有、系统无：{v} {c}", "On the certificate, not in the system: {v} {c}"),
           "registry_only": ("系统有、接种证无：{v} {r}", "In the system, not on the certificate: {v} {r}"),
           "dates": ("接种证与系统日期不符：{v} 证{c}／系统{r}", "Certificate and system dates differ: {v} {c} / {r}")}


def survey_concordance(rows: UnitRows, ctx: Context) -> Measure:
    """One finding per discrepancy between the certificate and the registry of a surveyed child with both."""
    survey = scored_survey(rows, ctx)
    if survey is None:
        return pending("卡证相符", "Card and certificate agree")
    both = [c for c in survey.children if c.child_id and c.certificate == "present"]
    measure = Measure(label="卡证相符", label_en="Card and certificate agree", examined=len(both))
    for child in both:
        registry = [d for d in child.registry if d[1] is not None and d[1] <= survey.surveyed_on]
        for kind, vaccine, on_cert, on_reg, record_id in dose_discrepancies(child.doses, registry):
            zh, en = REASONS[kind]
            evidence = (Evidence("survey_child", child.id),) + ((Evidence("vaccination", record_id),)
                                                                 if record_id else ())
            measure.findings.append(Finding(zh.format(v=vaccine, c=on_cert, r=on_reg), evidence,
                                            en.format(v=vaccine, c=on_cert, r=on_reg)))
    return measure


def survey_card_rate(rows: UnitRows, ctx: Context) -> Measure:
    """漏卡: one finding per surveyed child resident more than 3 months without a registry record."""
    survey = scored_survey(rows, ctx)
    if survey is None:
        return pending("建卡率", "Card rate")
    resident = [c for c in survey.children if resident_over_3_months(c, survey.surveyed_on)]
    measure = Measure(label="建卡率", label_en="Card rate", examined=len(resident), denominator=len(resident))
    for child in resident:
        if child.child_id:
            measure.numerator += 1
        else:
            measure.findings.append(Finding(f"漏卡：{child.birth_date}出生的调查儿童居住超过3个月，系统无档案",
                                            (Evidence("survey_child", child.id),),
                                            f"No card: surveyed child born {child.birth_date}, resident over "
                                            "3 months, has no record in the system"))
    return measure


def survey_certificate_rate(rows: UnitRows, ctx: Context) -> Measure:
    """建证率 over the surveyed children resident more than 3 months: those with a certificate present."""
    survey = scored_survey(rows, ctx)
    if survey is None:
        return pending("调查建证率", "Surveyed certificate rate")
    resident = [c for c in survey.children if resident_over_3_months(c, survey.surveyed_on)]
    measure = Measure(label="调查建证率", label_en="Surveyed certificate rate", examined=len(resident),
                      denominator=len(resident))
    for child in resident:
        if child.certificate == "present":
            measure.numerator += 1
        else:
            measure.findings.append(Finding(f"{child.birth_date}出生的调查儿童无接种证",
                                            (Evidence("survey_child", child.id),),
                                            f"Surveyed child born {child.birth_date} has no certificate"))
    return measure


def survey_bcg_scar(rows: UnitRows, ctx: Context) -> Measure:
    """卡痕阳转率: surveyed children with a BCG scar over those checked (`yes` or `no`)."""
    survey = scored_survey(rows, ctx)
    if survey is None:
        return pending("卡痕阳转率", "BCG scar rate")
    checked = [c for c in survey.children if c.bcg_scar in ("yes", "no")]
    measure = Measure(label="卡痕阳转率", label_en="BCG scar rate", examined=len(checked), denominator=len(checked))
    for child in checked:
        if child.bcg_scar == "yes":
            measure.numerator += 1
        else:
            measure.findings.append(Finding(f"{child.birth_date}出生的调查儿童无卡痕",
                                            (Evidence("survey_child", child.id),),
                                            f"Surveyed child born {child.birth_date}: no BCG scar"))
    return measure

"""Metrics over pre-checks, consents and vaccinations (records.md field names).

precheck_completeness — pre-checks with visit_date in the period (`examined`); one finding per pre-check with
a QC field missing: `temperature_c`; any of the 11 screening answers (not `yes`/`no`); `decision_note` when
the decision is not `vaccinate`. The missing fields are found when the record is written (`qc_missing`, a column
beside the record, services/sync/records.py); `pregnant` is asked only from 12 years of age (the field rules'
`keys_from_age`), so its missing answer does not count for a child of the unit's registry under 12 at the visit.
Rows: prechecks (id, child_id, visit_date, qc_missing ("a,b" or None)); children (id, birth_date).

consent_matching — vaccinations given in the sampled month (`examined`); one finding per vaccination without
a matching consent: same child, a consent vaccine with the same vaccine code, the consent's county date equal
to the vaccination day, decision `agree`, not superseded; a written consent without `signature` does not
match (finding "书面告知未签字" with both records). Rows: vaccinations (id, unit_code, child_id, vaccine, given_on),
consents (id, child_id, signed_on, vaccines [codes], method, signed, decision, state).

late_entry — vaccinations given in the period entered (device capture, clock-corrected) more than 5 days after
`given_on`; one finding each. Rows: id, given_on, corrected_at (UTC; the county day uses `ctx.utc_offset`).
"""

from collections import defaultdict
from types import SimpleNamespace

from webapp.domain.constants import SCREENING_QUESTIONS
from webapp.domain.field_names import field_names
from webapp.domain.metrics import reasons_en as en
from webapp.domain.metrics.context import Context, UnitRows, blank, county_day, own_shots_between
from webapp.domain.rubric.model import Evidence, Finding, Measure

LATE_ENTRY_DAYS = 5
FROM_AGE = {"pregnant": 12}  # the same as the schema's QUESTIONS_FROM_AGE (a test keeps them equal)


def precheck_missing(data: dict) -> list[str]:
    """The QC fields a pre-check's data lacks."""
    answers = data.get("answers") if isinstance(data.get("answers"), dict) else {}
    missing = ["temperature_c"] if blank(data.get("temperature_c")) else []
    missing += [f"answers.{q}" for q in SCREENING_QUESTIONS if answers.get(q) not in ("yes", "no")]
    if data.get("decision") != "vaccinate" and blank(data.get("decision_note")):
        missing.append("decision_note")
    return missing


def qc_missing(kind: str, data: dict) -> str | None:
    """The record's missing QC fields as stored beside it ("a,b"), None when complete or not a pre-check."""
    if kind != "precheck":
        return None
    return ",".join(precheck_missing(data)) or None


def _age_years(birth, day) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _gaps(row, births) -> list[str]:
    """A pre-check's QC gaps, less the questions asked only from an age the child had not reached at the visit."""
    gaps = row.qc_missing.split(",") if row.qc_missing else []
    birth = births.get(row.child_id)
    if birth is None:
        return gaps
    return [g for g in gaps if not (g.startswith("answers.") and
                                    _age_years(birth, row.visit_date) < FROM_AGE.get(g[len("answers."):], 0))]


def precheck_completeness(rows: UnitRows, ctx: Context) -> Measure:
    """Pre-checks in the period and the incomplete ones."""
    measure = Measure(label="预检登记", label_en="Pre-vaccination screening register")
    births = {c.id: c.birth_date for c in rows.children}
    for row in rows.prechecks:
        if not ctx.in_period(row.visit_date):
            continue
        measure.examined += 1
        gaps = _gaps(row, births)
        if gaps:
            if len(gaps) != len(row.qc_missing.split(",")):
                row = row._replace(qc_missing=",".join(gaps)) if hasattr(row, "_replace") else \
                    SimpleNamespace(**{**vars(row), "qc_missing": ",".join(gaps)})
            fields = field_names(gaps, "zh_CN")
            measure.findings.append(Finding(f"预检登记 {row.visit_date} 填写不完整：{fields}",
                                            (Evidence("precheck", row.id),), en.precheck_incomplete, row))
    measure.denominator = measure.examined
    measure.numerator = measure.examined - len(measure.findings)
    return measure


def consent_matching(rows: UnitRows, ctx: Context) -> Measure:
    """Vaccinations of the sampled month without a matching signed consent."""
    by_key = rows.cache.get("consents_by_key")
    if by_key is None:
        by_key = rows.cache["consents_by_key"] = defaultdict(list)
        for c in rows.consents:
            if c.decision == "agree" and c.state != "superseded":
                for vaccine in c.vaccines or ():
                    by_key[(c.child_id, vaccine, c.signed_on)].append(c)
    measure = Measure(label="知情告知", label_en="Informed consent")
    for v in own_shots_between(rows, ctx.sample_start, ctx.sample_end):
        measure.examined += 1
        consents = by_key.get((v.child_id, v.vaccine, v.given_on), [])
        if not consents:
            measure.findings.append(Finding(f"{v.given_on} {v.vaccine} 接种无知情告知记录",
                                            (Evidence("vaccination", v.id),), en.no_consent, v))
        elif not any(c.method != "written" or c.signed for c in consents):
            measure.findings.append(Finding(f"{v.given_on} {v.vaccine} 书面告知未签字",
                                            (Evidence("vaccination", v.id), Evidence("consent", consents[0].id)),
                                            en.consent_unsigned, v))
    measure.denominator = measure.examined
    measure.numerator = measure.examined - len(measure.findings)
    return measure


def late_entry(rows: UnitRows, ctx: Context) -> Measure:
    """Vaccinations entered more than 5 days after they were given."""
    measure = Measure(label="接种信息补录及时", label_en="Timely data entry")
    for v in own_shots_between(rows, ctx.start, ctx.end):
        measure.examined += 1
        entered = county_day(v.corrected_at, ctx.utc_offset)
        if entered is not None and (entered - v.given_on).days > LATE_ENTRY_DAYS:
            measure.findings.append(Finding(f"{v.given_on} {v.vaccine} 接种于{entered}才录入（超过5日）",
                                            (Evidence("vaccination", v.id),), en.entered_late,
                                            (v.given_on, v.vaccine, entered)))
    return measure

"""QC metrics over plain rows (no Flask, no db): each turns one unit's rows for a period into a Measure.

The services layer (webapp/services/scoring/rows.py) fetches the rows with a few grouped queries and calls these.
Every metric is defined in its module's docstring and in docs/scoring.md.
"""

METRICS = {
    "precheck_completeness": "pre-check records in the period; each incomplete one (a QC field missing) is a finding",
    "consent_matching": "vaccinations of the sampled month without a matching, signed consent",
    "concordance_sample": "sampled children whose pre-checks, vaccinations and certificate do not match",
    "aefi_completeness": "incomplete AEFI reports and ended months with neither a report nor a zero report",
    "aefi_no_report_year": "a year (to the period's end) without any AEFI report",
    "certificate_rate": "建证率: registry children resident ≥ 3 months with a certificate number",
    "coverage": "实种/应种 per vaccine dose in the period, doses judged by the schedule engine (domain.md §1.5)",
    "coverage_12m": "12-month primary coverage of the five original vaccines for children turning 1 in the period",
    "schedule_errors": "vaccinations the schedule engine does not count (too young, too soon after the previous dose)",
    "timely_hepb1": "children born in the period with HepB1 ≤ birth + 1 day",
    "hbsag_screening": "children born in the period whose mother's HBsAg status is known",
    "migrant_register": "the migrant-children register: present, and each migrant child fully registered",
    "school_register_units": "schools of the unit without an entry check batch in the period",
    "school_register_fields": "student checks with a QC field missing",
    "school_catch_up": "students needing catch-up not referred, not caught up within 30 days, or not rechecked",
    "late_entry": "vaccinations entered more than 5 days after they were given",
    "child_changes": "children moved out or deceased in the period; changes recorded more than 30 days late",
    "vaccine_coverage": "实种/应种 per vaccine and birth year over the doses due by the period's last day",
    "survey_coverage": "实种/应种 per dose group on the village survey's children, on the survey day",
    "survey_coverage_12m": "the five original vaccines by 12 months on the surveyed children aged ≥ 12 months",
    "survey_unvaccinated": "surveyed children with a dose due by the survey day and not given",
    "survey_concordance": "certificate ↔ registry dose discrepancies of surveyed children with both",
    "survey_card_rate": "漏卡: surveyed children resident more than 3 months without a registry record",
    "survey_certificate_rate": "建证率 on the surveyed children resident more than 3 months",
    "survey_bcg_scar": "卡痕阳转率 on the surveyed children checked for a BCG scar",
    "hepb_ledger": "HepB lots counted in the period whose last count differs from the book (苗账不符)",
    "stock_system_match": "vaccines with a lot counted in the period's second half that differs from the book",
    "stock_records": "receipts, issues and returns of the period lacking a field of a complete 领发记录",
    "cold_chain_gaps": "missing reading slots of the unit's appliances; an appliance-month without any reading",
    "cold_chain_logs": "appliances whose temperature log misses a slot or an excursion's action",
    "survey_schedule_errors": "the surveyed children's doses the schedule engine does not count (三.4)",
}
SURVEY_METRICS = tuple(name for name in METRICS if name.startswith("survey_"))


# What each metric reads of a unit's rows: record kinds (the UnitRows list of ROW_LISTS), "stock" (the unit's stock
# movements and its own doses as the stock sees them, marked by both kinds), "equipment" (the unit's cold-chain
# register, digested as the schools are), "registry" (the registry
# children's schedule views, which read their doses in any unit), "schools" (the unit's schools) and "survey" (the
# unit's surveys with their children, each linked registry child's doses in any unit: marked by the unit's surveys,
# surveyed children and children and every unit's doses). A stored
# measure is reused while none of them changed (services/scoring/stored_measures.py);
# tests/services/scoring/test_stored_measures.py checks each metric reads nothing else.
SOURCES = {
    "precheck_completeness": frozenset({"precheck", "child"}),
    "consent_matching": frozenset({"consent", "vaccination"}),
    "concordance_sample": frozenset({"precheck", "vaccination", "child"}),
    "aefi_completeness": frozenset({"aefi_report", "aefi_zero_report"}),
    "aefi_no_report_year": frozenset({"aefi_report"}),
    "certificate_rate": frozenset({"child"}),
    "coverage": frozenset({"child", "registry"}),
    "coverage_12m": frozenset({"child", "registry"}),
    "schedule_errors": frozenset({"vaccination", "registry"}),
    "timely_hepb1": frozenset({"child", "registry"}),
    "hbsag_screening": frozenset({"child"}),
    "migrant_register": frozenset({"child"}),
    "school_register_units": frozenset({"schools", "school_check"}),
    "school_register_fields": frozenset({"school_check", "student_check"}),
    "school_catch_up": frozenset({"school_check", "student_check"}),
    "late_entry": frozenset({"vaccination"}),
    "child_changes": frozenset({"child"}),
    "vaccine_coverage": frozenset({"child", "registry"}),
    **{name: frozenset({"survey"}) for name in SURVEY_METRICS},
    "hepb_ledger": frozenset({"stock"}),
    "stock_system_match": frozenset({"stock"}),
    "stock_records": frozenset({"stock"}),
    "cold_chain_gaps": frozenset({"temperature_reading", "equipment"}),
    "cold_chain_logs": frozenset({"temperature_reading", "equipment"}),
}
# Which of a source's records a metric reads, by event date (records.md: a child's birth, a pre-check's visit, a
# dose's given_on, a consent's signing, an AEFI onset, a zero report's first day, a school batch's start, which its
# student checks share): a span of the context (context.span); a source not named here is read whole. "registry"
# is the views on the last day, so children born and doses given by then. The stored measures mark each source
# month by month, so a record outside every span a measure reads leaves it standing; the test beside SOURCES's
# checks each metric ignores what lies outside its spans.
SPANS = {
    "precheck_completeness": {"precheck": "period", "child": "to_last_day"},
    "consent_matching": {"consent": "sample", "vaccination": "sample"},
    "concordance_sample": {"precheck": "period", "vaccination": "period"},
    "aefi_completeness": {"aefi_report": "aefi_year", "aefi_zero_report": "zero_year"},
    "aefi_no_report_year": {"aefi_report": "aefi_year"},
    "certificate_rate": {"child": "to_last_day"},
    "coverage": {"child": "to_last_day", "registry": "to_last_day"},
    "coverage_12m": {"child": "to_last_day", "registry": "to_last_day"},
    "schedule_errors": {"vaccination": "period", "registry": "to_last_day"},
    "timely_hepb1": {"child": "period", "registry": "to_last_day"},
    "hbsag_screening": {"child": "period"},
    "migrant_register": {},
    "school_register_units": {"school_check": "period"},
    "school_register_fields": {"school_check": "period", "student_check": "period"},
    "school_catch_up": {"school_check": "period", "student_check": "period"},
    "late_entry": {"vaccination": "period"},
    "child_changes": {},
    "vaccine_coverage": {"child": "to_last_day", "registry": "to_last_day"},
    **{name: {} for name in SURVEY_METRICS},  # a survey is picked by its period, whatever its date: read whole
    "hepb_ledger": {"stock": "to_last_day"},  # a count's book adds every movement and dose before it
    "stock_system_match": {"stock": "to_last_day"},
    "stock_records": {"stock": "period"},
    "cold_chain_gaps": {"temperature_reading": "to_last_day"},  # the first reading says when the unit began
    "cold_chain_logs": {"temperature_reading": "to_last_day"},
}
ROW_LISTS = {"child": "children", "vaccination": "vaccinations", "precheck": "prechecks", "consent": "consents",
             "aefi_report": "aefi_reports", "aefi_zero_report": "zero_reports", "school_check": "school_checks",
             "student_check": "student_checks", "schools": "schools", "survey": "surveys", "stock": "stock",
             "temperature_reading": "readings", "equipment": "equipment"}


def metric_functions() -> dict:
    """name → function(rows: UnitRows, ctx: Context) -> Measure, for every metric above."""
    from webapp.domain.metrics import (
        aefi,
        capture,
        cohort,
        cold_chain,
        concordance,
        coverage,
        registry,
        schools,
        stock,
        survey,
        survey_records,
    )

    modules = (aefi, capture, cohort, concordance, coverage, registry, schools, survey, survey_records, stock,
               cold_chain)
    return {name: getattr(next(m for m in modules if hasattr(m, name)), name) for name in METRICS}

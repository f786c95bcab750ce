"""The metrics' findings in English: dose-group labels and one function per kind of finding.

A finding keeps its Chinese reason (zh-CN is the default of every screen) and points at one of these texts or
functions with the value it needs (a tuple when several), so English is formatted only when an English reader asks
(`Finding.reason_for`). The coverage findings (tens of thousands a county-year) use one function per dose group,
so each finding stores only its due day.
Record fields are named as the phone app names them (domain/field_names.py), in each language.
The schedule engine's reasons (schedule_errors) are its own messages in English, kept in the stored views beside
the Chinese ones (coverage.dose_status).
"""

import re

from webapp.domain.field_names import field_names

GROUP_LABELS_EN = {
    "HepB-1": "HepB dose 1", "HepB-2": "HepB dose 2", "HepB-3": "HepB dose 3", "BCG-1": "BCG",
    "Polio-1": "Polio dose 1", "Polio-2": "Polio dose 2", "Polio-3": "Polio dose 3", "Polio-4": "Polio dose 4",
    "DTP-1": "DTaP dose 1", "DTP-2": "DTaP dose 2", "DTP-3": "DTaP dose 3", "DTP-4": "DTaP dose 4",
    "DT-1": "DT/DTaP at 6 years", "MCV-1": "Measles-containing vaccine dose 1",
    "MCV-2": "Measles-containing vaccine dose 2", "JE-1": "JE dose 1", "JE-2": "JE dose 2",
    "MenA-1": "MPSV-A dose 1", "MenA-2": "MPSV-A dose 2", "MenAC-1": "MPSV-AC dose 1", "MenAC-2": "MPSV-AC dose 2",
    "HepA-1": "HepA",
}


def vaccine_label(group: str) -> str:
    """The vaccine of a dose group as the English pages name its doses (`Polio-3` → Polio, `DTP-2` → DTaP, `DT-1` →
    DT, `MenA-1` → MPSV-A), for text that counts doses by vaccine."""
    if group.startswith("DT-"):
        return "DT"
    return re.sub(r" dose \d+$", "", GROUP_LABELS_EN[group])


def by_12_months_label(group: str) -> str:
    """The label of a dose group counted at 12 months of age (coverage_12m)."""
    return f"{GROUP_LABELS_EN[group]} by 12 months"


def _dose_missed(label: str):
    return lambda due: f"{label} due but not given (due from {due})"


# a due child without the dose (coverage), per dose group: a function of the day the dose fell due
DOSE_MISSED = {group: _dose_missed(label) for group, label in GROUP_LABELS_EN.items()}
# a child of the cohort without the dose before the first birthday (coverage_12m), per dose group
NOT_BY_12_MONTHS = {group: f"{label} not completed by 12 months of age" for group, label in GROUP_LABELS_EN.items()}


def precheck_incomplete(row) -> str:
    """A pre-check row (visit_date, qc_missing "a,b") with QC fields missing; the row itself, no new tuple."""
    return f"Pre-vaccination screening {row.visit_date} incomplete: {field_names(row.qc_missing.split(','), 'en')}"


def no_consent(row) -> str:
    """A vaccination row (given_on, vaccine) without a matching consent."""
    return f"{row.given_on} {row.vaccine}: no informed consent record"


def consent_unsigned(row) -> str:
    """A vaccination row (given_on, vaccine) whose matching written consent is not signed."""
    return f"{row.given_on} {row.vaccine}: written consent not signed"


def entered_late(values) -> str:
    """A vaccination entered more than 5 days after it was given: (given on, vaccine, entered on)."""
    given_on, vaccine, entered = values
    return f"{given_on} {vaccine} entered only on {entered} (more than 5 days later)"


def planned_not_given(values) -> str:
    """A planned dose of a pre-check missing from the vaccination register (concordance): (day, vaccine, dose)."""
    visit_date, vaccine, dose = values
    return f"Pre-vaccination screening {visit_date} planned {vaccine} dose {dose}, not in the vaccination register"


def given_without_precheck(shot) -> str:
    """A vaccination (given on, vaccine) without a pre-check of the day (concordance)."""
    return f"{shot[0]} {shot[1]} given without pre-vaccination screening"


NO_CERTIFICATE_NO = "No vaccination certificate number"


def child_problems(parts) -> str:
    """A sampled child's problems (concordance): each part an English text or (function, its value)."""
    return "; ".join(p if isinstance(p, str) else p[0](p[1]) for p in parts)


def aefi_incomplete(missing) -> str:
    """An AEFI case report with these QC fields missing."""
    return f"AEFI case report incomplete: {field_names(missing, 'en')}"


def aefi_silent_month(month: str) -> str:
    """A month with neither an AEFI report nor a zero report."""
    return f"{month}: neither an AEFI report nor a zero report (not reported)"


def aefi_none_in_year(days) -> str:
    """A year (from 1 January to the period's last day) without any AEFI report."""
    first, last = days
    return f"No suspected AEFI report in {first.year} from {first:%m-%d} to {last:%m-%d}"


def no_certificate(birth_date) -> str:
    """A resident child without a vaccination certificate."""
    return f"Child born {birth_date} has no vaccination certificate"


def migrant_incomplete(missing) -> str:
    """A migrant child registered without these fields."""
    return f"Migrant child registration incomplete: {field_names(missing, 'en')}"


HBSAG_UNSCREENED = "Mother's HBsAg not screened"


def hepb1_late(days) -> str:
    """A child born in the period without a timely HepB birth dose: (birth date, day given or None)."""
    birth_date, given = days
    return f"Born {birth_date}, HepB dose 1 {'not given' if given is None else f'given {given}'}"


def school_unchecked(school) -> str:
    """A school (name, code) of the unit without an entry check batch in the period."""
    return f"{school[0]} ({school[1]}): no school-entry certificate check registered"


STUDENT_NO_GUARDIAN_PHONE = "Student check register lacks the guardian's phone"
CATCH_UP_NO_NOTICE = "Missing doses without a catch-up notice"
CATCH_UP_LATE = "Catch-up not completed within 30 days of the notice"
CATCH_UP_NOT_RECHECKED = "Not rechecked by 31 December"


def change_late(values) -> str:
    """A change of status recorded late: (day it happened, status, day recorded)."""
    status_on, status, recorded = values
    word = "moved out" if status == "moved_out" else "died"
    return f"{word.capitalize()} on {status_on}, recorded only on {recorded} (more than 30 days later)"

"""Plain rows for metric tests (the services pass SQL rows with the same attributes)."""

from datetime import date, datetime, time
from types import SimpleNamespace as Row

from webapp.domain.constants import SCREENING_QUESTIONS as QUESTIONS
from webapp.domain.metrics.capture import qc_missing
from webapp.domain.metrics.context import Context

YES_NO = {q: "no" for q in QUESTIONS}


def d(text):
    return date.fromisoformat(text)


def child(id, birth, residence="local", certificate_no="C1", registered_on=None, mother_hbsag="negative", **kw):
    values = dict(id=id, birth_date=d(birth), residence=residence, certificate_no=certificate_no,
                  guardian_name="家长", guardian_phone="13800000000", village_code="V01", mother_hbsag=mother_hbsag,
                  registered_on=d(registered_on) if registered_on else d(birth), status="active", status_on=None,
                  resident_since=None, status_recorded_on=None)
    values.update(kw)
    for key in ("status_on", "resident_since", "status_recorded_on"):
        if isinstance(values[key], str):
            values[key] = d(values[key])
    return Row(**values)


def shot(id, child_id, vaccine, dose, given, unit="U01", precheck_id=None, entered=None):
    return Row(id=id, child_id=child_id, vaccine=vaccine, dose=dose, given_on=d(given), unit_code=unit,
               precheck_id=precheck_id,
               corrected_at=datetime.combine(d(entered or given), time(2, 0)))  # 10:00 in the county (UTC+8)


def precheck(id, child_id, visit, planned=(), decision="vaccinate", temperature_c=36.5, decision_note=None, **answers):
    data = {"visit_date": visit, "planned": list(planned), "decision": decision, "temperature_c": temperature_c,
            "decision_note": decision_note, "answers": {**YES_NO, **answers}}
    return Row(id=id, child_id=child_id, visit_date=d(visit), planned=list(planned), decision=decision,
               qc_missing=qc_missing("precheck", data))  # projected as services/sync/records.py does on write


def year_2026(**kw):
    return Context(start=d("2026-01-01"), end=d("2027-01-01"), today=d("2027-02-01"), **kw)

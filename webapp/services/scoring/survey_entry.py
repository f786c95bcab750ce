"""The survey pages' forms as survey records (records.md), and the survey records a user may read or write.

Forms are plain mappings (request.form); the records they make go through the sync pipeline (survey_work.write),
which checks them exactly as it checks a phone's, so errors come back per field in the user's language.
"""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Record
from webapp.services.scope import may_write_unit, unit_codes_for

# the certificate grid: product → the most doses a certificate shows of it (dose numbers follow the dates)
GRID = (("HepB", 3), ("BCG", 1), ("IPV", 2), ("bOPV", 2), ("DTaP", 4), ("DT", 1), ("MMR", 2), ("JE-L", 2),
        ("JE-I", 4), ("MPSV-A", 2), ("MPSV-AC", 2), ("HepA-L", 1), ("HepA-I", 2))


def readable_survey_record(user, record_id: str, kind: str, write: bool = False):
    """The survey (or surveyed child) when the user's scope covers its unit (and may write there); else None."""
    record = db.session.get(Record, record_id)
    if record is None or record.deleted or record.kind != kind or record.unit_code not in unit_codes_for(user):
        return None
    return record if not write or may_write_unit(user, record.unit_code) else None


def county_surveys(user) -> list:
    """The surveys of the user's units, newest first."""
    return db.session.execute(select(Record).where(
        Record.kind == "survey", Record.deleted.is_(False), Record.unit_code.in_(unit_codes_for(user)))
        .order_by(Record.event_date.desc(), Record.id)).scalars().all()


def surveyed_children(survey_id: str) -> list:
    """The survey's children, in the order they were added."""
    return db.session.execute(select(Record).where(
        Record.kind == "survey_child", Record.deleted.is_(False), Record.parent_id == survey_id)
        .order_by(Record.received_at, Record.id)).scalars().all()


def grid_cells(doses) -> dict:
    """(product, n) → the date of its n-th dose by date, from a certificate's doses, for the grid."""
    by_product = {}
    for dose in sorted(doses or [], key=lambda d: d.get("date") or ""):
        by_product.setdefault(dose.get("vaccine"), []).append(dose.get("date"))
    return {(v, i + 1): day for v, days in by_product.items() for i, day in enumerate(days)}


def doses_from_form(form) -> tuple[list, dict]:
    """The grid's filled cells as certificate doses (by date), and errors naming the cell."""
    doses, errors = [], {}
    for vaccine, most in GRID:
        for n in range(1, most + 1):
            value = (form.get(f"dose-{vaccine}-{n}") or "").strip()
            if not value:
                continue
            try:
                doses.append({"vaccine": vaccine, "date": date.fromisoformat(value).isoformat()})
            except ValueError:
                errors[f"dose-{vaccine}-{n}"] = [_("日期无效，应为 YYYY-MM-DD")]
    return sorted(doses, key=lambda d: (d["date"], d["vaccine"])), errors


def child_from_form(form, stored: dict) -> tuple[dict, dict]:
    """A surveyed child's new data from the entry form (certificate, residence, BCG scar, doses, note)."""
    doses, errors = doses_from_form(form)
    data = {**stored, "certificate": form.get("certificate") or stored.get("certificate"),
            "bcg_scar": form.get("bcg_scar") or None, "resident_since": (form.get("resident_since") or "").strip()
            or None, "note": (form.get("note") or "").strip() or None,
            "doses": doses if form.get("certificate") == "present" else []}
    return {k: v for k, v in data.items() if v is not None}, errors


def new_child_from_form(form, survey: Record) -> dict:
    """A child found in the village whom the registry does not know (漏卡)."""
    data = {"survey_id": survey.id, "unit_code": survey.unit_code, "child_id": None,
            "name": (form.get("name") or "").strip(), "sex": form.get("sex") or "",
            "birth_date": (form.get("birth_date") or "").strip(), "certificate": form.get("certificate") or "present",
            "doses": [], "resident_since": (form.get("resident_since") or "").strip() or None}
    return {k: v for k, v in data.items() if v is not None or k == "child_id"}

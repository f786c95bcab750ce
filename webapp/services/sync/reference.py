"""The reference data a device pulls for its county: units, villages, schools, the county's settings (its zero-report
cadence and time zone), vaccines, notices, schedules, fields, and the plans a village survey serves (their cohort).

Each piece is a pull change {"kind", "id", "rev": 1, "deleted": false, "data"}; the whole set has a digest
that pull cursors carry, so a device gets the set again only when something in it changed, and gets
tombstones for what disappeared (webapp/models/sync.py `ReferenceSnapshot`).
"""

import hashlib
import json
from functools import cache

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from webapp.extensions import db
from webapp.models import Equipment, School, Township, Unit, Village
from webapp.models.sync import ReferenceSnapshot
from webapp.schemas.records.fields import field_rules
from webapp.services.aefi.settings import aefi_settings
from webapp.services.reference_data import consent_templates, schedule_versions, vaccine_catalogue
from webapp.services.scoring.rubrics import templates
from webapp.services.scoring.survey import uses_survey
from webapp.services.scoring.survey_work import survey_cohort


def _change(kind: str, key: str, data: dict) -> dict:
    return {"kind": kind, "id": key, "rev": 1, "deleted": False, "data": data}


def _organisation(county_code: str | None) -> list[dict]:
    units = db.session.execute(
        select(Unit, Township.name).join(Township, Unit.township_code == Township.code)
        .where(Township.county_code == county_code).order_by(Unit.code)).all()
    unit_codes = [u.code for u, _ in units]
    out = [_change("unit", u.code, {"code": u.code, "name": u.name, "kind": u.kind, "township_code": u.township_code,
                                    "township_name": town, "active": u.active, "address": u.address or "",
                                    "hours": u.hours or ""}) for u, town in units]
    villages = db.session.execute(select(Village).where(Village.unit_code.in_(unit_codes))
                                  .order_by(Village.code)).scalars()
    out += [_change("village", v.code, {"code": v.code, "name": v.name, "unit_code": v.unit_code}) for v in villages]
    schools = db.session.execute(select(School).join(Township, School.township_code == Township.code)
                                 .where(Township.county_code == county_code).order_by(School.code)).scalars()
    out += [_change("school", s.code, {"code": s.code, "name": s.name, "kind": s.kind,
                                       "township_code": s.township_code, "unit_code": s.unit_code}) for s in schools]
    return out + _equipment(unit_codes) + [county_settings(county_code)]


def _equipment(unit_codes: list[str]) -> list[dict]:
    """The cold-chain register of the county's units (active appliances only)."""
    rows = db.session.execute(select(Equipment).where(Equipment.unit_code.in_(unit_codes), Equipment.active)
                              .order_by(Equipment.code)).scalars()
    return [_change("equipment", e.code, {"code": e.code, "name": e.name, "unit_code": e.unit_code, "kind": e.kind,
                                          "range_min": e.range_min, "range_max": e.range_max,
                                          "readings_per_day": e.readings_per_day}) for e in rows]


def county_settings(county_code: str | None) -> dict:
    """The county settings a phone needs offline: the zero-report cadence (its periods) and the county time zone."""
    settings = aefi_settings()
    return _change("county_settings", county_code or "county", {"zero_report_cadence": settings.cadence,
                                                                "timezone": settings.timezone})


@cache
def catalogue_changes() -> tuple[list[dict], str]:
    """Vaccines, consent notice versions, schedule versions and the field rules, as pull changes, with their
    digest (all shipped with the server, so computed once per process)."""
    out = [_change("vaccine", v["code"], v) for v in vaccine_catalogue()["vaccines"]]
    for template in consent_templates():
        for version in template["versions"]:
            out.append(_change("consent_template", f"{template['id']}@{version['version']}",
                               {"template": template["id"], "vaccines": template["vaccines"], **version}))
    out += [_change("schedule", s["id"], s["data"]) for s in schedule_versions()]
    out.append(_change("fields", "record-fields", field_rules()))
    return out, _digest(out)


def _digest(changes: list[dict]) -> str:
    text = json.dumps(changes, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def survey_templates() -> list[dict]:
    """The plans with a village survey section (范本1 三), with the survey's cohort in months of age on the survey day:
    what a county user's device needs to start a survey offline (the same cohort the server pages use)."""
    out = []
    for template in sorted(templates().values(), key=lambda t: t.id):
        if any(uses_survey(part) for part in template.parts):
            low, high = survey_cohort(template)
            out.append(_change("survey_template", template.id, {"id": template.id, "title": template.title,
                                                                "title_en": template.title_en or template.title,
                                                                "cohort_months": [low, high]}))
    return out


def reference_changes(county_code: str | None) -> tuple[list[dict], str]:
    """Every reference change for a county and the digest of the whole set."""
    organisation = _organisation(county_code) + survey_templates()
    catalogue, catalogue_digest = catalogue_changes()
    digest = hashlib.sha256((_digest(organisation) + catalogue_digest).encode()).hexdigest()
    return organisation + catalogue, digest


def keys_of(changes: list[dict]) -> list[str]:
    """The "kind:id" keys of a set of changes."""
    return sorted(f"{c['kind']}:{c['id']}" for c in changes)


def remember_snapshot(digest: str, changes: list[dict]) -> None:
    """Keep the keys of a reference set (best effort: a pull never fails because this could not be stored)."""
    if db.session.get(ReferenceSnapshot, digest) is not None:
        return
    try:
        with db.session.begin_nested():
            db.session.add(ReferenceSnapshot(digest=digest, keys=keys_of(changes)))
    except DBAPIError:
        return


def reference_tombstones(old_digest: str | None, changes: list[dict]) -> list[dict]:
    """Tombstones for reference items that were in the set a device last pulled and are gone now."""
    old = db.session.get(ReferenceSnapshot, old_digest) if old_digest else None
    if old is None:
        return []
    gone = set(old.keys) - set(keys_of(changes))
    return [{"kind": key.split(":", 1)[0], "id": key.split(":", 1)[1], "rev": 1, "deleted": True, "data": None}
            for key in sorted(gone)]

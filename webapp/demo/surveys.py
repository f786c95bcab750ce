"""Demo village surveys (范本1 五.1(1)): one per township unit with villages, for H1 (in July) and H2 (in October).

The county assessor draws a village at random, surveys 21–29 registry children of the plan's cohort living there
(filled from the unit's other villages when the village has too few) and one or two children the registry does
not know (漏卡), copies their certificates (now and then a dose missing, one the registry lacks, or another day;
more often in 大井镇 U04, the sloppiest unit) and checks BCG scars. Deterministic (its own Random per unit and half,
fixed ids) and idempotent (a survey of the unit and period stops it); written through the sync pipeline.
"""

import hashlib
import random
import uuid
from datetime import date

from sqlalchemy import select

from webapp.demo.records import GIVEN, SURNAMES
from webapp.demo.schools import add_months, routine_doses
from webapp.extensions import db
from webapp.models import Record, User
from webapp.services import county
from webapp.services.scoring.rubrics import get_template
from webapp.services.scoring.survey_work import (
    cohort_dates,
    draw_village,
    registry_children,
    registry_doses,
    survey_cohort,
    write,
)

TEMPLATE = "county-plan-2014"
HALVES = {"H1": (7, 15), "H2": (10, 15)}  # the plan's assessment months (六: July and October)
SLOPPY = {"U04": 0.12}  # share of certificates with a discrepancy; 0.04 elsewhere


def _id(*parts) -> str:
    digest = hashlib.md5(":".join(("immuqc-demo-survey", *parts)).encode()).digest()  # noqa: S324
    return str(uuid.UUID(bytes=digest, version=4))


def seed_surveys_demo(rng: random.Random) -> list[str]:
    """One survey per unit with villages and half-year already assessed this year; idempotent."""
    assessor = db.session.execute(select(User).where(User.username == "demo-county")).scalar_one_or_none()
    if assessor is None:
        return []
    today, out = county.today(), []
    cohort = survey_cohort(get_template(TEMPLATE))
    for unit in ("U01", "U02", "U03", "U04"):
        for half, (month, day) in HALVES.items():
            on = date(today.year, month, day)
            if on <= today and not _has_survey(unit, f"{today.year}-{half}"):
                out += _survey(random.Random(f"{unit}{today.year}{half}"), assessor, unit, f"{today.year}-{half}",
                               on, cohort)
    return out


def _has_survey(unit: str, period: str) -> bool:
    return db.session.execute(select(Record.id).where(Record.kind == "survey", Record.unit_code == unit,
                                                      Record.period == period)).first() is not None


def _survey(rng, assessor, unit, period, on, cohort) -> list[str]:
    village = draw_village(unit, rng)
    if village is None:
        return []  # a county clinic without a catchment of its own
    born_from, born_to = cohort_dates(cohort, on)
    survey_id = _id(unit, period)
    survey = {"unit_code": unit, "village_code": village, "template": TEMPLATE, "period": period,
              "cohort_from": born_from.isoformat(), "cohort_to": born_to.isoformat(), "village_drawn": "random",
              "surveyed_on": on.isoformat(), "assessor": assessor.display_name or assessor.username}
    _ok(write(assessor, "survey", survey, survey_id, on=on))
    kids = _children(rng, unit, village, born_from, born_to)
    doses = registry_doses([k.id for k in kids])
    for n, kid in enumerate(kids):
        _ok(write(assessor, "survey_child", _copied(rng, survey, survey_id, kid, doses.get(kid.id, []), unit),
                  _id(unit, period, str(n)), on=on))
    for n in range(rng.choice((1, 1, 2))):
        _ok(write(assessor, "survey_child", _unregistered(rng, survey, survey_id, born_from, born_to, on),
                  _id(unit, period, f"new{n}"), on=on))
    return [f"created survey {unit} {period} village {village}: {len(kids)} registry children and 漏卡"]


def _children(rng, unit, village, born_from, born_to) -> list:
    """21–29 registry children of the cohort in the village, filled from the unit's other villages."""
    wanted = rng.randint(21, 29)
    found = registry_children(unit, village, born_from, born_to)
    if len(found) < wanted:
        others = [r for r in registry_children(unit, None, born_from, born_to) if r.village != village]
        found += rng.sample(others, min(len(others), wanted - len(found)))
    return rng.sample(found, wanted) if len(found) > wanted else found


def _copied(rng, survey, survey_id, kid, doses, unit) -> dict:
    """A registry child's certificate as the assessor copies it, now and then not agreeing with the registry."""
    child = kid.data
    certificate = [dict(d) for d in doses if d["date"] <= survey["surveyed_on"]]
    if certificate and rng.random() < SLOPPY.get(unit, 0.04):
        i = rng.randrange(len(certificate))
        change = rng.choice(("drop", "date"))
        if change == "drop":
            certificate.pop(i)
        else:
            certificate[i]["date"] = max(child["birth_date"], _shift(certificate[i]["date"], -2))
    present = rng.random() > 0.03
    return {"survey_id": survey_id, "unit_code": unit, "child_id": kid.id, "name": child["name"], "sex": child["sex"],
            "birth_date": child["birth_date"], "resident_since": child["birth_date"],
            "certificate": "present" if present else "absent", "doses": certificate if present else [],
            "bcg_scar": _scar(rng, doses)}


def _unregistered(rng, survey, survey_id, born_from, born_to, on) -> dict:
    """A child who moved into the village at 6 months and whom the registry does not know (漏卡), vaccinated on
    time elsewhere."""
    birth = date.fromordinal(rng.randint(born_from.toordinal(), born_to.toordinal()))
    return {"survey_id": survey_id, "unit_code": survey["unit_code"], "child_id": None,
            "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), "sex": rng.choice("MF"),
            "birth_date": birth.isoformat(), "resident_since": add_months(birth, 6).isoformat(),
            "certificate": "present", "doses": routine_doses(birth, on), "bcg_scar": "yes",
            "note": "外地出生，随父母来村居住"}


def _scar(rng, doses) -> str:
    if not any(d["vaccine"] == "BCG" for d in doses):
        return "not_applicable"
    return "no" if rng.random() < 0.04 else "yes"


def _shift(day: str, days: int) -> str:
    return date.fromordinal(date.fromisoformat(day).toordinal() + days).isoformat()


def _ok(result: dict) -> None:
    if result["status"] not in ("created", "duplicate"):
        raise RuntimeError(f"demo survey record refused: {result}")

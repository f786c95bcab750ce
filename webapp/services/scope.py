"""Scope: which units, schools and counties a user may read and write."""


from sqlalchemy import select

from webapp.extensions import db
from webapp.models import County, School, Township, Unit


def county_of_unit(unit_code: str) -> str | None:
    """The county code a unit belongs to."""
    return db.session.execute(
        select(Township.county_code).join(Unit, Unit.township_code == Township.code).where(Unit.code == unit_code)
    ).scalar_one_or_none()


def units_of_county(county_code: str) -> list[str]:
    """Every unit code in a county."""
    return list(db.session.execute(
        select(Unit.code).join(Township, Unit.township_code == Township.code)
        .where(Township.county_code == county_code)
    ).scalars())


def schools_of_county(county_code: str) -> list[str]:
    """Every school code in a county."""
    return list(db.session.execute(
        select(School.code).join(Township, School.township_code == Township.code)
        .where(Township.county_code == county_code)
    ).scalars())


def unit_codes_for(user) -> list[str]:
    """Units whose records the user may read."""
    if user.role == "nurse":
        return [user.scope_code]
    if user.role == "school":
        school = db.session.get(School, user.scope_code)
        return [school.unit_code] if school else []
    return units_of_county(user.scope_code)


def school_codes_for(user) -> list[str]:
    """Schools whose checks the user may read."""
    if user.role == "school":
        return [user.scope_code]
    if user.role == "nurse":
        return list(db.session.execute(select(School.code).where(School.unit_code == user.scope_code)).scalars())
    return schools_of_county(user.scope_code)


def county_code_for(user) -> str | None:
    """The county the user belongs to, whatever the role."""
    if user.role in ("county", "admin"):
        return user.scope_code
    if user.role == "nurse":
        return county_of_unit(user.scope_code)
    school = db.session.get(School, user.scope_code)
    return county_of_unit(school.unit_code) if school else None


def may_write_unit(user, unit_code: str) -> bool:
    """Nurses write only in their own unit; county users and admins in their county."""
    if user.role == "nurse":
        return unit_code == user.scope_code
    if user.role in ("county", "admin"):
        return county_of_unit(unit_code) == user.scope_code
    return False


def may_read_unit(user, unit_code: str) -> bool:
    """A unit is readable when it is among the user's units."""
    return unit_code in unit_codes_for(user)




def place_name(code: str | None) -> str:
    """A unit, school, township or county by name (its code when none has it), for pages that list codes."""
    if not code:
        return ""
    for model in (Unit, School, Township, County):
        found = db.session.get(model, code)
        if found is not None:
            return found.name
    return code

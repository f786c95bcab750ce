"""Read-side helpers for the admin pages: what lies inside one county."""

from sqlalchemy import or_, select

from webapp.extensions import db
from webapp.models import County, Township, Unit, User
from webapp.services.admin.org import MODELS
from webapp.services.scope import county_code_for, schools_of_county, units_of_county


def county_entities(entity: str, county: str) -> list:
    """Every entity of a kind inside a county, ordered by code."""
    model = MODELS[entity]
    query = select(model).order_by(model.code)
    if entity == "township":
        query = query.where(Township.county_code == county)
    elif entity in ("unit", "school"):
        query = query.join(Township, model.township_code == Township.code).where(Township.county_code == county)
    elif entity in ("village", "equipment"):
        query = query.where(model.unit_code.in_(units_of_county(county)))
    return list(db.session.execute(query).scalars())


def entity_in_county(entity: str, row, county: str) -> bool:
    """True when an entity belongs to the county."""
    if row is None:
        return False
    if entity == "township":
        return row.county_code == county
    if entity in ("unit", "school"):
        town = db.session.get(Township, row.township_code)
        return town is not None and town.county_code == county
    unit = db.session.get(Unit, row.unit_code)
    return unit is not None and entity_in_county("unit", unit, county)


def county_users(county: str) -> list[User]:
    """Users whose scope lies inside the county."""
    units, schools = units_of_county(county), schools_of_county(county)
    return list(db.session.execute(select(User).where(or_(
        (User.role.in_(("county", "admin"))) & (User.scope_code == county),
        (User.role == "nurse") & (User.scope_code.in_(units)),
        (User.role == "school") & (User.scope_code.in_(schools)),
    )).order_by(User.username)).scalars())


def user_in_county(user: User | None, county: str) -> bool:
    """True when a user's scope lies inside the county (one lookup, not a listing of the county's users)."""
    return user is not None and county_code_for(user) == county


def org_names(county: str) -> dict:
    """code → name of the county, its townships and its units (the admin lists show names beside codes)."""
    out = {c.code: c.name for c in db.session.execute(select(County).where(County.code == county)).scalars()}
    out.update({t.code: t.name for t in county_entities("township", county)})
    out.update({u.code: u.name for u in county_entities("unit", county)})
    return out


def scope_names(county: str) -> dict:
    """code → name of everything a user's scope may be in the county: the county, its townships, units and schools."""
    out = org_names(county)
    out.update({s.code: s.name for s in county_entities("school", county)})
    return out

"""The county organisation: county → township → vaccination unit → villages; schools."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db

UNIT_KINDS = ("township_station", "county_clinic", "maternity_point")
SCHOOL_KINDS = ("childcare", "kindergarten", "primary")


class County(db.Model):
    """A county (县): the top of the organisation and the scope of county users."""

    __tablename__ = "counties"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class Township(db.Model):
    """A township (乡镇) inside a county."""

    __tablename__ = "townships"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    county_code: Mapped[str] = mapped_column(ForeignKey("counties.code"), index=True)


class Unit(db.Model):
    """A vaccination unit (接种单位): township station 防保站, county clinic 免疫门诊 or maternity point 产科接种点.

    `address` and `hours` (its vaccination days and times) are what a guardian needs to get there: the school's
    补种通知单 prints them (pulled with the unit's reference data)."""

    __tablename__ = "units"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(32))
    township_code: Mapped[str] = mapped_column(ForeignKey("townships.code"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    address: Mapped[str | None] = mapped_column(String(200), default=None)
    hours: Mapped[str | None] = mapped_column(String(200), default=None)


class Village(db.Model):
    """A village (行政村) in a unit's catchment."""

    __tablename__ = "villages"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)


class School(db.Model):
    """A childcare institution, kindergarten or primary school, linked to a township and a unit."""

    __tablename__ = "schools"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(32))
    township_code: Mapped[str] = mapped_column(ForeignKey("townships.code"), index=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)


EQUIPMENT_KINDS = ("refrigerator", "freezer", "cold_box")


class Equipment(db.Model):
    """A cold-chain appliance of a unit (reference kind `equipment`): its safe range and readings per day."""

    __tablename__ = "equipment"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    range_min: Mapped[float] = mapped_column(default=2.0)
    range_max: Mapped[float] = mapped_column(default=8.0)
    readings_per_day: Mapped[int] = mapped_column(default=2)
    active: Mapped[bool] = mapped_column(default=True)

"""The demo county: 1 county, 3 townships, 4 units, 12 villages, 4 schools, six accounts; idempotent.

Record seeders (capture, AEFI, schools, scores) are listed in RECORD_SEEDERS; each takes the Random
generator and must itself be idempotent (it checks whether its records exist before adding any).
"""

import importlib
import random

from webapp.extensions import db
from webapp.models import County, Equipment, School, Township, Unit, Village
from webapp.services.accounts.users import create_user, find_user

DEMO_PASSWORD = "Demo-2026!"  # noqa: S105  (a published demo password; seed-demo refuses production)
COUNTY = ("150424", "林西县")
TOWNSHIPS = [("150424001", "林西镇"), ("150424002", "新城子镇"), ("150424003", "大井镇")]
UNITS = [
    ("U01", "林西镇防保站", "township_station", "150424001"),
    ("U02", "县疾控免疫门诊", "county_clinic", "150424001"),
    ("U03", "新城子镇防保站", "township_station", "150424002"),
    ("U04", "大井镇防保站", "township_station", "150424003"),
]
UNIT_CONTACT = {  # address and vaccination hours, printed on the schools' 补种通知单
    "U01": ("林西镇人民路 12 号（镇卫生院一楼）", "每周二、周四 8:00–11:30，14:30–17:00"),
    "U02": ("林西县新林东街 8 号县疾控中心一楼", "周一至周五 8:00–11:30，14:30–17:30"),
    "U03": ("新城子镇政府街 3 号（镇卫生院）", "每周三 8:00–11:30"),
    "U04": ("大井镇大井街 21 号（镇卫生院）", "每周一、周四 8:00–11:30"),
}
VILLAGE_NAMES = ["东村", "西村", "南村", "北村", "前进村", "红旗村", "双井村", "河东村", "河西村", "新民村",
                 "长胜村", "永丰村"]
SCHOOLS = [
    ("S01", "林西镇中心幼儿园", "kindergarten", "150424001", "U01"),
    ("S02", "林西镇第一小学", "primary", "150424001", "U01"),
    ("S03", "新城子镇托育园", "childcare", "150424002", "U03"),
    ("S04", "大井镇中心小学", "primary", "150424003", "U04"),
]
EQUIPMENT = [  # code, name, unit, kind, range_min, range_max
    ("U01-R1", "1号冰箱", "U01", "refrigerator", 2.0, 8.0), ("U01-F1", "1号冰柜", "U01", "freezer", -25.0, -15.0),
    ("U02-R1", "1号冰箱", "U02", "refrigerator", 2.0, 8.0), ("U03-R1", "1号冰箱", "U03", "refrigerator", 2.0, 8.0),
    ("U04-R1", "1号冰箱", "U04", "refrigerator", 2.0, 8.0),
]
ACCOUNTS = [
    ("demo-nurse", "nurse", "U01", "王护士"), ("demo-nurse2", "nurse", "U01", "李护士"),
    ("demo-nurse-b", "nurse", "U03", "张护士"), ("demo-school", "school", "S01", "赵老师"),
    ("demo-county", "county", "150424", "刘医生"), ("demo-admin", "admin", "150424", "管理员"),
]
RECORD_SEEDERS: list[str] = [
    "webapp.demo.records:seed_county_year",
    "webapp.demo.aefi:seed_aefi_demo",
    "webapp.demo.schools:seed_schools_demo",
    "webapp.demo.surveys:seed_surveys_demo",
    "webapp.demo.stock:seed_stock_demo",
]  # "module:function" entries, run in order unless --org-only


def seed_demo(org_only: bool = False, seed: int = 2026) -> list[str]:
    """Create whatever of the demo county is missing; return a line per thing created."""
    created = _seed_org() + _seed_accounts()
    if not org_only:
        rng = random.Random(seed)
        for target in RECORD_SEEDERS:
            module, func = target.split(":")
            created += getattr(importlib.import_module(module), func)(rng) or []
    db.session.flush()
    return created


def _ensure(model, code, **values) -> list[str]:
    if db.session.get(model, code) is not None:
        return []
    db.session.add(model(code=code, **values))
    db.session.flush()
    return [f"created {model.__tablename__[:-1]} {code} {values.get('name', '')}"]


def _seed_org() -> list[str]:
    out = _ensure(County, COUNTY[0], name=COUNTY[1])
    for code, name in TOWNSHIPS:
        out += _ensure(Township, code, name=name, county_code=COUNTY[0])
    for code, name, kind, town in UNITS:
        address, hours = UNIT_CONTACT[code]
        out += _ensure(Unit, code, name=name, kind=kind, township_code=town, address=address, hours=hours)
    for i, name in enumerate(VILLAGE_NAMES):
        unit = ("U01", "U03", "U04")[i % 3]
        out += _ensure(Village, f"V{i + 1:02d}", name=name, unit_code=unit)
    for code, name, kind, town, unit in SCHOOLS:
        out += _ensure(School, code, name=name, kind=kind, township_code=town, unit_code=unit)
    for code, name, unit, kind, low, high in EQUIPMENT:
        out += _ensure(Equipment, code, name=name, unit_code=unit, kind=kind, range_min=low, range_max=high,
                       readings_per_day=2, active=True)
    return out


def _seed_accounts() -> list[str]:
    out = []
    for username, role, scope, name in ACCOUNTS:
        if find_user(username) is None:
            create_user(username, DEMO_PASSWORD, role, scope, name, actor="seed-demo")
            out.append(f"created user {username} ({role} @ {scope}) password {DEMO_PASSWORD}")
    return out

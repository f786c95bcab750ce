"""The organisation: create and change counties, townships, units, villages and schools."""

from flask_babel import gettext as _

from webapp.extensions import db
from webapp.models import County, Equipment, School, Township, Unit, Village
from webapp.models.org import EQUIPMENT_KINDS, SCHOOL_KINDS, UNIT_KINDS
from webapp.services.audit import record_audit

MODELS = {"county": County, "township": Township, "unit": Unit, "village": Village, "school": School,
          "equipment": Equipment}
PARENTS = {"township": ("county_code", County), "unit": ("township_code", Township),
           "village": ("unit_code", Unit), "school": ("township_code", Township), "equipment": ("unit_code", Unit)}
KINDS = {"unit": UNIT_KINDS, "school": SCHOOL_KINDS, "equipment": EQUIPMENT_KINDS}


class OrgError(ValueError):
    """An organisation change that cannot be made; `field` names the offending field."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field, self.message = field, message


def save_org_entity(actor, entity: str, values: dict, create: bool):
    """Create or update one organisation entity after checking its code, name, kind and parent."""
    model = MODELS[entity]
    code = (values.get("code") or "").strip()
    if not code:
        raise OrgError("code", _("代码不能为空"))
    if not (values.get("name") or "").strip():
        raise OrgError("name", _("名称不能为空"))
    existing = db.session.get(model, code)
    if create and existing is not None:
        raise OrgError("code", _("代码 %(code)s 已存在", code=code))
    if not create and existing is None:
        raise OrgError("code", _("代码 %(code)s 不存在", code=code))
    _check_refs(entity, values)
    if entity == "equipment" and values.get("range_min") is not None and values.get("range_max") is not None \
            and values["range_min"] >= values["range_max"]:
        raise OrgError("range_max", _("温度上限应高于下限"))
    row = existing or model(code=code)
    before = entity_snapshot(row) if existing else None
    for key, value in values.items():
        if key != "code" and hasattr(model, key):
            setattr(row, key, value.strip() if isinstance(value, str) else value)
    db.session.add(row)
    db.session.flush()
    record_audit(actor, f"{entity}.{'create' if create else 'update'}", entity, code, before=before,
                 after=entity_snapshot(row))
    return row


def _check_refs(entity, values):
    if entity in KINDS and values.get("kind") not in KINDS[entity]:
        raise OrgError("kind", _("类型无效：%(kind)s", kind=values.get("kind") or ""))
    if entity in PARENTS:
        field, parent = PARENTS[entity]
        if db.session.get(parent, (values.get(field) or "").strip()) is None:
            raise OrgError(field, _("上级代码 %(code)s 不存在", code=values.get(field) or ""))
    if entity == "school" and db.session.get(Unit, (values.get("unit_code") or "").strip()) is None:
        raise OrgError("unit_code", _("接种单位代码 %(code)s 不存在", code=values.get("unit_code") or ""))


def entity_snapshot(row) -> dict:
    """A plain dict of an entity's columns, for the audit log and exports."""
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}

"""Import the organisation from .xlsx or .csv: every row checked, every rejection reported, all or nothing."""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from webapp.extensions import db
from webapp.services.admin.org import MODELS, OrgError, save_org_entity
from webapp.services.admin.queries import entity_in_county
from webapp.services.tabular import TableTooBig, csv_rows, decode_text, open_workbook, sheet_rows

HEADERS = {
    "代码": "code", "编码": "code", "名称": "name", "类型": "kind", "所属县代码": "county_code",
    "所属乡镇代码": "township_code", "乡镇代码": "township_code", "所属接种单位代码": "unit_code",
    "接种单位代码": "unit_code", "对应接种单位代码": "unit_code", "启用": "active",
}
KIND_NAMES = {"乡镇防保站": "township_station", "防保站": "township_station", "县免疫门诊": "county_clinic",
              "免疫门诊": "county_clinic", "产科接种点": "maternity_point", "托育机构": "childcare",
              "幼儿园": "kindergarten", "小学": "primary"}
SHEET_ENTITIES = {"乡镇": "township", "接种单位": "unit", "行政村": "village", "学校": "school",
                  "township": "township", "unit": "unit", "village": "village", "school": "school"}
ORDER = ("township", "unit", "village", "school")
MAX_ROWS = 5000


class ImportFileError(ValueError):
    """The file itself cannot be read."""


@dataclass
class ImportReport:
    """What an import did: counts per entity and every rejected row with its reason."""

    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    rejected: list = field(default_factory=list)  # (sheet, row number, field, message)

    @property
    def ok(self) -> bool:
        """True when no row was rejected."""
        return not self.rejected


def read_tables(filename: str, content: bytes, entity: str | None) -> dict[str, list[dict]]:
    """Read {entity: rows}; a workbook's sheets are matched by name, a CSV or single sheet uses `entity`."""
    try:
        return _read_tables(filename, content, entity)
    except TableTooBig as err:
        raise ImportFileError(err.message) from None


def _read_tables(filename: str, content: bytes, entity: str | None) -> dict[str, list[dict]]:
    name = (filename or "").lower()
    if name.endswith(".csv"):
        if entity not in MODELS:
            raise ImportFileError(_("CSV 文件需要选择导入类型"))
        text = decode_text(content)
        if text is None:
            raise ImportFileError(_("无法识别文件编码（请使用 UTF-8 或 GBK）"))
        return {entity: _rows_from_matrix(csv_rows(text, MAX_ROWS))}
    if name.endswith(".xlsx"):
        return _read_workbook(content, entity)
    raise ImportFileError(_("只支持 .xlsx 或 .csv 文件"))


def _read_workbook(content: bytes, entity: str | None) -> dict[str, list[dict]]:
    workbook = open_workbook(content)
    if workbook is None:
        raise ImportFileError(_("无法读取 Excel 文件"))
    tables = {}
    for sheet in workbook.worksheets:
        target = SHEET_ENTITIES.get(sheet.title.strip()) or (entity if len(workbook.worksheets) == 1 else None)
        if target in MODELS:
            tables[target] = _rows_from_matrix(sheet_rows(sheet, MAX_ROWS))
    if not tables:
        raise ImportFileError(_("找不到可导入的工作表（工作表名应为 乡镇、接种单位、行政村 或 学校）"))
    return tables


def _rows_from_matrix(matrix: list[list]) -> list[dict]:
    if not matrix:
        return []
    keys = [HEADERS.get(str(h or "").strip(), str(h or "").strip()) for h in matrix[0]]
    rows = []
    for raw in matrix[1:]:
        if all(v in (None, "") for v in raw):
            continue
        rows.append({k: ("" if v is None else str(v).strip()) for k, v in zip(keys, raw, strict=False) if k})
    return rows


def import_tables(actor, tables: dict[str, list[dict]], county_code: str) -> ImportReport:
    """Apply every row in dependency order; the caller commits only when the report is ok."""
    report = ImportReport()
    for entity in ORDER:
        for number, row in enumerate(tables.get(entity, []), start=2):
            _import_row(actor, entity, number, row, county_code, report)
    return report


def _import_row(actor, entity, number, row, county_code, report):
    values = _normalise(entity, row, county_code)
    exists = db.session.get(MODELS[entity], values.get("code", "")) is not None
    savepoint = db.session.begin_nested()
    try:
        save_org_entity(actor, entity, values, create=not exists)
        _check_in_county(entity, values, county_code)
        savepoint.commit()
        bucket = report.updated if exists else report.created
        bucket[entity] = bucket.get(entity, 0) + 1
    except OrgError as err:
        savepoint.rollback()
        report.rejected.append((entity, number, err.field, err.message))


def _normalise(entity, row, county_code):
    values = dict(row)
    if entity == "township" and not values.get("county_code"):
        values["county_code"] = county_code
    if "kind" in values:
        values["kind"] = KIND_NAMES.get(values["kind"], values["kind"])
    if entity == "unit":
        values["active"] = values.get("active", "1").lower() not in ("0", "false", "否", "停用")
    else:
        values.pop("active", None)
    return {k: v for k, v in values.items() if k in MODELS[entity].__table__.columns}


def _check_in_county(entity, values, county_code):

    if not entity_in_county(entity, db.session.get(MODELS[entity], values["code"]), county_code):
        raise OrgError("code", _("不在本县范围内"))


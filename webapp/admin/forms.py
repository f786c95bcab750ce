"""Admin forms: one per organisation entity, users, and a confirm-only form for revocation."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, FloatField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from webapp.models.org import EQUIPMENT_KINDS, SCHOOL_KINDS, UNIT_KINDS
from webapp.models.people import ROLES

KIND_LABELS = {
    "township_station": _l("乡镇防保站"), "county_clinic": _l("县免疫门诊"), "maternity_point": _l("产科接种点"),
    "childcare": _l("托育机构"), "kindergarten": _l("幼儿园"), "primary": _l("小学"),
    "refrigerator": _l("冰箱"), "freezer": _l("冰柜"), "cold_box": _l("冷藏箱"),
}
ROLE_LABELS = {"nurse": _l("接种人员"), "school": _l("学校查验人员"), "county": _l("县级疾控审核"),
               "admin": _l("管理员")}
ENTITY_LABELS = {"township": _l("乡镇"), "unit": _l("接种单位"), "village": _l("行政村"), "school": _l("学校"),
                 "equipment": _l("冷链设备")}


def _code():
    return StringField(_l("代码"), validators=[DataRequired(_l("请输入代码")), Length(max=32)])


def _name():
    return StringField(_l("名称"), validators=[DataRequired(_l("请输入名称")), Length(max=100)])


class TownshipForm(FlaskForm):
    """A township."""

    code, name = _code(), _name()
    county_code = StringField(_l("所属县代码"), validators=[DataRequired(_l("请输入所属县代码"))])


class UnitForm(FlaskForm):
    """A vaccination unit."""

    code, name = _code(), _name()
    kind = SelectField(_l("类型"), choices=[(k, KIND_LABELS[k]) for k in UNIT_KINDS])
    township_code = StringField(_l("所属乡镇代码"), validators=[DataRequired(_l("请输入所属乡镇代码"))])
    # printed on the school's 补种通知单 so that a guardian finds the unit
    address = StringField(_l("地址"), validators=[Optional(), Length(max=200, message=_l("地址最多 200 个字"))])
    hours = StringField(_l("接种时间（如：每周二、周四 8:00–11:30）"),
                        validators=[Optional(), Length(max=200, message=_l("接种时间最多 200 个字"))])
    active = BooleanField(_l("启用"), default=True)


class VillageForm(FlaskForm):
    """A village in a unit's catchment."""

    code, name = _code(), _name()
    unit_code = StringField(_l("所属接种单位代码"), validators=[DataRequired(_l("请输入所属接种单位代码"))])


class SchoolForm(FlaskForm):
    """A school or childcare institution."""

    code, name = _code(), _name()
    kind = SelectField(_l("类型"), choices=[(k, KIND_LABELS[k]) for k in SCHOOL_KINDS])
    township_code = StringField(_l("所属乡镇代码"), validators=[DataRequired(_l("请输入所属乡镇代码"))])
    unit_code = StringField(_l("对应接种单位代码"), validators=[DataRequired(_l("请输入对应接种单位代码"))])


def _celsius(label):
    return FloatField(label, validators=[InputRequired(_l("请输入温度")),
                                         NumberRange(-40, 30, _l("应在 -40 到 30 之间"))])


class EquipmentForm(FlaskForm):
    """A cold-chain appliance of a unit, with the range its readings must stay in."""

    code, name = _code(), _name()
    unit_code = StringField(_l("所属接种单位代码"), validators=[DataRequired(_l("请输入所属接种单位代码"))])
    kind = SelectField(_l("类型"), choices=[(k, KIND_LABELS[k]) for k in EQUIPMENT_KINDS])
    range_min, range_max = _celsius(_l("温度下限（℃）")), _celsius(_l("温度上限（℃）"))
    readings_per_day = IntegerField(_l("每日测温次数"), default=2, validators=[
        InputRequired(_l("请输入每日测温次数")), NumberRange(1, 6, _l("应在 1 到 6 之间"))])
    active = BooleanField(_l("启用"), default=True)


class UserForm(FlaskForm):
    """A user: role, scope, active; the password is required only when creating."""

    username = StringField(_l("用户名"), validators=[DataRequired(_l("请输入用户名")), Length(max=64)])
    display_name = StringField(_l("姓名"), validators=[Optional(), Length(max=100)])
    role = SelectField(_l("角色"), choices=[(r, ROLE_LABELS[r]) for r in ROLES])
    scope_code = StringField(_l("范围代码（单位/学校/县）"), validators=[DataRequired(_l("请输入范围代码"))])
    active = BooleanField(_l("启用"), default=True)
    password = PasswordField(_l("密码"), validators=[Optional(), Length(max=200)])


class ConfirmForm(FlaskForm):
    """An empty form: only the CSRF token, for buttons that change state."""


ENTITY_FORMS = {"township": TownshipForm, "unit": UnitForm, "village": VillageForm, "school": SchoolForm,
                "equipment": EquipmentForm}


class ImportForm(FlaskForm):
    """Upload an organisation list: a workbook with named sheets, or one sheet/CSV of the chosen kind."""

    entity = SelectField(_l("导入类型（CSV 或单个工作表时使用）"),
                         choices=[("", _l("按工作表名识别"))] + [(k, v) for k, v in ENTITY_LABELS.items()])
    file = FileField(_l("文件（.xlsx 或 .csv）"), validators=[
        FileRequired(_l("请选择文件")), FileAllowed(["xlsx", "csv"], _l("只支持 .xlsx 或 .csv 文件"))])

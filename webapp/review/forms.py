"""Review forms (Flask-WTF, CSRF-protected); datetimes are entered in the county's time zone."""

from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, SelectField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import Length, Optional

from webapp.domain.aefi.causality import FINAL_CLASSES, WHO_CATEGORIES
from webapp.services.aefi.labels import FINAL_CLASS, WHO

FORMAT = "%Y-%m-%dT%H:%M"


class ActionForm(FlaskForm):
    """A bare CSRF-protected action (receive, close)."""

    note = TextAreaField(_l("备注"), validators=[Optional(), Length(max=2000)])


class InvestigateForm(FlaskForm):
    """Investigation dates."""

    investigation_started_at = DateTimeLocalField(_l("调查开始时间"), format=FORMAT, validators=[Optional()])
    investigation_reported_at = DateTimeLocalField(_l("调查表报告时间"), format=FORMAT, validators=[Optional()])
    preliminary_reported_at = DateTimeLocalField(_l("初步调查报告时间"), format=FORMAT, validators=[Optional()])


class ClassifyForm(FlaskForm):
    """China's final class and the WHO causality category."""

    final_class = SelectField(_l("最终分类"), choices=[SelectChoice("", "")] +
                              [SelectChoice(c, FINAL_CLASS[c]) for c in FINAL_CLASSES])
    who_causality = SelectField(_l("WHO 因果关系"), choices=[SelectChoice("", _l("按分类自动对应"))] +
                                [SelectChoice(c, WHO[c]) for c in WHO_CATEGORIES])
    note = TextAreaField(_l("备注"), validators=[Optional(), Length(max=2000)])


class ReturnForm(FlaskForm):
    """What the reporter must fix."""

    return_reason = TextAreaField(_l("退回原因（报告人需修改的内容）"), validators=[Optional(), Length(max=2000)])


FORMS = {"receive": ActionForm, "investigate": InvestigateForm, "classify": ClassifyForm, "return": ReturnForm,
         "close": ActionForm}


def form_values(form, tz_name: str) -> dict:
    """The form's values as review data values: datetimes become ISO strings with the county's offset."""
    zone = ZoneInfo(tz_name)
    out = {}
    for name, field in form._fields.items():
        if name == "csrf_token" or field.data in (None, ""):
            continue
        value = field.data
        out[name] = value.replace(tzinfo=zone).isoformat() if hasattr(value, "hour") else value
    return out

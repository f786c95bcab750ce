"""Forms of the school-entry check pages: roster upload, catch-up dose, contraindication."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from webapp.services.reference_data import vaccine_catalogue


def nip_vaccine_choices() -> list[tuple[str, str]]:
    """(code, Chinese name) of the current NIP vaccines."""
    return [(v["code"], f'{v["zh"]} ({v["code"]})') for v in vaccine_catalogue()["vaccines"]
            if v["category"] == "nip" and not v["legacy"]]


class RosterForm(FlaskForm):
    """A class roster file."""

    file = FileField(_l("花名册文件（.xlsx 或 .csv）"), validators=[
        FileRequired(_l("请选择文件")), FileAllowed(["xlsx", "csv"], _l("只支持 .xlsx 或 .csv 文件"))])


class CatchUpForm(FlaskForm):
    """One catch-up dose given to a referred student."""

    vaccine = SelectField(_l("补种疫苗"), choices=[], validators=[DataRequired(_l("请选择疫苗"))])
    given_on = DateField(_l("补种日期"), validators=[DataRequired(_l("请填写补种日期（如 2026-09-20）"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vaccine.choices = nip_vaccine_choices()


class ContraindicationForm(FlaskForm):
    """The reason a referred student cannot be caught up."""

    reason = StringField(_l("禁忌原因"), validators=[DataRequired(_l("请填写禁忌原因")), Length(max=200)])
    recorded_on = DateField(_l("判定日期"), validators=[DataRequired(_l("请填写日期（如 2026-09-20）"))])

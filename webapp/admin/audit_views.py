"""Admin page: the audit log of the admin's county, filterable by who, action, object and date range."""

import json

from flask import g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.validators import Length, Optional

from webapp.access import pages
from webapp.admin.blueprint import bp
from webapp.services.admin.audit_log import AuditFilter, search_audit


class AuditFilterForm(FlaskForm):
    """GET filters (a read, so no CSRF token)."""

    class Meta:
        csrf = False

    actor = StringField(_l("操作人"), validators=[Optional(), Length(max=64)])
    action = StringField(_l("操作"), validators=[Optional(), Length(max=64)])
    object_kind = StringField(_l("对象类型"), validators=[Optional(), Length(max=32)])
    object_id = StringField(_l("对象编号"), validators=[Optional(), Length(max=64)])
    date_from = DateField(_l("开始日期"), validators=[Optional()])
    date_to = DateField(_l("结束日期"), validators=[Optional()])


@bp.app_template_filter("json_text")
def json_text(value) -> str:
    """A JSON value as readable text: Chinese as written, not \\uXXXX escapes (escaped by the template)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


@bp.get("/audit")
@pages("admin")
def audit_log():
    """List audit events, newest first, 100 a page."""
    form = AuditFilterForm(request.args)
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    wanted = AuditFilter(**{k: v for k, v in form.data.items() if v}) if form.validate() else AuditFilter()
    rows, has_more = search_audit(g.user.scope_code, wanted, page)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("admin/audit.html", form=form, rows=rows, page=page, has_more=has_more, args=args)

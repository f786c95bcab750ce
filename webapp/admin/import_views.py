"""Admin: import the organisation from a county's Excel or CSV list."""

from flask import g, render_template
from flask_babel import gettext as _

from webapp.access import pages
from webapp.admin.blueprint import bp
from webapp.admin.forms import ENTITY_LABELS, ImportForm
from webapp.extensions import db
from webapp.services.admin.org_import import ImportFileError, import_tables, read_tables


@bp.route("/import", methods=["GET", "POST"])
@pages("admin")
def import_org():
    """Upload a list; every row is checked and nothing is saved unless every row is valid."""
    form, report = ImportForm(), None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            tables = read_tables(upload.filename, upload.read(), form.entity.data or None)
            report = import_tables(g.user, tables, g.user.scope_code)
        except ImportFileError as err:
            form.file.errors.append(str(err))
        if report is not None and report.ok:
            db.session.commit()
        else:
            db.session.rollback()
    return render_template("admin/import.html", form=form, report=report, labels=ENTITY_LABELS,
                           title=_("导入组织机构"))

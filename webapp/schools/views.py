"""Report pages: indicators per school, township and county; registers and the annual report as print or Excel."""


from flask import Response, abort, flash, g, render_template, request
from flask_babel import gettext as _

from webapp.access import pages
from webapp.extensions import db
from webapp.models import County, School, Unit
from webapp.schools.blueprint import bp
from webapp.services import county
from webapp.services.schools import reports, tables
from webapp.services.schools.exports import table_to_xlsx
from webapp.services.scope import county_code_for

REPORT_ROLES = ("county", "admin", "school", "nurse")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def year_arg() -> int:
    """The ?year= of the request, or this year in the county's time zone; a bad value is named and replaced."""
    this_year = county.today().year
    raw = request.args.get("year", "")
    if not raw:
        return this_year
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    flash(_("年度无效：%(value)s（应为 2000–2100 的年份），已显示 %(year)s 年", value=raw[:10], year=this_year),
          "error")
    return this_year


def school_or_404(code: str) -> School:
    """The school when it exists and the user may read it; otherwise 404."""
    school = db.session.get(School, code)
    if school is None or not reports.readable_school(g.user, code):
        abort(404)
    return school


def _render(table: tables.Table, filename: str):
    """Excel when ?format=xlsx, else the printable HTML page."""
    if request.args.get("format") == "xlsx":
        return Response(table_to_xlsx(table, table.title), mimetype=XLSX, headers={
            "Content-Disposition": f"attachment; filename={filename}.xlsx"})
    return render_template("schools/table.html", table=table)


@bp.get("/report")
@pages(*REPORT_ROLES)
def report():
    """Indicators per school, township and the whole scope for one year."""
    year = year_arg()
    return render_template("schools/report.html", report=reports.build_report(g.user, year), year=year,
                           indicator_labels=tables.INDICATOR_LABELS)


@bp.get("/annual")
@pages(*REPORT_ROLES)
def annual():
    """儿童入托、入学预防接种证查验情况报表 for the user's scope (print, or ?format=xlsx)."""
    year = year_arg()
    county = db.session.get(County, county_code_for(g.user) or "")
    table = tables.annual_table(reports.build_report(g.user, year), county.name if county else "")
    return _render(table, f"school-check-annual-{year}")


@bp.get("/<school_code>/register")
@pages(*REPORT_ROLES)
def check_register(school_code):
    """入托入学儿童预防接种证查验登记表 of one school (print, or ?format=xlsx)."""
    school, year = school_or_404(school_code), year_arg()
    table = tables.check_register_table(school, year, reports.check_register(school_code, year))
    return _render(table, f"check-register-{school_code}-{year}")


@bp.get("/<school_code>/catch-up-register")
@pages(*REPORT_ROLES)
def catch_up_register(school_code):
    """补证补种登记表 of one school (print, or ?format=xlsx)."""
    school, year = school_or_404(school_code), year_arg()
    units = {u.code: u.name for u in db.session.query(Unit).all()}
    table = tables.catch_up_register_table(school, year, reports.catch_up_register(school_code, year), units)
    return _render(table, f"catch-up-register-{school_code}-{year}")

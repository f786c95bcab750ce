"""The 常规免疫接种情况月报 page of a unit's month: by village with totals and migrant children, its checks, the
Excel file in the national layout, and submitting it (a nurse for her unit, a county user for the county's);
below the report (and on a second sheet) the month's vaccine stock, cold chain and 留观, which no submission keeps."""

from io import BytesIO

from flask import flash, g, redirect, render_template, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.access import pages
from webapp.domain.periods import parse_period
from webapp.domain.rubric.model import is_english
from webapp.extensions import db
from webapp.scores.blueprint import bp
from webapp.scores.common import unit_name, unit_or_404
from webapp.scores.summary import month_or_404
from webapp.services import county
from webapp.services.reports.export import monthly_workbook
from webapp.services.reports.submissions import report_view, submit_report
from webapp.services.stock.month import month_figures


def _figures(unit, month):
    """The month's stock, cold chain and 留观 in the user's language."""
    return month_figures(unit, parse_period(month), county.today(), county.zone(),
                         "en" if is_english(get_locale()) else "zh-CN")


@bp.get("/monthly/<unit>/<month>")
@pages("county", "admin", "nurse")
def monthly_report(unit, month):
    """The report by village, its consistency checks and the differences from what was submitted."""
    unit, month = unit_or_404(unit), month_or_404(month)
    return render_template("scores/monthly_report.html", unit=unit, unit_name=unit_name(unit), month=month,
                           view=report_view(unit, month), figures=_figures(unit, month))


@bp.post("/monthly/<unit>/<month>/submit")
@pages("county", "admin", "nurse")
def submit_monthly_report(unit, month):
    """Keep the report as it stands as the month's submitted figures."""
    unit, month = unit_or_404(unit, write=True), month_or_404(month)
    submit_report(g.user, unit, month)
    db.session.commit()
    flash(_("月报已上报"))
    return redirect(url_for("scores.monthly_report", unit=unit, month=month))


@bp.get("/monthly/<unit>/<month>.xlsx")
@pages("county", "admin", "nurse")
def monthly_report_xlsx(unit, month):
    """The report as Excel in the national layout."""
    unit, month = unit_or_404(unit), month_or_404(month)
    data = BytesIO()
    monthly_workbook(report_view(unit, month), unit_name(unit), month, _figures(unit, month)).save(data)
    data.seek(0)
    return send_file(data, as_attachment=True, download_name=f"monthly-{unit}-{month}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

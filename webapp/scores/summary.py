"""The monthly QC summary (月总结) of a unit: drafted from the data, edited, filed, printable."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.access import pages
from webapp.domain.periods import parse_period
from webapp.extensions import db
from webapp.scores.blueprint import bp
from webapp.scores.common import unit_name, unit_or_404
from webapp.services.reports.summary import draft_summary
from webapp.services.scoring.monthly_summaries import SummaryError, find_summary, save_summary


def month_or_404(month: str) -> str:
    try:
        if parse_period(month).kind == "month":
            return month
    except ValueError:
        pass
    abort(404)


@bp.route("/summary/<unit>/<month>", methods=["GET", "POST"])
@pages("county", "admin", "nurse")
def summary(unit, month):
    """Show the month's summary (a draft from the data until it is saved), edit it, file it."""
    unit, month = unit_or_404(unit, write=request.method == "POST"), month_or_404(month)
    stored = find_summary(unit, month)
    if request.method == "POST":
        try:
            save_summary(g.user, unit, month, request.form.get("text", ""), request.form.get("action") == "file")
        except SummaryError as err:
            db.session.rollback()
            flash(str(err), "error")
            return redirect(url_for("scores.summary", unit=unit, month=month))
        db.session.commit()
        flash(_("月总结已归档") if request.form.get("action") == "file" else _("月总结已保存"))
        return redirect(url_for("scores.summary", unit=unit, month=month))
    text = stored.text if stored else draft_summary(g.user, unit, month)
    return render_template("scores/summary.html", unit=unit, unit_name=unit_name(unit), month=month, text=text,
                           stored=stored)

"""The county assessor's village survey (范本1 三): start one (the app draws the village), add the children found,
copy each certificate. Every write is a sync record through the pipeline, the same as a phone's."""

from datetime import date

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.access import pages
from webapp.extensions import db
from webapp.models import Unit
from webapp.scores.blueprint import bp
from webapp.scores.common import template_or_404, unit_name, unit_or_404
from webapp.services import county
from webapp.services.scope import unit_codes_for
from webapp.services.scoring import survey_entry as entry
from webapp.services.scoring import survey_work as work
from webapp.services.scoring.rubrics import templates
from webapp.services.scoring.survey import uses_survey


def _survey_templates() -> list:
    return [t for t in templates().values() if any(uses_survey(p) for p in t.parts)]


def _refused(result) -> bool:
    """Flash the pipeline's per-field errors of a refused write; True when refused."""
    if result["status"] in ("created", "updated", "duplicate"):
        return False
    for field, messages in (result.get("errors") or {}).items():
        flash(f"{field}: {'；'.join(messages)}", "error")
    db.session.rollback()
    return True


def _default_period(today: date) -> str:
    return f"{today.year}-H{1 if today.month <= 9 else 2}"


@bp.get("/surveys")
@pages("county", "admin")
def surveys():
    """The county's village surveys and the form to start one."""
    units = db.session.query(Unit.code, Unit.name).filter(Unit.code.in_(unit_codes_for(g.user))) \
        .order_by(Unit.code).all()
    villages = {u.code: work.unit_villages(u.code) for u in units}
    return render_template("scores/surveys.html", rows=entry.county_surveys(g.user), units=units, villages=villages,
                           templates=_survey_templates(), today=county.today(),
                           period=_default_period(county.today()))


@bp.post("/surveys")
@pages("county", "admin")
def start_survey():
    """Start a survey: the village drawn at random by the app (or chosen), the plan's cohort on the survey day."""
    form = request.form
    unit, template = unit_or_404(form.get("unit", ""), write=True), template_or_404(form.get("template", ""))
    try:
        surveyed_on = date.fromisoformat(form.get("surveyed_on", ""))
    except ValueError:
        flash(_("调查日期无效，应为 YYYY-MM-DD"), "error")
        return redirect(url_for("scores.surveys"))
    drawn = "chosen" if form.get("village_drawn") == "chosen" else "random"
    village = form.get("village") if drawn == "chosen" else work.draw_village(unit)
    born_from, born_to = work.cohort_dates(work.survey_cohort(template), surveyed_on)
    data = {"unit_code": unit, "village_code": village or "", "template": template.id,
            "period": form.get("period", ""), "cohort_from": born_from.isoformat(), "cohort_to": born_to.isoformat(),
            "village_drawn": drawn, "surveyed_on": surveyed_on.isoformat(),
            "assessor": g.user.display_name or g.user.username, **({"note": form["note"]} if form.get("note") else {})}
    result = work.write(g.user, "survey", data, on=surveyed_on)
    if _refused(result):
        return redirect(url_for("scores.surveys"))
    db.session.commit()
    flash(_("已抽取行政村 %(v)s", v=village) if drawn == "random" else _("调查已建立"))
    return redirect(url_for("scores.survey", survey_id=result["id"]))


@bp.get("/surveys/<survey_id>")
@pages("county", "admin")
def survey(survey_id):
    """One survey: its children, the registry children of the cohort in the village still to add, a 漏卡 form."""
    record = entry.readable_survey_record(g.user, survey_id, "survey") or abort(404)
    children = entry.surveyed_children(record.id)
    taken = {c.child_id for c in children if c.child_id}
    d = record.data
    proposed = [r for r in work.registry_children(record.unit_code, d["village_code"],
                                                  date.fromisoformat(d["cohort_from"]),
                                                  date.fromisoformat(d["cohort_to"])) if r.id not in taken]
    return render_template("scores/survey.html", survey=record, children=children, proposed=proposed,
                           unit_name=unit_name(record.unit_code))


@bp.post("/surveys/<survey_id>/children")
@pages("county", "admin")
def add_surveyed_child(survey_id):
    """Add a registry child proposed for the survey, or a child the registry does not know (漏卡)."""
    record = entry.readable_survey_record(g.user, survey_id, "survey", write=True) or abort(404)
    child_id = request.form.get("child_id")
    if child_id:
        child = entry.readable_survey_record(g.user, child_id, "child") or abort(404)
        data = work.from_registry(record.data, record.id, child.id, child.data)
    else:
        data = entry.new_child_from_form(request.form, record)
    result = work.write(g.user, "survey_child", data, on=record.event_date)
    if _refused(result):
        return redirect(url_for("scores.survey", survey_id=record.id))
    db.session.commit()
    return redirect(url_for("scores.surveyed_child", survey_id=record.id, child_id=result["id"]))


@bp.route("/surveys/<survey_id>/children/<child_id>", methods=["GET", "POST"])
@pages("county", "admin")
def surveyed_child(survey_id, child_id):
    """Copy a surveyed child's certificate into the vaccine × dose grid, with the BCG scar and residence."""
    record = entry.readable_survey_record(g.user, child_id, "survey_child",
                                          write=request.method == "POST") or abort(404)
    if record.parent_id != survey_id:
        abort(404)
    errors = {}
    if request.method == "POST":
        data, errors = entry.child_from_form(request.form, record.data)
        if not errors:
            result = work.write(g.user, "survey_child", data, record.id, base_rev=record.rev, on=record.event_date)
            if not _refused(result):
                db.session.commit()
                flash(_("已保存"))
                return redirect(url_for("scores.survey", survey_id=survey_id))
    return render_template("scores/survey_child.html", child=record, survey_id=survey_id, errors=errors,
                           grid=entry.GRID, cells=entry.grid_cells(record.data.get("doses")), form=request.form)

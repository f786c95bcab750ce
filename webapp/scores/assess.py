"""Assessor entry on site: manual items, adjustments, notes, photos, the sampled month and children."""

from flask import abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from webapp.access import pages
from webapp.domain.periods import parse_period
from webapp.domain.rubric.engine import manual_bounds
from webapp.extensions import db
from webapp.models import ScoreEntry
from webapp.scores.blueprint import bp
from webapp.scores.common import period_or_404, template_or_404, unit_name, unit_or_404
from webapp.services import county
from webapp.services.scope import unit_codes_for
from webapp.services.scoring.assessments import get_assessment, photo_path, save_assessment
from webapp.services.scoring.scorecards import compute_scorecards, default_sample_month, part_windows


def _form_parts(template, period, unit, card):
    scored = {(i.part, i.item.code): i for p in card.parts for s in p.sections for i in s.items}
    out = []
    for window in part_windows(template, parse_period(period)):
        assessment = get_assessment(template.id, unit, window.period.name)
        entries = {e.item_code: e for e in assessment.entries} if assessment else {}
        sections = [(s, [(i, manual_bounds(s, i), entries.get(i.code), scored.get((window.part.code, i.code)))
                         for i in s.items]) for s in window.part.sections]
        out.append({"window": window, "assessment": assessment, "sections": sections,
                    "default_month": default_sample_month(window.period, county.today()).name})
    return out


@bp.route("/assess/<template>/<period>/<unit>", methods=["GET", "POST"])
@pages("county", "admin")
def assess(template, period, unit):
    """Enter the items no record can show, for one unit and period; usable on a tablet."""
    tpl, period, unit = template_or_404(template), period_or_404(period), unit_or_404(unit, write=True)
    errors = {}
    if request.method == "POST":
        errors = save_assessment(g.user, tpl, unit, period, request.form, request.files)
        if not errors:
            db.session.commit()
            flash(_("评估已保存"))
            return redirect(url_for("scores.scorecard", template=tpl.id, period=period, unit=unit))
        db.session.rollback()
        flash(_("有 %(n)d 处需要修改", n=len(errors)), "error")
    card = compute_scorecards(tpl, [unit], period)[unit]
    return render_template("scores/assess.html", template=tpl, period=period, unit=unit, errors=errors,
                           unit_name=unit_name(unit), form=request.form,
                           parts=_form_parts(tpl, period, unit, card))


@bp.get("/photo/<int:entry_id>")
@pages("county", "admin", "nurse")
def photo(entry_id):
    """A photo attached to an assessor's entry, for users who may read the unit."""
    entry = db.session.get(ScoreEntry, entry_id)
    if entry is None or not entry.photo or entry.assessment.unit_code not in unit_codes_for(g.user):
        abort(404)
    path = photo_path(entry.photo)
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/png" if entry.photo.endswith(".png") else "image/jpeg")

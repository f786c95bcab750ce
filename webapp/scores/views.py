"""Ranking, scorecard, exports and the record behind a deduction."""

from flask import Response, abort, g, render_template
from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.access import pages
from webapp.domain.field_names import labelled
from webapp.domain.metrics.unverified import unverified_rules
from webapp.domain.periods import parse_period
from webapp.domain.rubric.model import is_english
from webapp.extensions import db
from webapp.models import School
from webapp.scores.blueprint import bp
from webapp.scores.common import chosen, period_or_404, template_choices, template_or_404, unit_name, unit_or_404
from webapp.services import county
from webapp.services.aefi import labels as aefi_labels
from webapp.services.scope import unit_codes_for
from webapp.services.scoring.evidence import (
    KIND_LABELS,
    PLACES,
    evidence_rows,
    flatten,
    readable_record,
    revision_count,
)
from webapp.services.scoring.exports import ranking_table, scorecard_table
from webapp.services.scoring.history import history, record_snapshot
from webapp.services.scoring.ranking import county_ranking
from webapp.services.scoring.scorecards import compute_scorecards, default_sample_month
from webapp.services.tabular import simple_xlsx, to_csv

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/")
@pages("county", "admin")
def ranking():
    """Every unit of the county: total and section scores, sortable, with a bar chart."""
    template_id, period = chosen(county.today())
    template = template_or_404(template_id)
    columns, rows = county_ranking(template, unit_codes_for(g.user), period, lang=get_locale())
    db.session.commit()
    return render_template("scores/ranking.html", template=template, period=period, columns=columns, rows=rows,
                           choices=template_choices())


@bp.get("/export.<fmt>")
@pages("county", "admin")
def export_ranking(fmt):
    """The ranking as .xlsx or .csv."""
    template_id, period = chosen(county.today())
    template = template_or_404(template_id)
    header, lines = ranking_table(*county_ranking(template, unit_codes_for(g.user), period, snapshot=False,
                                                  lang=get_locale()))
    return _download(fmt, f"ranking-{template.id}-{period}", _("考核排名"), header, lines)


def _download(fmt, name, title, header, lines):
    if fmt == "csv":
        return Response(to_csv(header, lines), mimetype="text/csv",
                        headers={"Content-Disposition": f"attachment; filename={name}.csv"})
    if fmt == "xlsx":
        return Response(simple_xlsx(title, header, lines), mimetype=XLSX,
                        headers={"Content-Disposition": f"attachment; filename={name}.xlsx"})
    abort(404)


def _card(template, period, unit):
    card = compute_scorecards(template, [unit], period)[unit]
    if not card.no_data:
        record_snapshot(template, unit, period, card)
    db.session.commit()
    return card


@bp.get("/card/<template>/<period>/<unit>")
@pages("county", "admin", "nurse")
def scorecard(template, period, unit):
    """One unit's scorecard in the plan's layout (item, max, score, reason), printable on A4."""
    tpl, period, unit = template_or_404(template), period_or_404(period), unit_or_404(unit)
    card = _card(tpl, period, unit)
    month = default_sample_month(parse_period(period), county.today()).name
    judged = any(i.item.metric in ("schedule_errors", "survey_schedule_errors")
                 for p in card.parts for s in p.sections for i in s.items)
    return render_template("scores/scorecard.html", template=tpl, period=period, unit=unit, card=card,
                           unit_name=unit_name(unit), summary_month=month,
                           history=history(tpl.id, unit, period), choices=template_choices(), evidence_places=PLACES,
                           gk_on=county.gk_rules(), unverified_rules=unverified_rules() if judged else ())


@bp.get("/card/<template>/<period>/<unit>/export.<fmt>")
@pages("county", "admin", "nurse")
def export_scorecard(template, period, unit, fmt):
    """One scorecard as .xlsx or .csv."""
    tpl, period, unit = template_or_404(template), period_or_404(period), unit_or_404(unit)
    header, lines = scorecard_table(tpl, compute_scorecards(tpl, [unit], period)[unit], get_locale())
    return _download(fmt, f"scorecard-{tpl.id}-{period}-{unit}", _("评分表"), header, lines)


@bp.get("/record/<record_id>")
@pages("county", "admin", "nurse")
def record(record_id):
    """A record behind a deduction, inside the user's scope."""
    found = readable_record(g.user, record_id)
    if found is None:
        abort(404)
    return render_template("scores/record.html", record=found, label=KIND_LABELS.get(found.kind, found.kind),
                           fields=labelled(flatten(found.data), str(get_locale())), revisions=revision_count(found.id),
                           place=_place(found),
                           state=aefi_labels.CALENDAR.get(found.state, found.state))


def _place(record) -> str:
    """The record's unit or school by name."""
    if record.unit_code:
        return unit_name(record.unit_code)
    school = db.session.get(School, record.school_code) if record.school_code else None
    return school.name if school else (record.school_code or "")


@bp.get("/evidence/<template>/<period>/<unit>/<part>/<item>/<int:index>")
@pages("county", "admin", "nurse")
def evidence(template, period, unit, part, item, index):
    """Every record behind one deduction (the scorecard links the first few)."""
    tpl, period, unit = template_or_404(template), period_or_404(period), unit_or_404(unit)
    card = compute_scorecards(tpl, [unit], period)[unit]
    scored = next((i for p in card.parts for s in p.sections for i in s.items
                   if p.code == part and i.item.code == item), None)
    if scored is None or not 0 <= index < len(scored.deductions):
        abort(404)
    deduction = scored.deductions[index]
    lang = "en" if is_english(get_locale()) else "zh-CN"
    return render_template("scores/evidence.html", template=tpl, period=period, unit=unit, item=scored,
                           deduction=deduction, labels=KIND_LABELS,
                           records=evidence_rows(deduction.evidence, unit, lang))

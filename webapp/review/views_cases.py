"""Review queue, case page, review actions, printable case card and the Excel line list."""

from io import BytesIO

from flask import abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.access import pages
from webapp.domain.aefi.clocks import parse_dt
from webapp.domain.field_names import field_names
from webapp.domain.periods import parse_period
from webapp.extensions import db
from webapp.review.blueprint import bp
from webapp.review.forms import FORMS, ClassifyForm, InvestigateForm, ReturnForm, form_values
from webapp.services.aefi import labels
from webapp.services.aefi.cases import get_case, load_cases, revisions_of
from webapp.services.aefi.export import line_list_workbook
from webapp.services.aefi.review import ReviewError, review_case
from webapp.services.aefi.settings import aefi_settings
from webapp.services.aefi.surveillance import suspected_clusters, unit_groups
from webapp.services.reference_data import vaccine_name
from webapp.services.scope import place_name

URGENCY_ORDER = {"late": 0, "due_soon": 1, "on_time": 2, "done": 3}


@bp.get("/")
@pages("county")
def queue():
    """Every AEFI report in the county with its timers, the most pressing first."""
    status, unit = request.args.get("status") or None, request.args.get("unit") or None
    try:
        period = parse_period(request.args["period"]) if request.args.get("period") else None
    except ValueError:
        abort(400)
    span = (period.start, period.end) if period else (None, None)
    cases = [c for c in load_cases(g.user, *span, unit=unit) if status in (None, c.status)]
    cases.sort(key=lambda c: (URGENCY_ORDER[c.urgency], -c.reported_at.timestamp()))
    return render_template("review/queue.html", cases=cases, labels=labels, status=status, title=_("AEFI 审核"),
                           units=unit_groups(g.user, "unit"), unit=unit, clusters=suspected_clusters(cases),
                           by_id={c.id: c for c in cases})


def case_or_404(case_id):
    """The case if it lies in the user's scope."""
    case = get_case(g.user, case_id)
    if case is None:
        abort(404)
    return case


@bp.get("/cases/<case_id>")
@pages("county")
def case(case_id):
    """One case: every field, timers, revision history and the review actions."""
    item = case_or_404(case_id)
    history = _history(revisions_of(item.id), _("个案报告")) + (
        _history(revisions_of(item.review.id), _("县级审核")) if item.review else [])
    forms = {"investigate": InvestigateForm(prefix="inv"), "classify": ClassifyForm(prefix="cls"),
             "return": ReturnForm(prefix="ret"), "close": FORMS["close"](prefix="cls2")}
    return render_template("review/case.html", case=item, history=sorted(history, key=lambda r: r["rev"].received_at),
                           forms=forms, labels=labels)


def _history(revisions, what: str) -> list[dict]:
    """Each revision with the fields it changed from the one before."""
    out, previous = [], {}
    for rev in revisions:
        keys = sorted(k for k in set(rev.data) | set(previous) if rev.data.get(k) != previous.get(k))
        out.append({"rev": rev, "what": what, "changed": keys})
        previous = rev.data
    return out


@bp.post("/cases/<case_id>/<action>")
@pages("county")
def act(case_id, action):
    """Apply one review action (receive, investigate, classify, return, close)."""
    item = case_or_404(case_id)
    if action not in FORMS:
        abort(404)
    prefix = {"investigate": "inv", "classify": "cls", "return": "ret", "close": "cls2", "receive": "rcv"}[action]
    form = FORMS[action](prefix=prefix)
    if not form.validate_on_submit():
        abort(400)
    try:
        review_case(g.user, item, action, form_values(form, aefi_settings().timezone))
        db.session.commit()
        flash(_("已保存"), "info")
    except ReviewError as err:
        db.session.rollback()
        for field, message in err.errors.items():
            flash(f"{_field_label(field)}：{message}", "error")
    return redirect(url_for("review.case", case_id=case_id))


def _field_label(field: str) -> str:
    names = {"return_reason": _("退回原因"), "final_class": _("最终分类"), "who_causality": _("WHO 因果关系"),
             "investigation_started_at": _("调查开始时间"), "investigation_reported_at": _("调查表报告时间"),
             "preliminary_reported_at": _("初步调查报告时间")}
    return names.get(field, field)


@bp.get("/cases/<case_id>/card")
@pages("county")
def card(case_id):
    """The national case report card, printable."""
    return render_template("review/card.html", case=case_or_404(case_id), labels=labels)


@bp.get("/export.xlsx")
@pages("county")
def export():
    """The AEFI line list as Excel, optionally for one period (onset)."""
    try:
        period = parse_period(request.args["period"]) if request.args.get("period") else None
    except ValueError:
        abort(400)
    cases = load_cases(g.user, period.start if period else None, period.end if period else None)
    data = BytesIO()
    line_list_workbook(cases).save(data)
    data.seek(0)
    name = f"AEFI-{period.name if period else 'all'}.xlsx"
    return send_file(data, as_attachment=True, download_name=name,
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.app_template_filter("field_names")
def field_names_filter(paths) -> str:
    """Record field paths named as the phone's forms name them, in the user's language."""
    return field_names(paths, "en" if str(get_locale() or "").startswith("en") else "zh_CN")


@bp.app_template_filter("vaccine_name")
def vaccine_name_filter(code) -> str:
    """A vaccine product code as the catalogue names it in the user's language."""
    return vaccine_name(code, str(get_locale() or "zh-CN"))


@bp.app_template_filter("place_name")
def place_name_filter(code) -> str:
    """A unit, school, township or county code shown by its name."""
    return place_name(code)


@bp.app_template_filter("county_dt")
def county_dt(value) -> str:
    """A datetime (aware, or an ISO string with offset) shown in the county's time zone."""
    from zoneinfo import ZoneInfo


    if not value:
        return ""
    moment = parse_dt(value) if isinstance(value, str) else value
    return moment.astimezone(ZoneInfo(aefi_settings().timezone)).strftime("%Y-%m-%d %H:%M")

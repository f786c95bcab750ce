"""Working pages: a school's batches and class rosters, the referred unit's catch-up tasks, the 补种通知单."""


from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from webapp.access import pages
from webapp.domain.school_checks import student_key
from webapp.extensions import db
from webapp.models import Record, School, Unit
from webapp.schools.blueprint import bp
from webapp.schools.forms import CatchUpForm, ContraindicationForm, RosterForm
from webapp.schools.views import school_or_404, year_arg
from webapp.services import county
from webapp.services.reference_data import vaccines_by_code
from webapp.services.schools import catch_up, reports, rosters
from webapp.services.schools.tables import CERTIFICATE_LABELS, STATUS_LABELS


def _batch_or_404(batch_id: str) -> Record:
    batch = db.session.get(Record, batch_id)
    if batch is None or batch.kind != "school_check" or batch.deleted:
        abort(404)
    if g.user.role == "nurse" or not reports.readable_school(g.user, batch.school_code):
        abort(404)
    return batch


@bp.get("/<school_code>/batches")
@pages("school", "county", "admin")
def batches(school_code):
    """A school's check batches of the year, with how many are checked and on the rosters."""
    school, year = school_or_404(school_code), year_arg()
    rows = [(b, len(b.students), len(b.roster_keys)) for b in reports.load_batches([school_code], year)]
    return render_template("schools/batches.html", school=school, year=year, rows=rows)


@bp.get("/batches/<batch_id>")
@pages("school", "county", "admin")
def batch_detail(batch_id):
    """One batch: every checked student with missing doses and catch-up, and the roster students not yet checked."""
    batch = _batch_or_404(batch_id)
    [loaded] = [b for b in reports.load_batches([batch.school_code], batch.event_date.year) if b.id == batch_id]
    students = sorted(zip(loaded.student_ids, loaded.students, strict=True),
                      key=lambda t: (t[1].get("class_name") or "", t[1].get("name") or ""))
    checked = {student_key(s.get("name"), s.get("birth_date")) for _id, s in students}
    waiting = [e for e in rosters.roster_of(batch_id)
               if student_key(e.name, e.birth_date.isoformat()) not in checked]
    return render_template("schools/batch.html", batch=batch, students=students, waiting=waiting,
                           school=db.session.get(School, batch.school_code), vaccines=vaccines_by_code(),
                           status_labels=STATUS_LABELS, certificate_labels=CERTIFICATE_LABELS)


@bp.route("/batches/<batch_id>/roster", methods=["GET", "POST"])
@pages("school", "county", "admin")
def roster(batch_id):
    """Import a class roster into a batch; every rejected row is listed and nothing is stored then."""
    batch, form, result, file_error = _batch_or_404(batch_id), RosterForm(), None, None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            result = rosters.import_roster(g.user.username, batch, upload.filename, upload.read(), county.today())
        except rosters.RosterError as err:
            file_error = err.message
        else:
            if result.stored:
                db.session.commit()
                flash(_("已导入 %(n)s 名学生", n=len(result.accepted)), "info")
                return redirect(url_for("schools.roster", batch_id=batch_id))
    return render_template("schools/roster.html", batch=batch, form=form, result=result, file_error=file_error,
                           entries=rosters.roster_of(batch_id), labels=rosters.FIELD_LABELS,
                           school=db.session.get(School, batch.school_code))


@bp.get("/referrals")
@pages("nurse", "county", "admin")
def referrals():
    """Students referred for catch-up and not yet closed: the vaccination unit's task list."""
    tasks = catch_up.open_referrals(g.user)
    schools = {s.code: s.name for s in db.session.query(School).all()}
    return render_template("schools/referrals.html", tasks=tasks, schools=schools, today=county.today(),
                           catch_up_form=CatchUpForm(), contra_form=ContraindicationForm(),
                           vaccines=vaccines_by_code())


@bp.post("/referrals/<student_id>/catch-up")
@pages("nurse", "county", "admin")
def record_catch_up(student_id):
    """Record one catch-up dose for a referred student."""
    form = CatchUpForm()
    if not form.validate_on_submit():
        return _form_errors(form)
    try:
        catch_up.record_catch_up(g.user, student_id, [{"vaccine": form.vaccine.data, "date": form.given_on.data}],
                                 county.today())
    except catch_up.CatchUpError as err:
        db.session.rollback()
        return _refused(err)
    db.session.commit()
    flash(_("补种已记录"), "info")
    return redirect(url_for("schools.referrals"))


@bp.post("/referrals/<student_id>/contraindication")
@pages("nurse", "county", "admin")
def record_contraindication(student_id):
    """Close a referral with a contraindication and its reason."""
    form = ContraindicationForm()
    if not form.validate_on_submit():
        return _form_errors(form)
    try:
        catch_up.record_contraindication(g.user, student_id, form.reason.data, form.recorded_on.data, county.today())
    except catch_up.CatchUpError as err:
        db.session.rollback()
        return _refused(err)
    db.session.commit()
    flash(_("禁忌已记录"), "info")
    return redirect(url_for("schools.referrals"))


def _form_errors(form):
    for field in form:
        for message in field.errors:
            flash(f"{field.label.text}：{message}", "error")
    return redirect(url_for("schools.referrals"))


def _refused(err):
    for message in err.errors.values():
        flash(", ".join(message) if isinstance(message, list) else str(message), "error")
    return redirect(url_for("schools.referrals"))


@bp.get("/students/<student_id>/notice")
@pages("school", "nurse", "county", "admin")
def notice(student_id):
    """The printable 补种通知单 of one student."""
    record = db.session.get(Record, student_id)
    if record is None or record.kind != "student_check" or not reports.readable_school(g.user, record.school_code):
        abort(404)
    referral = record.data.get("referral") or {}
    return render_template("schools/notice.html", s=record.data, referral=referral,
                           school=db.session.get(School, record.school_code),
                           unit=db.session.get(Unit, referral.get("unit_code") or ""), vaccines=vaccines_by_code())

"""Admin: withdraw a record stored in error (records.md: kept, marked deleted; devices get a tombstone)."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.access import pages
from webapp.admin.blueprint import bp
from webapp.admin.forms import ConfirmForm
from webapp.extensions import db
from webapp.models import Record
from webapp.services.scope import school_codes_for, unit_codes_for
from webapp.services.scoring.evidence import KIND_LABELS
from webapp.services.sync.pipeline import delete_record


def record_in_county(record_id: str) -> Record:
    """The record when it belongs to a unit or school of the admin's county, else 404."""
    record = db.session.get(Record, record_id)
    if record is None:
        abort(404)
    if record.unit_code not in unit_codes_for(g.user) and record.school_code not in school_codes_for(g.user):
        abort(404)
    return record


@bp.get("/records")
@pages("admin")
def find_record():
    """Look a record up by its id (the id shown on the phone, in exports and in the audit log)."""
    record_id = request.args.get("id", "").strip()
    if record_id:
        return redirect(url_for("admin.record", record_id=record_id))
    return render_template("admin/record.html", record=None, form=None, labels=KIND_LABELS)


@bp.get("/records/<record_id>")
@pages("admin")
def record(record_id):
    """One record of the county, with the button that withdraws it."""
    return render_template("admin/record.html", record=record_in_county(record_id), form=ConfirmForm(),
                           labels=KIND_LABELS)


@bp.post("/records/<record_id>/withdraw")
@pages("admin")
def withdraw(record_id):
    """Withdraw the record (audited); a record already withdrawn stays as it is."""
    found = record_in_county(record_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if found.deleted:
        flash(_("该记录已撤销"), "info")
    else:
        delete_record(g.user, found.id)
        db.session.commit()
        flash(_("记录已撤销；各设备下次同步时删除本地副本"), "info")
    return redirect(url_for("admin.record", record_id=found.id))

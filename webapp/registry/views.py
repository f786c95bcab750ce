"""Potential duplicate children: a nurse sees her unit's, a county user every unit's of the county (or one)."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.access import pages
from webapp.extensions import db
from webapp.registry.blueprint import bp
from webapp.services.registry.duplicates import merge_children, potential_duplicates
from webapp.services.scope import unit_codes_for

FIELD_NAMES = {"keep_id": _l("保留的儿童"), "merge_id": _l("合并的儿童"), "unit_code": _l("接种单位"),
               "kind": _l("记录类型"), "captured_by": _l("记录人")}


def _units() -> list[str]:
    allowed, unit = unit_codes_for(g.user), request.args.get("unit")
    if unit and unit not in allowed:
        abort(403)
    return [unit] if unit else allowed


@bp.get("/duplicates")
@pages("county", "admin", "nurse")
def duplicates():
    """Pairs of children that may be the same child, side by side, each with a merge button."""
    return render_template("registry/duplicates.html", pairs=potential_duplicates(_units()),
                           unit=request.args.get("unit", ""))


@bp.post("/duplicates/merge")
@pages("county", "admin", "nurse")
def merge():
    """Merge `merge_id` into `keep_id` (a child_merge record, as from a phone); errors are shown by field."""
    result = merge_children(g.user, request.form.get("keep_id", ""), request.form.get("merge_id", ""),
                            request.form.get("reason", ""))
    if result["status"] == "created":
        db.session.commit()
        flash(_("已合并，所有记录已转到保留的儿童名下"), "ok")
    else:
        db.session.rollback()
        for field, messages in (result.get("errors") or {}).items():
            flash(f"{FIELD_NAMES.get(field, field)}：{'；'.join(messages)}", "error")
    return redirect(url_for("registry.duplicates", unit=request.form.get("unit") or None))

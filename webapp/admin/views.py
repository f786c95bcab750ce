"""Admin pages: thin views over the org, users and tokens services; everything inside the admin's county."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from webapp.access import pages
from webapp.admin.blueprint import bp
from webapp.admin.forms import ENTITY_FORMS, ENTITY_LABELS, KIND_LABELS, ROLE_LABELS, ConfirmForm, UserForm
from webapp.extensions import db
from webapp.models import DeviceToken, User
from webapp.services.accounts.device_health import county_devices
from webapp.services.accounts.tokens import revoke_token
from webapp.services.accounts.users import UserError, create_user, update_user
from webapp.services.admin.org import MODELS, OrgError, save_org_entity
from webapp.services.admin.queries import (
    county_entities,
    county_users,
    entity_in_county,
    org_names,
    scope_names,
    user_in_county,
)


@bp.get("/")
@pages("admin")
def index():
    """The admin start page."""
    return render_template("admin/index.html", labels=ENTITY_LABELS)


@bp.get("/org/<entity>")
@pages("admin")
def org_list(entity):
    """List one kind of organisation entity in the admin's county."""
    _known(entity)
    rows = county_entities(entity, g.user.scope_code)
    form = ENTITY_FORMS[entity](meta={"csrf": False})
    return render_template("admin/org_list.html", entity=entity, label=ENTITY_LABELS[entity], rows=rows,
                           columns=[(f.name, f.label.text) for f in form], kinds=KIND_LABELS,
                           names=org_names(g.user.scope_code))


@bp.route("/org/<entity>/new", methods=["GET", "POST"])
@bp.route("/org/<entity>/<code>", methods=["GET", "POST"])
@pages("admin")
def org_edit(entity, code=None):
    """Create or edit one organisation entity."""
    _known(entity)
    row = _entity_or_404(entity, code) if code else None
    form = ENTITY_FORMS[entity](obj=row)
    if form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k != "csrf_token"}
        if code:
            values["code"] = code
        try:
            save_org_entity(g.user, entity, values, create=code is None)
            _check_county(entity, values["code"])
            db.session.commit()
            flash(_("已保存"), "info")
            return redirect(url_for("admin.org_list", entity=entity))
        except OrgError as err:
            db.session.rollback()
            getattr(form, err.field, form.code).errors.append(err.message)
    return render_template("admin/form.html", form=form, title=ENTITY_LABELS[entity], editing=code)


def _known(entity):
    if entity not in ENTITY_FORMS:
        abort(404)


def _entity_or_404(entity, code):
    row = db.session.get(MODELS[entity], code)
    if row is None or not entity_in_county(entity, row, g.user.scope_code):
        abort(404)
    return row


def _check_county(entity, code):
    row = db.session.get(MODELS[entity], code)
    if not entity_in_county(entity, row, g.user.scope_code):
        raise OrgError("code", _("只能在本县范围内创建或修改"))


@bp.get("/users")
@pages("admin")
def users():
    """Users in the admin's county."""
    return render_template("admin/users.html", users=county_users(g.user.scope_code), roles=ROLE_LABELS,
                           names=scope_names(g.user.scope_code))


@bp.route("/users/new", methods=["GET", "POST"])
@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@pages("admin")
def user_edit(user_id=None):
    """Create or edit a user."""
    user = _user_or_404(user_id) if user_id else None
    form = UserForm(obj=user)
    if form.validate_on_submit():
        try:
            _save_user(form, user)
            db.session.commit()
            flash(_("已保存"), "info")
            return redirect(url_for("admin.users"))
        except UserError as err:
            db.session.rollback()
            field = {"scope": "scope_code"}.get(err.field, err.field)
            getattr(form, field, form.username).errors.append(err.message)
    return render_template("admin/form.html", form=form, title=_("用户"), editing=user_id)


def _save_user(form, user):
    d = form.data
    if user is None:
        user = create_user(d["username"], d["password"], d["role"], d["scope_code"], d["display_name"], g.user)
    else:
        update_user(g.user, user, d["role"], d["scope_code"], d["active"], d["display_name"], d["password"] or None)
    if not user_in_county(user, g.user.scope_code):
        raise UserError("scope", _("只能在本县范围内创建或修改"))


def _user_or_404(user_id):
    user = db.session.get(User, user_id)
    if not user_in_county(user, g.user.scope_code):
        abort(404)
    return user


@bp.get("/devices")
@pages("admin")
def devices():
    """Device tokens of the county's users, newest first."""
    return render_template("admin/devices.html", rows=county_devices(g.user.scope_code), form=ConfirmForm())


@bp.post("/devices/<int:token_id>/revoke")
@pages("admin")
def revoke(token_id):
    """Revoke a device token (a lost phone)."""
    form = ConfirmForm()
    row = db.session.get(DeviceToken, token_id)
    in_county = row is not None and user_in_county(row.user, g.user.scope_code)
    if not form.validate_on_submit() or not in_county:
        abort(404)
    revoke_token(g.user, token_id)
    db.session.commit()
    flash(_("设备已撤销"), "info")
    return redirect(url_for("admin.devices"))

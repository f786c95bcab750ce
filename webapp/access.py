"""Who may reach what: every view declares its rule, and one check enforces it.

A view is decorated with `pages(*roles)` (session login, HTML), `api(*roles)` (device token or session,
JSON) or `public()`. The declared rule is kept on the view as `access_rule`, so a test can walk the URL
map and fail on any endpoint that declares none.
"""

from functools import wraps

from flask import abort, g, request
from flask_babel import gettext as _
from flask_login import current_user

from webapp.errors import ApiError
from webapp.extensions import db
from webapp.services.accounts.tokens import authenticate_request

ALL_ROLES = ("nurse", "school", "county", "admin")


def _mark(view, kind, roles):
    view.access_rule = {"kind": kind, "roles": tuple(roles)}
    return view


def public():
    """The view is open to anyone (login page, health check, static shell)."""
    def deco(view):
        return _mark(view, "public", ())
    return deco


def pages(*roles):
    """The view needs a signed-in session user with one of these roles."""
    def deco(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                from flask import redirect, url_for
                return redirect(url_for("auth.login", next=request.full_path))
            if current_user.role not in roles:
                abort(403)
            g.user = current_user
            return view(*args, **kwargs)
        return _mark(wrapped, "pages", roles)
    return deco


def api(*roles):
    """The view needs a valid device token (or a session, for same-origin pages) with one of these roles."""
    def deco(view):
        @wraps(view)
        def wrapped(*args, **kwargs):

            user = authenticate_request()
            if user is None:
                raise ApiError(401, _("令牌缺失、已过期或已被撤销，请重新登录"), headers={"WWW-Authenticate": "Bearer"})
            if user.role not in roles:
                raise ApiError(403, _("无权执行此操作"))
            g.user = user
            result = view(*args, **kwargs)
            db.session.commit()  # persists the token's sliding expiry; views that wrote have committed
            return result
        return _mark(wrapped, "api", roles)
    return deco

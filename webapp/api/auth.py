"""POST /api/v1/auth/token: a device signs in and gets a bearer token."""

from flask import current_app
from flask_babel import gettext as _

from webapp.access import ALL_ROLES, api, public
from webapp.api.blueprint import bp
from webapp.errors import ApiError
from webapp.extensions import db
from webapp.schemas.auth import TokenRequestSchema, TokenResponseSchema, TokenUserSchema
from webapp.schemas.base import load_json_body
from webapp.services.accounts.tokens import issue_token
from webapp.services.accounts.users import authenticate
from webapp.throttle import sign_in_limits


def _token_limit():
    return current_app.config["TOKEN_RATE_LIMIT"]


@bp.post("/auth/token")
@sign_in_limits(_token_limit)
@public()
def create_token():
    """Exchange username and password for a device token."""
    body = load_json_body(TokenRequestSchema())
    user = authenticate(body["username"], body["password"])
    if user is None:
        raise ApiError(401, _("用户名或密码错误"))
    token, row = issue_token(user, body["device_id"], body["device_name"])
    db.session.commit()
    return TokenResponseSchema().dump({"token": token, "expires_at": row.expires_at, "user": user}), 201


@bp.get("/auth/me")
@api(*ALL_ROLES)
def who_am_i():
    """The signed-in user of this token (lets a phone check its token is still good)."""
    from flask import g
    return {"user": TokenUserSchema().dump(g.user)}

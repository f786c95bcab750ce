"""Sign-in pages; thin views over the users service."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from webapp.access import ALL_ROLES, pages, public
from webapp.auth.blueprint import bp
from webapp.auth.forms import LoginForm
from webapp.extensions import db
from webapp.services.accounts.sign_in_guard import throttle_notices
from webapp.services.accounts.users import authenticate
from webapp.throttle import sign_in_limits

HOME_BY_ROLE = {"admin": "admin.index", "county": "auth.home", "nurse": "auth.home", "school": "auth.home"}


def _login_limit():
    from flask import current_app
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@sign_in_limits(_login_limit, methods=["POST"], error_message="login-throttled")
@public()
def login():
    """Show the sign-in form and sign in."""
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        if user is None:
            flash(_("用户名或密码错误"), "error")
        else:
            session.clear()  # session fixation: a new session after sign-in
            session["epoch"] = user.session_epoch
            login_user(user)
            _tell_of_attacks(user)
            return redirect(_safe_next() or url_for(HOME_BY_ROLE[user.role]))
    return render_template("auth/login.html", form=form)


def _tell_of_attacks(user):
    if throttle_notices(user):
        flash(_("您的账号近期有多次失败的登录尝试，已被暂时拦截。如非本人操作，请联系管理员并更换密码。"), "warning")
    db.session.commit()


def _safe_next():
    target = request.args.get("next") or ""
    parts = urlsplit(target)
    return target if target.startswith("/") and not parts.netloc and not target.startswith("//") else None


@bp.route("/logout", methods=["POST"])
@pages(*ALL_ROLES)
def logout():
    """Sign out; every copy of this user's session cookie stops working."""
    current_user.session_epoch += 1
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("已退出登录"), "info")
    return redirect(url_for("auth.login"))


@bp.route("/")
@public()
def home():
    """The start page for a signed-in user; the sign-in page otherwise."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return render_template("auth/home.html")


@bp.route("/lang/<code>", methods=["POST"])
@public()
def set_language(code):
    """Switch between Chinese and English; remembered on the user when signed in."""
    if code in ("zh_CN", "en"):
        session["lang"] = code
        if current_user.is_authenticated:
            current_user.locale = code
            db.session.commit()
    return redirect(_safe_next() or url_for("auth.home"))

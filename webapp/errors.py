"""One error shape: problem+json (RFC 9457) under /api, Chinese HTML pages elsewhere."""

import logging
import traceback

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from webapp.extensions import db

log = logging.getLogger(__name__)

TITLES = {
    400: _l("请求无法理解"),
    401: _l("需要登录"),
    403: _l("无权访问"),
    404: _l("未找到"),
    405: _l("不允许的请求方法"),
    409: _l("冲突"),
    413: _l("请求过大"),
    422: _l("数据无效"),
    426: _l("客户端版本过旧，请更新应用"),
    429: _l("请求过于频繁，请稍后再试"),
    500: _l("服务器内部错误"),
    503: _l("服务暂时不可用，请稍后再试"),
}


class ApiError(Exception):
    """An error the API reports as problem+json."""

    def __init__(self, status, detail=None, errors=None, headers=None, **extra):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors
        self.headers, self.extra = headers or {}, extra


def problem(status, detail=None, errors=None, headers=None, **extra):
    """Build a problem+json response."""
    body = {"type": "about:blank", "title": str(TITLES.get(status, _("错误"))), "status": status,
            "detail": str(detail) if detail is not None else str(TITLES.get(status, ""))}
    if errors:
        body["errors"] = errors
    body.update(extra)
    resp = jsonify(body)
    resp.status_code = status
    resp.mimetype = "application/problem+json"
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


def bad_request(detail):
    """Abort with 400 and a message for the user (a problem's detail, or the text of the error page)."""
    from werkzeug.exceptions import BadRequest

    exc = BadRequest()
    exc.user_detail = detail
    raise exc


def wants_problem() -> bool:
    """API paths, and clients that prefer JSON, get problem+json."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "application/problem+json"])
    return best in ("application/json", "application/problem+json")


def _error_response(status, detail=None, headers=None):
    if wants_problem():
        return problem(status, detail, headers=headers)
    return render_template("error.html", status=status, title=TITLES.get(status, _("错误")),
                           detail=detail), status, headers or {}


def handle_api_error(exc: ApiError):
    """Render an ApiError."""
    return problem(exc.status, exc.detail, exc.errors, exc.headers, **exc.extra)


def handle_http(exc: HTTPException):
    """Render any werkzeug HTTP error in the negotiated shape, never with internal text."""
    headers = {}
    if exc.code == 429:
        headers["Retry-After"] = str(getattr(exc, "retry_after", None) or 60)
    if exc.code == 405 and exc.valid_methods:
        headers["Allow"] = ", ".join(exc.valid_methods)
    detail = getattr(exc, "user_detail", None)
    if exc.code == 429 and exc.description == "login-throttled":
        detail = _("登录尝试次数过多，请稍后再试（每分钟最多 5 次）")
    return _error_response(exc.code or 500, detail, headers)


def handle_unexpected(exc: Exception):
    """Roll back, log, and answer 500 (or 503 when the database is away) without exception text."""
    db.session.rollback()
    if is_db_unavailable(exc):
        log.warning("database unavailable: %s", _db_error_name(exc))
        return _error_response(503, headers={"Retry-After": "10"})
    _log_unexpected(exc)
    return _error_response(500)


def _log_unexpected(exc):
    """Log the stack; a database error without its message, which echoes submitted (personal) values."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return
    log.error("unhandled error on %s %s: %s\n%s", request.method, request.path, _db_error_name(exc),
              "".join(traceback.format_tb(exc.__traceback__)))


def _db_error_name(exc) -> str:
    """`OperationalError/OperationalError (SQLITE_ERROR) after SQLITE_FULL`: classes and codes of the error and of
    what caused it, never the messages (they may hold submitted values)."""
    orig = getattr(exc, "orig", None)
    name = f"{type(exc).__name__}/{type(orig).__name__} ({_code(orig)})"
    causes, seen = [], exc
    for _depth in range(5):  # bounded: exception chains can be long (or, rarely, cyclic)
        seen = seen.__cause__ or seen.__context__
        if seen is None:
            break
        code = _code(getattr(seen, "orig", seen))
        if code and code not in causes:
            causes.append(code)
    return name + "".join(f" after {c}" for c in causes if c != _code(orig))


def _code(error) -> str | None:
    return getattr(error, "sqlstate", None) or getattr(error, "sqlite_errorname", None)


def is_db_unavailable(exc) -> bool:
    """True for errors that mean the database is away or cannot write (answer 503 so clients retry later)."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    if isinstance(exc, OperationalError):
        text = str(getattr(exc, "orig", "")).lower()
        # "no such savepoint": SQLite rolled the whole transaction back itself (disk full, I/O error)
        return any(w in text for w in ("connect", "terminat", "server closed", "readonly", "read-only",
                                       "disk", "locked", "unable to open", "no such savepoint"))
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def register_error_handlers(app):
    """Wire the handlers onto the app."""
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)

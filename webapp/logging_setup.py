"""Structured logs: one JSON object per line with a request id, so a county IT person can follow one phone's request
through nginx, gunicorn and the app. Messages never carry personal data (no bodies, no query strings, no SQL
parameters); the request id is accepted from `X-Request-ID` (nginx sets it) or generated, and echoed back."""

import json
import logging
import re
import sys
import uuid
from datetime import UTC, datetime

from flask import g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
VALID_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")  # anything else (too long, odd characters) is replaced, not logged


class RequestIdFilter(logging.Filter):
    """Put the current request's id (or "-") on every record."""

    def filter(self, record):
        record.request_id = getattr(g, "request_id", "-") if has_request_context() else "-"
        return True


class JsonFormatter(logging.Formatter):
    """`{"ts","level","logger","message","request_id"[,"exc"]}` on one line, UTC timestamps."""

    def format(self, record):
        entry = {"ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name, "message": record.getMessage(),
                 "request_id": getattr(record, "request_id", "-")}
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(app) -> None:
    """JSON lines on stderr (LOG_FORMAT=json, the default outside development) or plain text. Like basicConfig,
    a process whose root logger already has handlers (pytest, a host's own logging config) keeps them."""
    app.before_request(assign_request_id)
    app.after_request(echo_request_id)
    root = logging.getLogger()
    if app.testing or app.debug or root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    fmt = app.config.get("LOG_FORMAT") or ("text" if app.config["ENV_NAME"] == "development" else "json")
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    root.addHandler(handler)
    root.setLevel(app.config.get("LOG_LEVEL") or "INFO")


def assign_request_id():
    """The id nginx (or the phone) sent, if it looks like one; else a new one."""
    sent = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = sent if VALID_ID.fullmatch(sent) else uuid.uuid4().hex


def echo_request_id(response):
    """Every response says which request it answers."""
    response.headers[REQUEST_ID_HEADER] = getattr(g, "request_id", None) or uuid.uuid4().hex
    return response

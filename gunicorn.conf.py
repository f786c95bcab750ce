"""gunicorn settings, from `.env` and the environment (see .env.example), read the same way as by `flask` and
wsgi.py: the file first (ENV_FILE, else .env from the working directory up), values already in the environment win."""

import json
import os
from datetime import UTC, datetime

from dotenv import find_dotenv, load_dotenv
from gunicorn.glogging import Logger

load_dotenv(os.environ.get("ENV_FILE") or find_dotenv(usecwd=True), override=False, encoding="utf-8")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")


class JsonAccessLogger(Logger):
    """The access log as JSON lines with a UTC timestamp and the request id the app echoed: method, path, status,
    bytes and seconds only, never query strings, bodies or user agents (personal data)."""

    def access(self, resp, req, environ, request_time):
        """One line per request."""
        if not self.access_log_enabled:
            return
        status = str(resp.status).split(None, 1)[0]
        headers = dict((k.lower(), v) for k, v in (resp.headers or []))
        entry = {"ts": datetime.now(UTC).isoformat(timespec="milliseconds"), "logger": "access",
                 "remote": environ.get("REMOTE_ADDR", "-"), "method": environ.get("REQUEST_METHOD"),
                 "path": environ.get("PATH_INFO"), "status": int(status) if status.isdigit() else status,
                 "bytes": getattr(resp, "sent", None),
                 "seconds": round(request_time.total_seconds(), 4),
                 "request_id": headers.get("x-request-id", "-")}
        self.access_log.info(json.dumps(entry, ensure_ascii=False))


logger_class = JsonAccessLogger

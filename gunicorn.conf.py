"""gunicorn settings, from the environment (see .env.example)."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
# The access log records method, path and status only: never query strings or bodies (personal data).
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'

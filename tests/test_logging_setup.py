"""Structured logs: one JSON object per line, with the request id the response echoes."""

import json
import logging

from webapp.logging_setup import JsonFormatter, RequestIdFilter


def test_a_log_line_in_a_request_is_json_with_the_request_id(app):
    record = logging.LogRecord("webapp.x", logging.WARNING, __file__, 1, "database unavailable: %s", ("E08006",),
                               None)
    with app.test_request_context("/healthz", headers={"X-Request-ID": "req-0123456789"}):
        app.preprocess_request()
        RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-0123456789" and line["level"] == "WARNING"
    assert line["message"] == "database unavailable: E08006" and line["ts"].endswith("+00:00")


def test_a_log_line_outside_a_request_has_no_request_id():
    record = logging.LogRecord("webapp.x", logging.INFO, __file__, 1, "started", (), None)
    RequestIdFilter().filter(record)
    assert json.loads(JsonFormatter().format(record))["request_id"] == "-"

"""Personal data stays out of the logs: pushes of named children, rejected items and database errors log no
names or phone numbers."""

import logging

import pytest
from sqlalchemy.exc import IntegrityError

from tests.factories import child_data, push_item
from tests.sync_client import sync as sync_fixture
from webapp import create_app

sync = sync_fixture  # the fixture, for the tests below

NAME, PHONE, GUARDIAN = "欧阳秘密", "13912345678", "欧阳监护"


@pytest.fixture
def all_logs(caplog):
    """Every log record of every logger, DEBUG and up."""
    caplog.set_level(logging.DEBUG)
    for name in ("sqlalchemy", "webapp", "flask", "werkzeug"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def _logged_text(caplog) -> str:
    out = []
    for record in caplog.records:
        out.append(record.getMessage())
        if record.exc_info:
            out.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(out)


def test_a_push_of_a_named_child_logs_no_name_or_phone(sync, all_logs):
    child = push_item("child", child_data(name=NAME, guardian_name=GUARDIAN, guardian_phone=PHONE))
    bad = push_item("child", child_data(name=NAME, guardian_phone=PHONE, sex="X"))
    other = {**child, "data": {**child["data"], "certificate_no": "C-999"}}
    assert sync.statuses([child, bad, other]) == ["created", "rejected", "conflict"]
    text = _logged_text(all_logs)
    assert all_logs.records, "nothing was logged at all: the capture is broken"
    assert NAME not in text and PHONE not in text and GUARDIAN not in text


def test_a_database_error_in_a_request_logs_no_submitted_values(app, all_logs):
    boom = create_app({"TESTING": False, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
                       "SECRET_KEY": "x" * 40, "ENV_NAME": "testing"})

    @boom.get("/api/v1/boom-insert")
    def boom_insert():
        from sqlalchemy import text

        from webapp.extensions import db
        db.session.execute(text("INSERT INTO counties (code, name) VALUES (:c, :n)"), {"c": PHONE, "n": NAME})
        db.session.execute(text("INSERT INTO counties (code, name) VALUES (:c, :n)"), {"c": PHONE, "n": NAME})
        raise AssertionError("unreachable")

    boom_insert.access_rule = {"kind": "public", "roles": ()}
    resp = boom.test_client().get("/api/v1/boom-insert")
    assert resp.status_code == 500 and NAME not in resp.get_data(as_text=True)
    text = _logged_text(all_logs)
    assert IntegrityError.__name__ in text, "the error was not logged at all"
    assert NAME not in text and PHONE not in text

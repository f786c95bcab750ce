"""A fresh, empty database per test (SQLite file or throwaway PostgreSQL database), for migrations and backups."""

from contextlib import contextmanager

from flask_migrate import upgrade

from tests import dbsetup
from webapp import create_app
from webapp.extensions import db


@contextmanager
def fresh_app(backend, tmp_path, revision="head"):
    """An app on a brand-new database migrated to `revision` (None: left empty), inside its app context."""
    url, pg_name = dbsetup.database_url(backend, tmp_path)
    app = create_app({"TESTING": True, "DATABASE_URL": url, "ENV_NAME": "testing",
                      "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789"})
    try:
        with app.app_context():
            if revision:
                upgrade(revision=revision)
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        if pg_name:
            dbsetup.drop_pg_database(pg_name)

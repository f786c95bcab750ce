"""Settings load the same way for every entry point: .env, then the environment; ENV_NAME must be chosen outside
tests; production needs a real SECRET_KEY and an explicit DATABASE_URL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from webapp import create_app

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("ENV_NAME", "SECRET_KEY", "DATABASE_URL", "ENV_FILE", "RATELIMIT_STORAGE_URI")


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No settings in the environment, and a working directory without a .env."""
    for key in KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_entry_point_without_env_name_refuses_to_start(clean_env):
    with pytest.raises(RuntimeError, match="ENV_NAME"):
        create_app()


def test_an_unknown_env_name_is_refused(clean_env, monkeypatch):
    monkeypatch.setenv("ENV_NAME", "prod")
    with pytest.raises(RuntimeError, match="ENV_NAME"):
        create_app()


def test_tests_default_to_the_testing_environment():
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://"})
    assert app.config["ENV_NAME"] == "testing"


def test_production_refuses_to_start_without_a_database_url(clean_env):
    with pytest.raises(RuntimeError, match="DATABASE_URL"):
        create_app({"ENV_NAME": "production", "SECRET_KEY": "k" * 40})


def test_create_app_reads_the_env_file_of_the_working_directory(clean_env):
    (clean_env / ".env").write_text("ENV_NAME=production\nSECRET_KEY=" + "s" * 40 + "\n"
                                    "DATABASE_URL=postgresql://immuqc@db.example:5432/immuqc\n", encoding="utf-8")
    try:
        app = create_app()
    finally:
        for key in KEYS:  # load_dotenv wrote into this process's environment
            os.environ.pop(key, None)
    assert app.config["ENV_NAME"] == "production" and app.config["SECRET_KEY"] == "s" * 40
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://immuqc@db.example:5432/immuqc"


def test_the_environment_wins_over_the_env_file(clean_env, monkeypatch):
    (clean_env / ".env").write_text("ENV_NAME=production\n", encoding="utf-8")
    monkeypatch.setenv("ENV_NAME", "development")
    app = create_app()
    assert app.config["ENV_NAME"] == "development"


def test_gunicorns_wsgi_module_reads_the_same_env_file(tmp_path):
    """What the issue saw: `flask` read .env but gunicorn (wsgi.py) came up in development on SQLite."""
    (tmp_path / ".env").write_text("ENV_NAME=production\nSECRET_KEY=" + "w" * 40 + "\n"
                                   "DATABASE_URL=sqlite:///" + str(tmp_path / "x.sqlite") + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in KEYS}
    env["PYTHONPATH"] = str(ROOT)
    code = "import wsgi; c = wsgi.app.config; print(c['ENV_NAME'], c['SQLALCHEMY_DATABASE_URI'])"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["production", f"sqlite:///{tmp_path / 'x.sqlite'}"]

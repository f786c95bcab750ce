"""Migrations on a fresh database per test: from empty, from an older schema with data, and every step down and up
again, on SQLite and PostgreSQL; the result always matches the models (what `flask db check` checks)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from tests import dbsetup
from tests.fresh_db import fresh_app
from webapp.extensions import db

BACKENDS = pytest.mark.parametrize("backend", dbsetup.BACKENDS)
FOUNDATION_ROWS = [
    "INSERT INTO counties (code, name) VALUES ('150424', '林西县')",
    "INSERT INTO townships (code, name, county_code) VALUES ('150424001', '林西镇', '150424')",
    "INSERT INTO units (code, name, kind, township_code, active) VALUES ('U01', '林西镇防保站', 'township_station', "
    "'150424001', true)",
    "INSERT INTO users (id, username, display_name, password_hash, role, scope_code, active, created_at) "
    "VALUES (1, 'nurse01', '王护士', 'x', 'nurse', 'U01', true, '2026-11-01 00:00:00+00')",
    "INSERT INTO audit_events (at, actor, action, object_kind, object_id) "
    "VALUES ('2026-11-01 00:00:00+00', 'cli', 'user.create', 'user', '1')",
    "INSERT INTO records (id, kind, rev, unit_code, data, content_hash, captured_at, captured_offset_min, "
    "corrected_at, captured_by, device_id, received_at, updated_at, deleted) VALUES "
    "('6f1c1a52-7d1e-4f57-9a55-0c0d3e0e0001', 'child', 1, 'U01', '{\"name\": \"王小明\"}', 'h', "
    "'2026-11-01 00:00:00+00', 480, '2026-11-01 00:00:00+00', 'nurse01', 'dev', '2026-11-01 00:00:00+00', "
    "'2026-11-01 00:00:00+00', false)",
    # rows that point at records and users: a migration that rebuilds either table must not trip over them
    "INSERT INTO record_revisions (id, record_id, rev, data, content_hash, captured_at, captured_by, pushed_by, "
    "device_id, received_at) VALUES (1, '6f1c1a52-7d1e-4f57-9a55-0c0d3e0e0001', 1, '{\"name\": \"王小明\"}', 'h', "
    "'2026-11-01 00:00:00+00', 'nurse01', 'nurse01', 'dev', '2026-11-01 00:00:00+00')",
    "INSERT INTO device_tokens (id, user_id, device_id, device_name, token_hash, created_at, last_used_at, "
    "expires_at) VALUES (1, 1, 'dev', '护士手机', 'x', '2026-11-01 00:00:00+00', '2026-11-01 00:00:00+00', "
    "'2026-12-01 00:00:00+00')",
]


def revisions() -> list[str]:
    """The chain from the first revision to head."""
    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def schema_drift() -> list:
    """Differences between the migrated database and the models (empty when `flask db check` is clean)."""
    args = current_app.extensions["migrate"].configure_args
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": args.get("compare_type", True)})
        return compare_metadata(context, db.metadata)


def current_revision() -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def app_tables() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def _insert_foundation_rows():
    with db.engine.begin() as conn:
        for statement in FOUNDATION_ROWS:
            conn.execute(text(statement))


def _foundation_rows_are_there():
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT display_name FROM users WHERE username = 'nurse01'")).scalar() == "王护士"
        assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar() == 1
        assert conn.execute(text("SELECT unit_code FROM records")).scalar() == "U01"
        assert conn.execute(text("SELECT count(*) FROM record_revisions")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM device_tokens")).scalar() == 1


@BACKENDS
def test_upgrade_from_empty_reaches_head_and_matches_the_models(backend, tmp_path):
    with fresh_app(backend, tmp_path, revision=None):
        assert app_tables() == set()
        upgrade()
        assert current_revision() == revisions()[-1]
        assert {t.name for t in db.metadata.sorted_tables} <= app_tables()
        assert schema_drift() == []


@BACKENDS
def test_data_from_an_older_schema_survives_the_previous_schema_and_head(backend, tmp_path):
    with fresh_app(backend, tmp_path, revision="0002"):
        _insert_foundation_rows()
        upgrade(revision=revisions()[-2])
        _foundation_rows_are_there()
        upgrade()
        assert current_revision() == revisions()[-1]
        _foundation_rows_are_there()
        assert schema_drift() == []


@BACKENDS
def test_every_step_downgrades_and_upgrades_again_with_data(backend, tmp_path):
    with fresh_app(backend, tmp_path):
        _insert_foundation_rows()
        for expected in reversed(revisions()[1:-1]):  # step down to 0002, one revision at a time, data kept
            downgrade(revision="-1")
            assert current_revision() == expected
            _foundation_rows_are_there()
        upgrade()
        _foundation_rows_are_there()
        assert schema_drift() == []
        if backend == "sqlite":  # migrations lift enforcement while tables are rebuilt, and put it back
            assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


@BACKENDS
def test_downgrade_to_base_drops_everything_and_upgrade_rebuilds_it(backend, tmp_path):
    with fresh_app(backend, tmp_path):
        downgrade(revision="base")
        assert app_tables() == set() and current_revision() is None
        upgrade()
        assert current_revision() == revisions()[-1] and schema_drift() == []


PRECHECK_ROW = (
    "INSERT INTO records (id, kind, rev, unit_code, data, content_hash, captured_at, captured_offset_min, "
    "corrected_at, captured_by, device_id, received_at, updated_at, deleted) VALUES "
    "(:id, 'precheck', 1, 'U01', :data, 'h', '2026-11-01 00:00:00+00', 480, '2026-11-01 00:00:00+00', "
    "'nurse01', 'dev', '2026-11-01 00:00:00+00', '2026-11-01 00:00:00+00', false)")


VACCINATION_ROW = PRECHECK_ROW.replace("'precheck'", "'vaccination'")


@BACKENDS
def test_existing_doses_and_prechecks_get_the_columns_the_scores_read(backend, tmp_path):
    import json

    planned = [{"vaccine": "HepB", "dose": 2}, {"vaccine": "DTaP", "dose": 1}]
    with fresh_app(backend, tmp_path, revision="0015"):
        _insert_foundation_rows()
        with db.engine.begin() as conn:
            for row, record_id, data in (
                    (VACCINATION_ROW, "v-full", {"vaccine": "HepB", "dose": 2, "precheck_id": "p-1"}),
                    (VACCINATION_ROW, "v-odd", {"vaccine": "MMR", "dose": "two"}),
                    (PRECHECK_ROW, "p-1", {"visit_date": "2026-11-02", "decision": "vaccinate", "planned": planned}),
                    (PRECHECK_ROW, "p-2", {"visit_date": "2026-11-02", "decision": "defer", "planned": "HepB"})):
                conn.execute(text(row), {"id": record_id, "data": json.dumps(data)})
        upgrade()
        with db.engine.connect() as conn:
            found = {r[0]: tuple(r[1:]) for r in conn.execute(text(
                "SELECT id, vaccine, dose, parent_id, decision, planned FROM records WHERE kind <> 'child'")).all()}
            child = conn.execute(text("SELECT vaccine, dose, parent_id, decision, planned FROM records "
                                      "WHERE kind = 'child'")).one()
        assert {k: v[:5] for k, v in found.items()} == {
            "v-full": ("HepB", 2, "p-1", None, None), "v-odd": ("MMR", None, None, None, None),
            "p-1": (None, None, None, "vaccinate", found["p-1"][4]), "p-2": (None, None, None, "defer", None)}
        assert json.loads(found["p-1"][4]) == planned
        assert tuple(child) == (None,) * 5
        _foundation_rows_are_there()


CONSENT_ROW = PRECHECK_ROW.replace("'precheck'", "'consent'")


@BACKENDS
def test_existing_consents_get_their_decision_vaccines_method_and_signature_projected(backend, tmp_path):
    import json

    vaccines = [{"vaccine": "HepB", "dose": 2, "category": "nip"}]
    signed = {"decision": "agree", "vaccines": vaccines, "method": "written", "signature": "data:image/png;base64,AA"}
    with fresh_app(backend, tmp_path, revision="0016"):
        _insert_foundation_rows()
        with db.engine.begin() as conn:
            for record_id, data in (("c-signed", signed), ("c-unsigned", {**signed, "signature": None}),
                                    ("c-oral", {"decision": "refuse", "vaccines": vaccines, "method": "oral"})):
                conn.execute(text(CONSENT_ROW), {"id": record_id, "data": json.dumps(data)})
        upgrade()
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, decision, method, signed, planned FROM records "
                                     "WHERE kind = 'consent'")).all()
        found = {r[0]: (r[1], r[2], None if r[3] is None else bool(r[3]), json.loads(r[4])) for r in rows}
        assert found == {"c-signed": ("agree", "written", True, vaccines),
                         "c-unsigned": ("agree", "written", False, vaccines),
                         "c-oral": ("refuse", "oral", False, vaccines)}
        _foundation_rows_are_there()


@BACKENDS
def test_existing_prechecks_get_their_missing_qc_fields_projected(backend, tmp_path):
    import json

    from webapp.domain.constants import SCREENING_QUESTIONS as QUESTIONS

    answers = {q: "no" for q in QUESTIONS}
    complete = {"visit_date": "2026-11-02", "temperature_c": 36.5, "answers": answers, "decision": "vaccinate"}
    lacking = {**complete, "answers": {**answers, "neuro": None}, "decision": "defer"}
    del lacking["temperature_c"]
    with fresh_app(backend, tmp_path, revision="0010"):
        _insert_foundation_rows()
        with db.engine.begin() as conn:
            for record_id, data in (("p-complete", complete), ("p-lacking", lacking)):
                conn.execute(text(PRECHECK_ROW), {"id": record_id, "data": json.dumps(data)})
        upgrade()
        with db.engine.connect() as conn:
            found = dict(conn.execute(text("SELECT id, qc_missing FROM records WHERE kind = 'precheck'")).all())
        assert found == {"p-complete": None, "p-lacking": "temperature_c,answers.neuro,decision_note"}
        _foundation_rows_are_there()


def test_the_qc_rule_on_write_is_the_one_migration_0011_projected():
    """A changed rule in capture.py needs a migration that projects `qc_missing` again (then move this test)."""
    import importlib.util
    from pathlib import Path

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from webapp.domain.constants import SCREENING_QUESTIONS as QUESTIONS
    from webapp.domain.metrics.capture import qc_missing

    path = Path(__file__).resolve().parents[1] / "migrations/versions/0011_records_qc_missing.py"
    spec = importlib.util.spec_from_file_location("m0011", path)
    m0011 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m0011)
    value = st.sampled_from([None, "", " ", "yes", "no", "maybe", 36.5])
    data = st.fixed_dictionaries({}, optional={
        "temperature_c": value, "decision": st.sampled_from(["vaccinate", "defer", "refer"]), "decision_note": value,
        "answers": st.dictionaries(st.sampled_from(QUESTIONS), value)})

    @settings(max_examples=300, deadline=None)
    @given(data)
    def same(d):
        assert m0011._missing(d) == qc_missing("precheck", d)
    same()

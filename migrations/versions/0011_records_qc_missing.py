"""records.qc_missing: a pre-check's missing QC fields, projected when it is written; existing pre-checks filled

Revision ID: 0011
Revises: 0010
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None
BATCH = 2000
# The QC rule as of this revision (webapp/domain/metrics/capture.py then), frozen here so that this migration
# projects what it always did; a later change to the rule comes with its own migration.
QUESTIONS = ("ill_today", "allergy_severe", "prior_reaction", "neuro", "immunodeficiency", "blood_products_3m",
             "live_vaccine_28d", "preterm_lbw", "chronic_unstable", "pregnant", "certificate_present")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing(data: dict) -> str | None:
    answers = data.get("answers") if isinstance(data.get("answers"), dict) else {}
    missing = ["temperature_c"] if _blank(data.get("temperature_c")) else []
    missing += [f"answers.{q}" for q in QUESTIONS if answers.get(q) not in ("yes", "no")]
    if data.get("decision") != "vaccinate" and _blank(data.get("decision_note")):
        missing.append("decision_note")
    return ",".join(missing) or None


def upgrade():
    op.add_column("records", sa.Column("qc_missing", sa.Text(), nullable=True))
    conn, last = op.get_bind(), ""
    page = sa.text("SELECT id, data FROM records WHERE kind = 'precheck' AND id > :last ORDER BY id LIMIT :n")
    while True:  # a page of pre-checks at a time, so a county's years of records never sit in memory at once
        rows = conn.execute(page, {"last": last, "n": BATCH}).all()
        if not rows:
            break
        updates = [{"id": record_id, "missing": missing} for record_id, data in rows
                   if (missing := _missing(json.loads(data) if isinstance(data, str) else (data or {})))]
        if updates:
            conn.execute(sa.text("UPDATE records SET qc_missing = :missing WHERE id = :id"), updates)
        last = rows[-1][0]


def downgrade():
    op.drop_column("records", "qc_missing")  # a plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): no table rebuild

"""records.vaccine, dose, decision, planned: what the scores read of vaccinations and pre-checks, beside their data

A vaccination's product and dose number, and its `parent_id` becomes its `precheck_id`; a pre-check's decision and
its planned doses as JSON text. Existing records are filled by one UPDATE per kind. Two covering indexes replace
(kind, unit_code, event_date) and (kind, child_id, change_seq), so a county's doses and pre-checks are read from
them without the rows.

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None
UNIT_COVER = ["kind", "unit_code", "event_date", "deleted", "child_id", "id", "corrected_at", "vaccine", "dose",
              "parent_id", "decision", "qc_missing", "planned"]
CHILD_DOSES = ["kind", "child_id", "change_seq", "deleted", "vaccine", "event_date", "id"]
# the values as services/records.py projects them (a text product code, a whole dose number, the pre-check's id, a
# text decision, the planned list's JSON text); PostgreSQL writes jsonb's own text of the list, which decodes alike
FILL = {
    "sqlite": (
        "UPDATE records SET vaccine = json_extract(data, '$.vaccine'), "
        "dose = CASE WHEN json_type(data, '$.dose') = 'integer' THEN json_extract(data, '$.dose') END, "
        "parent_id = json_extract(data, '$.precheck_id') WHERE kind = 'vaccination'",
        "UPDATE records SET decision = json_extract(data, '$.decision'), "
        "planned = CASE WHEN json_type(data, '$.planned') = 'array' THEN json(json_extract(data, '$.planned')) END "
        "WHERE kind = 'precheck'"),
    "postgresql": (
        "UPDATE records SET vaccine = data ->> 'vaccine', "
        "dose = CASE WHEN jsonb_typeof(data -> 'dose') = 'number' AND (data ->> 'dose') ~ '^-?[0-9]+$' "
        "THEN (data ->> 'dose')::integer END, "
        "parent_id = data ->> 'precheck_id' WHERE kind = 'vaccination'",
        "UPDATE records SET decision = data ->> 'decision', "
        "planned = CASE WHEN jsonb_typeof(data -> 'planned') = 'array' THEN data ->> 'planned' END "
        "WHERE kind = 'precheck'"),
}


def upgrade():
    op.add_column("records", sa.Column("vaccine", sa.String(length=32), nullable=True))
    op.add_column("records", sa.Column("dose", sa.Integer(), nullable=True))
    op.add_column("records", sa.Column("decision", sa.String(length=16), nullable=True))
    op.add_column("records", sa.Column("planned", sa.Text(), nullable=True))
    for statement in FILL[op.get_bind().dialect.name]:
        op.execute(statement)
    op.create_index("ix_records_kind_unit_date_cover", "records", UNIT_COVER)
    op.drop_index("ix_records_kind_unit_date", table_name="records")
    op.create_index("ix_records_kind_child_doses", "records", CHILD_DOSES)
    op.drop_index("ix_records_kind_child_seq", table_name="records")


def downgrade():
    op.create_index("ix_records_kind_child_seq", "records", ["kind", "child_id", "change_seq"])
    op.drop_index("ix_records_kind_child_doses", table_name="records")
    op.create_index("ix_records_kind_unit_date", "records", ["kind", "unit_code", "event_date"])
    op.drop_index("ix_records_kind_unit_date_cover", table_name="records")
    op.execute("UPDATE records SET parent_id = NULL WHERE kind = 'vaccination'")
    for column in ("planned", "decision", "dose", "vaccine"):
        op.drop_column("records", column)

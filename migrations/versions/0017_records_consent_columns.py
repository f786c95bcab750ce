"""records.method, signed: a consent's notice method and whether it is signed; its decision and vaccines projected

A consent's `decision` and its `vaccines` (as `planned`, compact JSON text) join the columns of migration 0016, and
the covering index over (kind, unit_code, event_date) also holds `state`, `method` and `signed`, so the scores read
a sampled month's consents without their JSON (a signature image is up to 64 KB of it). Existing consents are
filled by one UPDATE.

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None
BEFORE = ["kind", "unit_code", "event_date", "deleted", "child_id", "id", "corrected_at", "vaccine", "dose",
          "parent_id", "decision", "qc_missing", "planned"]
COVER = BEFORE + ["state", "method", "signed"]
# the values as services/records.py projects them: signed when the signature is a non-empty string
FILL = {
    "sqlite": "UPDATE records SET decision = json_extract(data, '$.decision'), "
              "method = json_extract(data, '$.method'), "
              "signed = COALESCE(json_type(data, '$.signature') = 'text' "
              "AND length(json_extract(data, '$.signature')) > 0, 0), "
              "planned = CASE WHEN json_type(data, '$.vaccines') = 'array' "
              "THEN json(json_extract(data, '$.vaccines')) END WHERE kind = 'consent'",
    "postgresql": "UPDATE records SET decision = data ->> 'decision', method = data ->> 'method', "
                  "signed = COALESCE(jsonb_typeof(data -> 'signature') = 'string' "
                  "AND length(data ->> 'signature') > 0, false), "
                  "planned = CASE WHEN jsonb_typeof(data -> 'vaccines') = 'array' THEN data ->> 'vaccines' END "
                  "WHERE kind = 'consent'",
}


def upgrade():
    op.add_column("records", sa.Column("method", sa.String(length=16), nullable=True))
    op.add_column("records", sa.Column("signed", sa.Boolean(), nullable=True))
    op.execute(FILL[op.get_bind().dialect.name])
    op.drop_index("ix_records_kind_unit_date_cover", table_name="records")
    op.create_index("ix_records_kind_unit_date_cover", "records", COVER)


def downgrade():
    op.drop_index("ix_records_kind_unit_date_cover", table_name="records")
    op.create_index("ix_records_kind_unit_date_cover", "records", BEFORE)
    op.execute("UPDATE records SET decision = NULL, planned = NULL WHERE kind = 'consent'")
    op.drop_column("records", "signed")
    op.drop_column("records", "method")

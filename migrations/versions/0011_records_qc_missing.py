"""records.qc_missing: a pre-check's missing QC fields, projected when it is written; existing pre-checks filled

Revision ID: 0011
Revises: 0010
"""
import json

import sqlalchemy as sa
from alembic import op

from webapp.domain.metrics.capture import qc_missing

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None
BATCH = 2000


def upgrade():
    op.add_column("records", sa.Column("qc_missing", sa.Text(), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, data FROM records WHERE kind = 'precheck'")).all()
    updates = []
    for record_id, data in rows:
        missing = qc_missing("precheck", json.loads(data) if isinstance(data, str) else (data or {}))
        if missing:
            updates.append({"id": record_id, "missing": missing})
    for start in range(0, len(updates), BATCH):
        conn.execute(sa.text("UPDATE records SET qc_missing = :missing WHERE id = :id"),
                     updates[start:start + BATCH])


def downgrade():
    with op.batch_alter_table("records") as batch:
        batch.drop_column("qc_missing")

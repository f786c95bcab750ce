"""records: the stored measures' marks read by unit, kind and event date (the index covers them)

Revision ID: 0014
Revises: 0013
"""
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_records_unit_kind_date_seq", "records", ["unit_code", "kind", "event_date", "change_seq"])
    op.drop_index("ix_records_unit_kind_seq", table_name="records")


def downgrade():
    op.create_index("ix_records_unit_kind_seq", "records", ["unit_code", "kind", "change_seq"])
    op.drop_index("ix_records_unit_kind_date_seq", table_name="records")

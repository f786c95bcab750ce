"""stored_measures: each metric's measure per unit and window, kept while the rows it read are unchanged

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "stored_measures",
        sa.Column("unit_code", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("inputs", sa.String(length=64), nullable=False),
        sa.Column("seen", sa.String(length=96), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("unit_code", "key"),
    )
    op.create_index("ix_stored_measures_day", "stored_measures", ["day"])
    op.create_index("ix_records_unit_kind_seq", "records", ["unit_code", "kind", "change_seq"])


def downgrade():
    op.drop_index("ix_records_unit_kind_seq", table_name="records")
    op.drop_index("ix_stored_measures_day", table_name="stored_measures")
    op.drop_table("stored_measures")

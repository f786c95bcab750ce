"""schedule_statuses: the engine's per-child view kept while its inputs are unchanged; a covering index

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "schedule_statuses",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("inputs", sa.String(length=96), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("month_end", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("child_id", "on_date"),
    )
    op.create_index("ix_records_kind_child_seq", "records", ["kind", "child_id", "change_seq"])


def downgrade():
    op.drop_index("ix_records_kind_child_seq", table_name="records")
    op.drop_table("schedule_statuses")

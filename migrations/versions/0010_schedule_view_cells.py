"""schedule_statuses: views kept as integer cells (dose groups × counted/due days) and rejected doses apart

The table is a cache of the schedule engine's output: its rows are dropped and evaluated again on the next
computation (the engine fingerprint changed with the format anyway).

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _table(*columns):
    op.create_table(
        "schedule_statuses",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("inputs", sa.String(length=96), nullable=False),
        *columns,
        sa.Column("month_end", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("child_id", "on_date"),
    )


def upgrade():
    op.drop_table("schedule_statuses")
    _table(sa.Column("doses", sa.LargeBinary(), nullable=False), sa.Column("rejected", sa.Text(), nullable=True))


def downgrade():
    op.drop_table("schedule_statuses")
    _table(sa.Column("status", sa.Text(), nullable=False))

"""sync: change log and device sync status (issue 3)

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sync_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "reference_snapshots",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("keys", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("referral_unit", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("change_seq", sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f("ix_records_referral_unit"), ["referral_unit"], unique=False)
        batch_op.create_index(batch_op.f("ix_records_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("uq_records_zero_report_unit_period", ["unit_code", "period"], unique=True,
                              sqlite_where=sa.text("kind = 'aefi_zero_report'"),
                              postgresql_where=sa.text("kind = 'aefi_zero_report'"))


def downgrade():
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index("uq_records_zero_report_unit_period")
        batch_op.drop_index(batch_op.f("ix_records_change_seq"))
        batch_op.drop_index(batch_op.f("ix_records_referral_unit"))
        batch_op.drop_column("change_seq")
        batch_op.drop_column("referral_unit")
    op.drop_table("reference_snapshots")
    op.drop_table("sync_counter")

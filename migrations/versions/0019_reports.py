"""monthly_report_submissions: a unit's monthly report as submitted, kept so a later change of the data shows as a
difference from the submitted figures (issue 22)

Revision ID: 0019_reports
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "monthly_report_submissions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_code", sa.String(32), sa.ForeignKey("units.code"), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("figures", JSON, nullable=False),
        sa.Column("submitted_by", sa.String(64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_monthly_report_submissions_unit_code", "monthly_report_submissions", ["unit_code"])


def downgrade():
    op.drop_index("ix_monthly_report_submissions_unit_code", table_name="monthly_report_submissions")
    op.drop_table("monthly_report_submissions")

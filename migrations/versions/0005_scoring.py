"""scoring: assessments, manual entries, summaries (issue 7)

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade():
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.String(length=64), nullable=False),
        sa.Column("unit_code", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("sample_month", sa.String(length=7), nullable=True),
        sa.Column("sample_children", JSON, nullable=False),
        sa.Column("assessor", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["unit_code"], ["units.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("template_id", "unit_code", "period", name="uq_assessments_tpl_unit_period"),
    )
    op.create_index("ix_assessments_unit_code", "assessments", ["unit_code"])
    op.create_table(
        "score_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("part_code", sa.String(length=32), nullable=False),
        sa.Column("item_code", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("adjustment", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("veto", sa.Boolean(), nullable=False),
        sa.Column("photo", sa.String(length=80), nullable=True),
        sa.Column("entered_by", sa.String(length=64), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("assessment_id", "part_code", "item_code", name="uq_score_entries_item"),
    )
    op.create_index("ix_score_entries_assessment_id", "score_entries", ["assessment_id"])
    op.create_table(
        "score_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.String(length=64), nullable=False),
        sa.Column("template_version", sa.String(length=32), nullable=False),
        sa.Column("unit_code", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("items", JSON, nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("records_seen", sa.Integer(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_score_snapshots_key", "score_snapshots", ["template_id", "unit_code", "period", "computed_at"])
    op.create_table(
        "monthly_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=32), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("edited_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("filed_by", sa.String(length=64), nullable=True),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["unit_code"], ["units.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_code", "month", name="uq_monthly_summaries_unit_month"),
    )
    op.create_index("ix_monthly_summaries_unit_code", "monthly_summaries", ["unit_code"])


def downgrade():
    op.drop_index("ix_monthly_summaries_unit_code", table_name="monthly_summaries")
    op.drop_table("monthly_summaries")
    op.drop_index("ix_score_snapshots_key", table_name="score_snapshots")
    op.drop_table("score_snapshots")
    op.drop_index("ix_score_entries_assessment_id", table_name="score_entries")
    op.drop_table("score_entries")
    op.drop_index("ix_assessments_unit_code", table_name="assessments")
    op.drop_table("assessments")

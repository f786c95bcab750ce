"""schools: school-entry check tables (issue 5)

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "school_roster_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_check_id", sa.String(length=36), nullable=False),
        sa.Column("school_code", sa.String(length=32), nullable=False),
        sa.Column("class_name", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("guardian_phone", sa.String(length=32), nullable=True),
        sa.Column("imported_by", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("school_roster_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_roster_entries_school_check_id"), ["school_check_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_school_roster_entries_school_code"), ["school_code"], unique=False)
        batch_op.create_index("uq_school_roster_batch_student", ["school_check_id", "name", "birth_date"],
                              unique=True)
    op.create_table(
        "school_contraindications",
        sa.Column("student_check_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("unit_code", sa.String(length=32), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("student_check_id"),
    )


def downgrade():
    op.drop_table("school_contraindications")
    with op.batch_alter_table("school_roster_entries", schema=None) as batch_op:
        batch_op.drop_index("uq_school_roster_batch_student")
        batch_op.drop_index(batch_op.f("ix_school_roster_entries_school_code"))
        batch_op.drop_index(batch_op.f("ix_school_roster_entries_school_check_id"))
    op.drop_table("school_roster_entries")

"""equipment: the cold-chain register of each unit (reference kind `equipment` of records.md), pulled by the
county's devices; the readings themselves are records (`temperature_reading`) in the record store

Revision ID: 0020
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "equipment",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("unit_code", sa.String(32), sa.ForeignKey("units.code"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("range_min", sa.Float(), nullable=False),
        sa.Column("range_max", sa.Float(), nullable=False),
        sa.Column("readings_per_day", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_equipment_unit_code", "equipment", ["unit_code"])


def downgrade():
    op.drop_index("ix_equipment_unit_code", table_name="equipment")
    op.drop_table("equipment")

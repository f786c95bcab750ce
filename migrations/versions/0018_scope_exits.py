"""scope_exits: a record's unit, school or referral unit before a write moved it, so the old scope's devices get a
tombstone at their next pull (a student re-referred to another unit leaves the first unit's phones)

Moves before this migration are not recorded: a device that pulled such a record keeps it until a full re-pull.

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "scope_exits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("unit_code", sa.String(32), nullable=True),
        sa.Column("school_code", sa.String(32), nullable=True),
        sa.Column("referral_unit", sa.String(32), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_scope_exits_change_seq", "scope_exits", ["change_seq"])


def downgrade():
    op.drop_index("ix_scope_exits_change_seq", table_name="scope_exits")
    op.drop_table("scope_exits")

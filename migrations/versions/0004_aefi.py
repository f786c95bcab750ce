"""aefi: review settings and AEFI tables (issue 6)

Revision ID: 0004
Revises: 0003
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    pass  # reserved slot in the chain; the owning area fills it with its tables


def downgrade():
    pass

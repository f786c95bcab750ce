"""sync: change log and device sync status (issue 3)

Revision ID: 0003
Revises: 0002
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    pass  # reserved slot in the chain; the owning area fills it with its tables


def downgrade():
    pass

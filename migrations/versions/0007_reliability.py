"""reliability: audit and operations tables (issue 8)

Revision ID: 0007
Revises: 0006
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    pass  # reserved slot in the chain; the owning area fills it with its tables


def downgrade():
    pass

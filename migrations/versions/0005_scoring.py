"""scoring: assessments, manual entries, summaries (issue 7)

Revision ID: 0005
Revises: 0004
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    pass  # reserved slot in the chain; the owning area fills it with its tables


def downgrade():
    pass

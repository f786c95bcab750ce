"""schools: school-entry check tables (issue 5)

Revision ID: 0006
Revises: 0005
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    pass  # reserved slot in the chain; the owning area fills it with its tables


def downgrade():
    pass

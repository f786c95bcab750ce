"""units.address, units.hours: where a vaccination unit is and when it vaccinates, pulled with the unit's reference
data and printed on the school's 补种通知单 (both optional: existing units get none)

Revision ID: 0021
Revises: 0020
"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("units", sa.Column("address", sa.String(length=200), nullable=True))
    op.add_column("units", sa.Column("hours", sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table("units") as batch:
        batch.drop_column("hours")
        batch.drop_column("address")

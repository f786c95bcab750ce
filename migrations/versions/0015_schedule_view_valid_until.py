"""schedule_statuses.valid_until: a view holds from its day to the day before, while the child's doses are unchanged

Rows stored before it have none and are used on their own day only (the engine fingerprint changed with it
anyway, so they are evaluated again on the next computation). An index on (child_id, valid_until) is not needed:
the primary key's child_id leads every lookup.

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("schedule_statuses") as batch:
        batch.add_column(sa.Column("valid_until", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("schedule_statuses") as batch:
        batch.drop_column("valid_until")

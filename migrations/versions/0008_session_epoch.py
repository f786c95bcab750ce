"""users.session_epoch: sign-out invalidates every copy of a session cookie

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("session_epoch", sa.Integer(), nullable=False, server_default="0"))


def downgrade():
    op.drop_column("users", "session_epoch")  # no table rebuild: SQLite would refuse it under rows that point here

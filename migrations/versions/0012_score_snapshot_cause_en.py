"""score_snapshots.cause_en: why a scorecard changed, in English beside the Chinese (older snapshots keep Chinese)

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("score_snapshots", sa.Column("cause_en", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("score_snapshots", "cause_en")  # a plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): no table rebuild

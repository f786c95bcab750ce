"""Unbound extension singletons; everyone imports them from here."""

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

from webapp.dbtypes import render_migration_item


class Base(DeclarativeBase):
    """Declarative base for typed models."""


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True, render_item=render_migration_item)
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
compress = Compress()  # JSON responses only (COMPRESS_MIMETYPES): a phone's first pull is 10× smaller
# Every limit names its key function (webapp/throttle.py); the address is only the fallback.
limiter = Limiter(key_func=get_remote_address, default_limits=[])

"""The public privacy page (个人信息保护说明)."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

from webapp.privacy import views  # noqa: E402,F401

"""The api blueprint itself, apart from its views, so that no view imports the package that imports it."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

"""The stock blueprint itself, apart from its views, so that no view imports the package that imports it."""

from flask import Blueprint

bp = Blueprint("stock", __name__, url_prefix="/stock")

"""GET /privacy: what personal data ImmuQC holds, why, who sees it and how long it is kept."""

from flask import render_template

from webapp.access import public
from webapp.privacy.blueprint import bp


@bp.get("/privacy")
@public()
def privacy():
    """The privacy notice, open to everyone (guardians included)."""
    return render_template("privacy/privacy.html")

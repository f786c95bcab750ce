"""Rate-limit keys: who a request is counted as. Only a bearer token that authenticated may name a bucket."""

import hashlib

from flask import current_app, request
from flask_limiter.util import get_remote_address

from webapp.services.accounts.tokens import request_token_row


def _short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def rate_key() -> str:
    """Per live device token (the phones of a clinic share one address), else per address: a made-up or revoked
    token counts against its address, so a random `Authorization` header cannot buy a fresh bucket."""
    row = request_token_row()
    if row is not None:
        return f"t:{row.id}"
    return "ip:" + (get_remote_address() or "-")


def sign_in_name() -> str:
    """The username a sign-in names (form or JSON `username`), trimmed and case-folded."""
    body = request.get_json(silent=True)
    name = request.form.get("username") or (body.get("username") if isinstance(body, dict) else None) or ""
    return str(name).strip().casefold()


def account_key() -> str:
    """The account a sign-in names (hashed): failed passwords are also counted per account, so guesses spread over
    many addresses still stop."""
    return "a:" + _short(sign_in_name())


def account_limit() -> str:
    """The failed sign-ins one account may have (ACCOUNT_SIGN_IN_LIMIT), on the web form and the token endpoint."""
    return current_app.config["ACCOUNT_SIGN_IN_LIMIT"]


def failed_sign_in(response) -> bool:
    """Whether a sign-in response is a refusal (the form shown again, 401), the only ones the account limit counts."""
    return response.status_code in (200, 400, 401, 422)

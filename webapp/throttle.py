"""Rate-limit keys: who a request is counted as. Only a bearer token that authenticated may name a bucket."""

import hashlib

from flask import current_app, request
from flask_limiter.util import get_remote_address

from webapp.extensions import db, limiter
from webapp.services.accounts.sign_in_guard import note_throttled
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
    """The account a sign-in names, at this address (hashed): one address's guesses at an account stop there, and
    do not lock the owner out elsewhere."""
    return "a:" + _short(sign_in_name() + "|" + (get_remote_address() or "-"))


def account_limit() -> str:
    """The failed sign-ins at one account from one address (ACCOUNT_SIGN_IN_LIMIT), web form and token endpoint."""
    return current_app.config["ACCOUNT_SIGN_IN_LIMIT"]


def spread_key() -> str:
    """The account a sign-in names, from any address (hashed): guesses spread over many addresses still stop."""
    return "s:" + _short(sign_in_name())


def spread_limit() -> str:
    """The failed sign-ins at one account from all addresses together (ACCOUNT_SPREAD_LIMIT)."""
    return current_app.config["ACCOUNT_SPREAD_LIMIT"]


def owners_device() -> bool:
    """The request carries a live device token of the very account it signs in to: the owner's own phone is never
    held back by the account limits (its address limit still applies)."""
    row = request_token_row()
    return row is not None and row.user.username.casefold() == sign_in_name()


def account_throttled(_limit) -> None:
    """An account limit refused a sign-in: audited, so the owner is told at the next sign-in."""
    note_throttled(sign_in_name(), get_remote_address() or "-")
    db.session.commit()


def failed_sign_in(response) -> bool:
    """Whether a sign-in response is a refusal (the form shown again, 401), the only ones the account limit counts."""
    return response.status_code in (200, 400, 401, 422)


def sign_in_limits(address_limit, **options):
    """The limits of a sign-in endpoint: per address, and failed sign-ins per account at an address and per account
    from all addresses (neither for the owner's own device; a refusal is audited for the owner)."""
    def deco(view):
        account = {"deduct_when": failed_sign_in, "exempt_when": owners_device, "on_breach": account_throttled,
                   **options}
        view = limiter.limit(spread_limit, key_func=spread_key, **account)(view)
        view = limiter.limit(account_limit, key_func=account_key, **account)(view)
        return limiter.limit(address_limit, key_func=rate_key, **options)(view)
    return deco

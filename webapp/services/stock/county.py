"""What the county reads about its units' stock: every unit's lots, lots expiring soon, counts that differ from the
book, doses given from expired lots."""

from datetime import date, timedelta

from flask import current_app

from webapp.extensions import db
from webapp.models import Unit
from webapp.services.reference_data import vaccines_by_code
from webapp.services.stock.lots import stock_of_units


def vaccine_label(code: str, lang: str) -> str:
    """The vaccine's name in the user's language (the code when the catalogue does not know it)."""
    entry = vaccines_by_code().get(code) or {}
    return entry.get("en" if lang == "en" else "zh") or code


def expiry_warn_days() -> int:
    """Days before expiry from which a lot on the shelf is listed (STOCK_EXPIRY_WARN_DAYS, 60 by default)."""
    return int(current_app.config.get("STOCK_EXPIRY_WARN_DAYS", 60))


def _row(unit: Unit, lot, on: date, warn_until: date, lang: str) -> dict:
    row = {"unit": unit.code, "unit_name": unit.name, "vaccine_name": vaccine_label(lot.vaccine, lang), **lot.as_dict()}
    expiry = lot.expiry_date
    row["expired"] = bool(expiry and expiry < on and lot.balance > 0)
    row["expiring"] = bool(expiry and on <= expiry <= warn_until and lot.balance > 0)
    row["mismatch"] = bool(row["count_difference"])
    return row


def county_stock(units: list[str], on: date, lang: str) -> dict:
    """Lots of the units that the stock tracks (received or moved), and the lists the county acts on."""
    names = {u.code: u for u in db.session.query(Unit).filter(Unit.code.in_(units)).order_by(Unit.code)}
    warn_until = on + timedelta(days=expiry_warn_days())
    rows, untracked = [], {}
    for code, lots in stock_of_units(list(names), on).items():
        for lot in lots:
            if lot.received or lot.counted is not None:
                rows.append(_row(names[code], lot, on, warn_until, lang))
            elif lot.expiry_date and lot.expiry_date >= on:
                untracked[code] = untracked.get(code, 0) + 1
    return {"rows": rows, "expiring": [r for r in rows if r["expiring"] or r["expired"]],
            "mismatches": [r for r in rows if r["mismatch"]], "expired_given": [r for r in rows if r["given_expired"]],
            "untracked": untracked, "warn_days": expiry_warn_days()}

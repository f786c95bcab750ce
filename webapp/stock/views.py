"""County pages: every unit's stock by lot, the cold chain of a month, 留观 rates of a month (thin views)."""

from datetime import date

from flask import abort, g, render_template, request
from flask_babel import get_locale

from webapp.access import pages
from webapp.domain.periods import parse_period
from webapp.services import county
from webapp.services.scope import unit_codes_for
from webapp.services.stock.cold_chain import cold_chain_month
from webapp.services.stock.county import county_stock
from webapp.services.stock.observations import observation_rates
from webapp.stock.blueprint import bp


def _month():
    name = request.args.get("month") or county.today().strftime("%Y-%m")
    try:
        period = parse_period(name)
    except ValueError:
        abort(400)
    if period.kind != "month":
        abort(400)
    return period


@bp.get("/")
@pages("county")
def lots():
    """Every unit's stock by lot on a day, lots expiring soon, counts that differ from the book, expired doses."""
    try:
        on = date.fromisoformat(request.args["on"]) if request.args.get("on") else county.today()
    except ValueError:
        abort(400)
    return render_template("stock/lots.html", on=on, **county_stock(unit_codes_for(g.user), on, str(get_locale())))


@bp.get("/cold-chain")
@pages("county")
def cold_chain():
    """Per unit and appliance for a month: readings owed, missing slots, readings out of range and their action."""
    period = _month()
    units = cold_chain_month(unit_codes_for(g.user), period, county.today(), county.zone())
    return render_template("stock/cold_chain.html", period=period, units=units)


@bp.get("/observations")
@pages("county")
def observations():
    """留观 rates per unit for a month."""
    period = _month()
    return render_template("stock/observations.html", period=period,
                           rows=observation_rates(unit_codes_for(g.user), period))

"""Properties of the schedule engine over random histories: consistency between due doses and validity."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webapp.domain.schedule import due_doses, evaluate

NIP = ["HepB", "BCG", "IPV", "bOPV", "tOPV", "DTaP", "DT", "MMR", "MR", "MV", "JE-L", "JE-I", "MPSV-A", "MPSV-AC",
       "HepA-L", "HepA-I", "VarV"]


@st.composite
def histories(draw):
    birth = date(2005, 1, 1) + timedelta(days=draw(st.integers(0, 7800)))
    on = birth + timedelta(days=draw(st.integers(0, 7000)))
    doses = [{"vaccine": draw(st.sampled_from(NIP)), "date": birth + timedelta(days=draw(st.integers(0, 7000)))}
             for _ in range(draw(st.integers(0, 14)))]
    return birth, on, doses


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_missing_doses_are_due_by_on_date_and_complete_means_none_missing(history):
    birth, on, doses = history
    result = evaluate(birth, on, doses)
    assert all(m["due_since"] <= on.isoformat() for m in result["missing"])
    assert all(birth.isoformat() <= n["date"] <= on.isoformat() for n in result["not_counted"])
    assert result["complete"] is (result["missing"] == [])
    for series in {m["series"] for m in result["missing"]}:
        numbers = [m["dose"] for m in result["missing"] if m["series"] == series]
        assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_a_dose_offered_today_counts_when_given_today(history):
    birth, on, doses = history
    for offer in due_doses(birth, on, doses):
        if not offer["can_give_today"]:
            continue
        after = evaluate(birth, on, [*doses, {"vaccine": offer["vaccine"], "date": on}])
        assert not any(n["date"] == on.isoformat() and n["vaccine"] == offer["vaccine"]
                       for n in after["not_counted"]), (offer, after["not_counted"])
        still = [m for m in after["missing"] if m["series"] == offer["series"] and m["dose"] == offer["dose"]]
        assert not still, (offer, still)

"""The routine doses the coverage metrics count (domain.md §1.2, 2021 schedule): group key, vaccines, minimum age.

A group is `<series>-<dose>`; DT (白破) is its own group `DT-1` because the plans score it apart. A vaccination
record maps to a group by its vaccine code and its `dose` number; JE-I doses 1–2 both count as `JE-1` and
dose 3 as `JE-2`; inactivated HepA dose 1 counts as `HepA-1`. To be replaced by the schedule engine's due-dose
helper when it lands.
"""

from datetime import date
from functools import lru_cache

SERIES = {"HepB": "HepB", "BCG": "BCG", "IPV": "Polio", "bOPV": "Polio", "tOPV": "Polio", "DTaP": "DTP", "DT": "DT",
          "MMR": "MCV", "MR": "MCV", "MV": "MCV", "JE-L": "JE", "JE-I": "JE", "MPSV-A": "MenA", "MPSV-AC": "MenAC",
          "HepA-L": "HepA", "HepA-I": "HepA"}
# group → (minimum age in months, Chinese label)
DOSES = {
    "HepB-1": (0, "乙肝疫苗第1剂"), "HepB-2": (1, "乙肝疫苗第2剂"), "HepB-3": (6, "乙肝疫苗第3剂"),
    "BCG-1": (0, "卡介苗"),
    "Polio-1": (2, "脊灰疫苗第1剂"), "Polio-2": (3, "脊灰疫苗第2剂"), "Polio-3": (4, "脊灰疫苗第3剂"),
    "Polio-4": (48, "脊灰疫苗第4剂"),
    "DTP-1": (3, "百白破疫苗第1剂"), "DTP-2": (4, "百白破疫苗第2剂"), "DTP-3": (5, "百白破疫苗第3剂"),
    "DTP-4": (18, "百白破疫苗第4剂"), "DT-1": (72, "白破疫苗"),
    "MCV-1": (8, "含麻疹成分疫苗第1剂"), "MCV-2": (18, "含麻疹成分疫苗第2剂"),
    "JE-1": (8, "乙脑疫苗第1剂"), "JE-2": (24, "乙脑疫苗第2剂"),
    "MenA-1": (6, "A群流脑疫苗第1剂"), "MenA-2": (9, "A群流脑疫苗第2剂"),
    "MenAC-1": (36, "A群C群流脑疫苗第1剂"), "MenAC-2": (72, "A群C群流脑疫苗第2剂"),
    "HepA-1": (18, "甲肝疫苗"),
}
MIN_INTERVAL_DAYS = 28


@lru_cache(maxsize=512)
def group_of(vaccine: str, dose) -> str | None:
    """The coverage group of a vaccination record, or None for a dose the plans do not count."""
    series = SERIES.get(vaccine)
    if series is None:
        return None
    n = int(dose or 0)
    if vaccine == "JE-I":
        n = {1: 1, 2: 1, 3: 2}.get(n, 0)
    key = f"{series}-{n}"
    return key if key in DOSES else None


@lru_cache(maxsize=65536)
def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month when it does not exist)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def due_date(birth: date, group: str) -> date:
    """The day a child becomes due for a dose."""
    return add_months(birth, DOSES[group][0])

"""vaccine_coverage (范本2 item 11 接种率): each vaccine's coverage over its doses due in a birth cohort.

"某种疫苗接种率 = 某种疫苗实际接种人数 / 某种疫苗应接种人数", checked for the children born in the years the plan
names. For each vaccine of `VACCINES` and each birth year y from Y − 6 to Y (Y: the period's year), over the
unit's registry children born in y and counted on the period's last day E (not `moved_out`/`deceased` by then):
应种 = the vaccine's doses (its dose groups) that the schedule engine counted by E or that are open and fell due by
E; 实种 = those counted by E (in any unit; catch-up counts). A `temporary` child counts only for the doses counted.
Group key `<vaccine>@<year>` (every year and vaccine present, possibly empty, so Y can be read back from the keys);
one finding per child and missing dose (evidence: the child). The rule (per_step_below with `cohort`) adds up the
years the plan names, relative to Y, per vaccine (rubric/rules.py).
"""

from datetime import date

import numpy as np

from webapp.domain.metrics import reasons_en as en
from webapp.domain.metrics.context import Context, UnitRows, counted_on, temporary
from webapp.domain.metrics.coverage import statuses
from webapp.domain.metrics.dose_views import GROUP_INDEX, LABELS
from webapp.domain.rubric.model import Evidence, Finding, Measure

VACCINES = {
    "HepB": ("乙肝疫苗", "HepB vaccine", ("HepB-1", "HepB-2", "HepB-3")),
    "BCG": ("卡介苗", "BCG vaccine", ("BCG-1",)),
    "Polio": ("脊灰疫苗", "Polio vaccine", ("Polio-1", "Polio-2", "Polio-3", "Polio-4")),
    "DTP": ("百白破疫苗", "DTaP vaccine", ("DTP-1", "DTP-2", "DTP-3", "DTP-4")),
    "MCV": ("含麻疹成分疫苗", "Measles-containing vaccine", ("MCV-1", "MCV-2")),
    "JE": ("乙脑疫苗", "JE vaccine", ("JE-1", "JE-2")),
    "Men": ("流脑疫苗", "Meningococcal vaccine", ("MenA-1", "MenA-2", "MenAC-1", "MenAC-2")),
    "HepA": ("甲肝疫苗", "HepA vaccine", ("HepA-1",)),
}
YEARS_BACK = 6


def _year_measures(children, views, day, year) -> dict:
    """vaccine → Measure over the children born in one year."""
    rows = views.rows_of(c.id for c in children)
    given, due = views.given[rows], views.due[rows]
    end = day.toordinal()
    visiting = np.fromiter((temporary(c) for c in children), dtype=bool, count=len(children))[:, None]
    counted = given > 0
    missed = ~counted & (due > 0) & (due <= end) & ~visiting
    out = {}
    for vaccine, (label, label_en, groups) in VACCINES.items():
        m = out[vaccine] = Measure(label=label, label_en=label_en, examined=len(children))
        for group in groups:
            g = GROUP_INDEX[group]
            m.numerator += int(counted[:, g].sum())
            m.denominator += int(counted[:, g].sum() + missed[:, g].sum())
            for r in np.flatnonzero(missed[:, g]):
                due_day = date.fromordinal(int(due[r, g]))
                m.findings.append(Finding(f"{year}年出生，{LABELS[group]}应种未种（{due_day}起应种）",
                                          (Evidence("child", children[r].id),), en.DOSE_MISSED[group], due_day))
    return out


def vaccine_coverage(rows: UnitRows, ctx: Context) -> Measure:
    """Per vaccine and birth year: the doses due by the period's last day and those given."""
    day, year = ctx.last_day, ctx.start.year
    views = statuses(rows, day)
    measure = Measure(label="接种率", label_en="Coverage")
    for born in range(year - YEARS_BACK, year + 1):
        children = [c for c in rows.children if c.birth_date.year == born and c.birth_date <= day
                    and counted_on(c, day)]
        measure.examined += len(children)
        for vaccine, m in _year_measures(children, views, day, born).items():
            measure.groups[f"{vaccine}@{born}"] = m
    return measure

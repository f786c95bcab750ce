"""Rules marked [GK] in domain.md (stated from memory, unverified): never cost points unless the county turns them on.

A schedule setting marked `"source": "GK"` in webapp/data/schedule/*.json is such a rule (book.gk_settings):
the HepB intervals (28 days, 60 days, 4 months: 三.4's 乙肝三针衔接), the DT catch-up intervals from 6 years
(1 and 6 months), the 2025 schedule's 6-year DTaP interval, the IPV-required birth date, the catch-up age and
the Td age of DTP, the 2007 measles cohort date. The scoring views evaluate the schedule leniently (engine
`lenient`): a dose only such an interval rejects counts, so none of them costs coverage; the doses they would
have rejected are schedule_errors' `gk` group (GK_GROUP), added to the findings only when SCORE_GK_RULES is on
(services/county.py gk_rules(); services/scoring/scorecards.py with_settings). The scorecard lists them as checks
not scored, with `unverified_rules()` naming the rules. The other [GK] settings reach no score: the IPV-required
date only names the product of a dose already due (or a 5th polio dose, in no dose group), the catch-up and Td
ages choose which interval or product applies (the intervals are waived), and the 2007 measles cohort date
concerns children born before 2008 (over 7: in no coverage denominator).
"""

import json
from functools import lru_cache

from webapp.domain.schedule.book import DATA_DIR, gk_settings

GK_GROUP = "gk"


@lru_cache(maxsize=1)
def unverified_rules() -> tuple[str, ...]:
    """The Chinese descriptions of the [GK] settings (as the schedule files word them), in file order."""
    out = []
    for path in sorted(DATA_DIR.glob("*.json")):
        for name, spec in (json.loads(path.read_text(encoding="utf-8")).get("settings") or {}).items():
            if name in gk_settings() and isinstance(spec, dict) and spec.get("doc") and spec["doc"] not in out:
                out.append(spec["doc"])
    return tuple(out)

"""The shapes of a rubric template, of a metric's measure and of a scorecard."""

from dataclasses import dataclass, field

RULE_TYPES = ("per_step_below", "per_occurrence", "all_or_nothing", "none_then_zero", "ratio", "bonus", "manual")


def is_english(lang) -> bool:
    """True for an English locale ("en", "en_GB", a babel Locale); Chinese (the default) otherwise."""
    return str(lang or "").lower().startswith("en")


class Titled:
    """A plan node with a Chinese `title` and an optional English `title_en`."""

    def title_for(self, lang) -> str:
        """The English title in an English locale when the template gives one; the Chinese title otherwise."""
        return self.title_en if self.title_en and is_english(lang) else self.title


def english_text(en, params) -> str:
    """An English reason: `en` itself when it is text, else `en(params)` (formatted only when asked for)."""
    return en if isinstance(en, str) else en(params)


class Reasoned:
    """A finding or deduction with a Chinese `reason` and an optional English form (`en` and its `params`)."""

    __slots__ = ()

    def reason_for(self, lang) -> str:
        """The English reason in an English locale when one is known; the Chinese reason otherwise."""
        return english_text(self.en, self.params) if self.en is not None and is_english(lang) else self.reason


@dataclass(frozen=True)
class Evidence:
    """A record behind a deduction (record kind + id), or a note when no record can show it."""

    kind: str
    id: str


@dataclass(slots=True)
class Finding(Reasoned):
    """One counted thing a metric found (an incomplete record, a child without a dose), with its records.

    `en` is an English text or a function of `params` (one value, a tuple when it needs several) giving one, so
    English is formatted only when shown; None keeps the Chinese reason in English too. A county-year has tens of
    thousands of findings: the hot ones pass a single untracked value (a date), not a new tuple for the collector.
    """

    reason: str
    evidence: tuple = ()
    en: object = None
    params: object = None
    tag: str = ""  # a kind of finding a rule may price apart (per_occurrence `tagged`), e.g. `unrecorded`


@dataclass
class Measure:
    """What a metric measured for one unit and period: how many rows it examined, a rate, its findings, its label.

    `label` names the measure in the rate rules' reasons; `label_en` in English ("" falls back to `label`).
    `pending`: nothing to measure yet (范本1 三 without a village survey): the item is pending, not scored.
    """

    examined: int = 0
    numerator: float = 0
    denominator: float = 0
    findings: list = field(default_factory=list)
    groups: dict = field(default_factory=dict)
    label: str = ""
    label_en: str = ""
    pending: bool = False

    @property
    def rate(self) -> float | None:
        """numerator / denominator in percent, or None when nothing was due."""
        return None if not self.denominator else 100.0 * self.numerator / self.denominator


@dataclass(frozen=True)
class Rule:
    """How an item turns a measure into points; `params` depend on the type (see docs/scoring.md)."""

    type: str
    params: dict


@dataclass(frozen=True)
class Item(Titled):
    """A scored line of the plan."""

    code: str
    title: str
    max: float
    rule: Rule
    metric: str | None = None
    floor: float | None = 0.0
    bonus: bool = False
    veto: bool = False
    number: str = ""
    title_en: str = ""
    basis: str = "plan"      # "system" where the plan states no rate or points and the system's setting supplies them
    setting: str = ""        # that setting in words (Chinese), shown beside "本系统设定"
    setting_en: str = ""
    # a part of the plan's rule no record can judge (系笔误扣1分, 原因不在儿童家长): how the assessor applies it, by
    # an on-site adjustment (现场核查调整) that may also give back points the data deducted, never above the max
    on_site: str = ""
    on_site_en: str = ""

    def setting_for(self, lang) -> str:
        """The system's setting in the reader's language (English when given)."""
        return self.setting_en if self.setting_en and is_english(lang) else self.setting

    def on_site_for(self, lang) -> str:
        """How the assessor applies what the data cannot judge, in the reader's language."""
        return self.on_site_en if self.on_site_en and is_english(lang) else self.on_site


@dataclass(frozen=True)
class Section(Titled):
    """A chapter of the plan: a max, whether items only deduct (以扣分为准) and the lowest score (可扣负分)."""

    code: str
    title: str
    max: float
    items: tuple
    deduct: bool = False
    floor: float | None = 0.0
    number: str = ""
    title_en: str = ""
    survey_cohort: tuple = ()  # (min, max) months of age on the survey day of the children a village survey takes


@dataclass(frozen=True)
class Part(Titled):
    """An assessment (e.g. the H1 one) with its weight in the total and the slice of the year it covers."""

    code: str
    title: str
    weight: float
    period: str
    total: float
    sections: tuple
    title_en: str = ""


@dataclass(frozen=True)
class Template(Titled):
    """A whole plan, identified by id and version."""

    id: str
    version: str
    title: str
    total: float
    parts: tuple
    title_en: str = ""

    def part(self, code: str):
        """The part with this code, or None."""
        return next((p for p in self.parts if p.code == code), None)

    def section(self, part_code: str, section_code: str):
        """The section of a part with this code, or None."""
        part = self.part(part_code)
        return next((s for s in part.sections if s.code == section_code), None) if part else None

    def items(self):
        """Every (part, section, item) of the plan in order."""
        for part in self.parts:
            for section in part.sections:
                for item in section.items:
                    yield part, section, item


@dataclass(slots=True)
class Deduction(Reasoned):
    """Points taken (negative) or given (bonus, positive), why, and the records or note behind it.

    `en` and `params` give the reason in English as for `Finding`; an assessor's note is never translated.
    """

    points: float
    reason: str
    evidence: tuple = ()
    note: str = ""
    en: object = None
    params: object = None


@dataclass
class ItemScore:
    """The score of one item: source `computed` or `manual`, `pending` when no assessor entry exists yet."""

    part: str
    section: str
    item: Item
    score: float
    source: str
    deductions: list
    pending: bool = False
    measure: Measure | None = None

"""China's 2010 cause classes and the WHO causality categories (domain.md §2.2 mapping)."""

FINAL_CLASSES = ("general_reaction", "rare_reaction", "quality_event", "program_error", "coincidental",
                 "psychogenic", "undetermined", "pending")
WHO_CATEGORIES = ("A1", "A2", "A3", "A4", "B1", "B2", "C", "D")
WHO_FOR_CLASS = {
    "general_reaction": ("A1",),
    "rare_reaction": ("A1",),
    "quality_event": ("A2",),
    "program_error": ("A3",),
    "psychogenic": ("A4",),
    "coincidental": ("C",),
    "undetermined": ("B1", "B2", "D"),
    "pending": (),
}


def who_options(final_class: str) -> tuple[str, ...]:
    """The WHO categories consistent with a China class (empty for 待定)."""
    return WHO_FOR_CLASS.get(final_class, ())


def default_who(final_class: str) -> str | None:
    """The WHO category a class maps to when the mapping is unambiguous."""
    options = who_options(final_class)
    return options[0] if len(options) == 1 else None


def classification_error(final_class: str | None, who: str | None) -> str | None:
    """Why a (class, WHO category) pair is inconsistent, or None when it is consistent."""
    if final_class not in FINAL_CLASSES:
        return "final_class"
    if final_class == "pending":
        return "who_causality" if who else None
    if who is None:
        return None
    return None if who in who_options(final_class) else "who_causality"


def is_classified(final_class: str | None) -> bool:
    """A final class other than 待定 counts for 分类率."""
    return final_class in FINAL_CLASSES and final_class != "pending"

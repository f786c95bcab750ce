"""Field and answer names as the phone app shows them (its catalogues in pwa/src/i18n): in deduction reasons and on
the record pages behind them.

The phone app's `field.*` (a record field), `q.*` (a pre-check question under `answers`), and `code.*`, `decision.*`,
`route.*` ... and `form.yes`/`form.no` (a coded value) texts are the one source; a field or value they do not name is
shown as stored.
"""

import json
from functools import lru_cache
from pathlib import Path

CATALOGUES = Path(__file__).resolve().parents[2] / "pwa" / "src" / "i18n"
CODE_GROUPS = {"mother_hbsag": "hbsag", "kind": "school_kind",  # fields whose codes the app names under another group
               "swelling_grade": "size_grade", "induration_grade": "size_grade"}


@lru_cache(maxsize=4)
def _texts(lang: str) -> dict:
    try:
        return json.loads((CATALOGUES / ("en.json" if lang == "en" else "zh-CN.json")).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # no app sources beside the server: the stored names stand
        return {}


def _leaf(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def field_label(path: str, lang: str) -> str | None:
    """The app's name for a field path (`temperature_c`, `answers.ill_today`, `planned.0.vaccine`), or None."""
    texts = _texts(lang)
    if path.startswith("answers."):
        return texts.get(f"q.{path[len('answers.'):]}")
    return texts.get(f"field.{path}") or texts.get(f"field.{_leaf(path)}")


def value_label(path: str, value: str, lang: str) -> str | None:
    """The app's name for a coded value of a field (`sex` F → 女, `decision` vaccinate → 可以接种, an answer yes →
    是), or None."""
    texts, leaf = _texts(lang), _leaf(path)
    if path.startswith("answers."):
        return texts.get(f"form.{value}")
    return texts.get(f"code.{CODE_GROUPS.get(leaf, leaf)}.{value}") or texts.get(f"{leaf}.{value}")


def labelled(lines, lang: str) -> list[tuple[str, str | None, str, str | None]]:
    """(path, its label, value, the value's label) for flattened (path, value) lines."""
    return [(path, field_label(path, lang), value, value_label(path, value, lang) if value else None)
            for path, value in lines]


def field_name(path: str, lang: str) -> str:
    """A field path in words for a reason (`answers.neuro` → the question; `vaccines.1.lot_no` → its label (2)), or
    the path itself when the app does not name it."""
    label = field_label(path, lang)
    if label is None:
        return path
    index = next((int(part) for part in path.split(".") if part.isdigit()), None)
    if index is None:
        return label
    return f"{label} ({index + 1})" if lang == "en" else f"{label}（{index + 1}）"


def field_names(paths, lang: str) -> str:
    """Several fields in words, as a reason lists them (`、` between them in Chinese, `; ` in English)."""
    return ("; " if lang == "en" else "、").join(field_name(p, lang) for p in paths)

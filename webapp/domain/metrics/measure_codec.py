"""A Measure as JSON and back, for the stored measures (services/scoring/stored_measures.py).

A finding keeps its Chinese reason and its evidence; its English form is formatted once when stored (the text a
reader would see, `reason_for("en")`), so what comes back reads the same in both languages. Groups nest.
"""

import json

from webapp.domain.rubric.model import Evidence, Finding, Measure, english_text


def _finding(f: Finding) -> list:
    en = None if f.en is None else english_text(f.en, f.params)
    out = [f.reason, [[e.kind, e.id] for e in f.evidence], en]
    return [*out, f.tag] if f.tag else out


def _plain(m: Measure) -> dict:
    out = {"e": m.examined, "n": m.numerator, "d": m.denominator, "l": m.label, "le": m.label_en,
           "f": [_finding(f) for f in m.findings]}
    if m.groups:
        out["g"] = {name: _plain(g) for name, g in m.groups.items()}
    if m.pending:
        out["p"] = 1
    return out


def _measure(d: dict) -> Measure:
    findings = [Finding(reason, tuple(Evidence(kind, id_) for kind, id_ in evidence), en, None, tag[0] if tag else "")
                for reason, evidence, en, *tag in d["f"]]
    return Measure(d["e"], d["n"], d["d"], findings, {name: _measure(g) for name, g in d.get("g", {}).items()},
                   d["l"], d["le"], bool(d.get("p")))


def dumps(measure: Measure) -> str:
    """The measure as compact JSON."""
    return json.dumps(_plain(measure), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Measure:
    """The measure `dumps` wrote."""
    return _measure(json.loads(text))

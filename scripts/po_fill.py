"""Developer tool: apply a JSON {msgid: English} mapping to the en catalog (the .po stays the source of truth).

Usage: python scripts/po_fill.py mapping.json   — then `make i18n` compiles. Prints what is still untranslated.
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "webapp/translations/en/LC_MESSAGES/messages.po"


def main(argv):
    """Fill msgstr from the mapping files given, then list the msgids still empty."""
    mapping = {}
    for name in argv:
        mapping.update(json.loads(Path(name).read_text(encoding="utf-8")))
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="en")
    for message in catalog:
        if message.id and not message.string and message.id in mapping:
            message.string = mapping[message.id]
        if message.id and message.fuzzy and message.id in mapping:
            message.string = mapping[message.id]
            message.flags.discard("fuzzy")
    with PO.open("wb") as fh:
        write_po(fh, catalog, width=0, sort_output=True, omit_header=False)
    missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    print(json.dumps(missing, ensure_ascii=False, indent=0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Exports that do not need personal data carry none: score rankings, scorecards and the annual school-check report
name no child, guardian or phone number, even when the records behind them do.

(The AEFI line list and the school check/catch-up registers are the working lists that need names; they are only
open to the roles that work with them: see the role matrix.)"""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.factories import (
    add_record,
    child_data,
    precheck_data,
    school_check_data,
    student_check_data,
    vaccination_data,
)

CHILD, GUARDIAN, PHONE = "欧阳隐私", "欧阳家长", "13912345678"
STUDENT, STUDENT_PHONE = "司马隐私", "13787654321"
EXPORTS = ["/scores/export.csv", "/scores/export.xlsx", "/scores/card/county-plan-2014/2026/U01/export.csv",
           "/scores/card/county-plan-2014/2026/U01/export.xlsx", "/schools/annual?format=xlsx&year=2026"]


@pytest.fixture
def named_records(demo_org, db):
    """A named child with a pre-check and a dose in U01, and a named student in S01 referred for catch-up."""
    child = add_record("child", child_data(name=CHILD, guardian_name=GUARDIAN, guardian_phone=PHONE))
    precheck = add_record("precheck", precheck_data(child.id))
    add_record("vaccination", vaccination_data(child.id, precheck_id=precheck.id))
    batch = add_record("school_check", school_check_data(), captured_by="demo-school")
    add_record("student_check", student_check_data(batch.id, name=STUDENT, guardian_phone=STUDENT_PHONE),
               captured_by="demo-school")
    db.session.commit()


def _text(resp) -> str:
    if resp.mimetype.endswith("spreadsheetml.sheet"):
        book = load_workbook(io.BytesIO(resp.get_data()), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
                         if cell is not None)
    return "\n".join(",".join(row) for row in csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))


@pytest.mark.parametrize("url", EXPORTS)
def test_aggregate_exports_carry_no_names_or_phone_numbers(auth, client, named_records, url):
    auth.login("demo-county")
    resp = client.get(url)
    assert resp.status_code == 200, url
    text = _text(resp)
    assert text.strip(), f"{url} exported nothing: the check would be empty"
    for secret in (CHILD, GUARDIAN, PHONE, STUDENT, STUDENT_PHONE):
        assert secret not in text, f"{url} exports {secret}"


def test_the_check_register_that_needs_names_has_them(auth, client, named_records):
    """The control: the same records do reach the export that needs them, so the test above can fail."""
    auth.login("demo-county")
    resp = client.get("/schools/S01/register?format=xlsx&year=2026")
    assert resp.status_code == 200 and STUDENT in _text(resp)

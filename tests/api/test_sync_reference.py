"""Reference data served to devices: field rules from the schemas, the vaccine catalogue, consent notices."""

import hashlib
import json

from webapp.schemas.records.fields import FIELDS_JSON, field_rules, qc_missing
from webapp.services.reference_data import consent_templates, vaccine_catalogue


def test_field_rules_are_served_from_the_schemas(client, app):
    resp = client.get("/api/v1/reference/fields")
    body = resp.get_json()
    assert resp.status_code == 200 and body == field_rules()
    assert body["child"]["birth_date"] == {"type": "date", "level": "required"}
    assert body["child"]["guardian_phone"] == {"type": "string", "level": "qc"}
    assert body["child"]["mother_hbsag"] == {"type": "string", "enum": ["positive", "negative", "unknown"]}
    assert body["aefi_report"]["vaccines"]["fields"]["lot_no"]["level"] == "required"
    assert body["consent"]["signature"]["qc_when"] == {"method": ["written"]}


def test_the_committed_fields_json_is_current():
    assert json.loads(FIELDS_JSON.read_text(encoding="utf-8")) == json.loads(json.dumps(field_rules())), (
        "regenerate with: python -m webapp.schemas.records.fields")


def test_every_record_kind_has_rules_and_every_required_field_is_marked():
    rules = field_rules()
    assert set(rules) == {"child", "precheck", "consent", "vaccination", "aefi_report", "aefi_review",
                          "aefi_zero_report", "school_check", "student_check", "child_merge", "survey", "survey_child",
                          "stock_movement", "temperature_reading", "observation"}
    assert rules["stock_movement"]["note"]["qc_when"] == {"kind": ["waste"]}
    assert rules["temperature_reading"]["action"]["qc_when_outside_range"] is True
    required = {k for k, v in rules["vaccination"].items() if v.get("level") == "required"}
    assert required == {"unit_code", "child_id", "vaccine", "dose", "given_on", "lot_no", "manufacturer",
                        "strategy", "nurse"}


def test_qc_gaps_are_listed_by_field_path():
    assert qc_missing("child", {"unit_code": "U01", "guardian_name": "王"}) == [
        "guardian_phone", "certificate_no", "village_code", "resident_since"]
    precheck = {"decision": "defer", "planned": [], "temperature_c": 36.5,
                "answers": {"ill_today": "yes"}}
    assert qc_missing("precheck", precheck) == ["decision_note", "answers"]
    consent = {"method": "written", "informed": ["variety"]}
    assert qc_missing("consent", consent) == ["signature", "informed"]
    aefi = {"vaccines": [{"vaccine": "DTaP", "route": "IM"}], "fever_grade": 1, "swelling_grade": 1,
            "induration_grade": 1, "diagnosis": "x", "reporter_phone": "1"}
    assert qc_missing("aefi_report", aefi) == ["vaccines.0.site"]


def test_the_vaccine_catalogue_has_every_code_of_the_contract(client, token_for):
    codes = {v["code"] for v in vaccine_catalogue()["vaccines"]}
    assert {"HepB", "BCG", "IPV", "bOPV", "tOPV", "DTaP", "DT", "MMR", "MR", "MV", "JE-L", "JE-I", "MPSV-A",
            "MPSV-AC", "HepA-L", "HepA-I", "Hib", "PCV13", "EV71", "VarV", "Rota", "Flu", "HPV", "Rabies"} == codes
    resp = client.get("/api/v1/reference/vaccines", headers=token_for("demo-nurse"))
    assert resp.status_code == 200 and resp.get_json() == vaccine_catalogue()


def test_every_notice_version_carries_the_sha256_of_its_exact_text_and_all_five_items(client, token_for):
    for template in consent_templates():
        for version in template["versions"]:
            assert hashlib.sha256(version["text"].encode("utf-8")).hexdigest() == version["sha256"]
            assert set(version["items"]) == {"variety", "effect", "contraindications", "adverse_reactions",
                                             "precautions"}
            assert all(text in version["text"] for text in version["items"].values())
    resp = client.get("/api/v1/reference/consent-templates", headers=token_for("demo-nurse"))
    assert resp.get_json() == {"templates": consent_templates()}


def test_catalogue_endpoints_need_a_token(client, demo_org):
    assert client.get("/api/v1/reference/vaccines").status_code == 401

"""GET /api/v1/reference/*: the vaccine catalogue, consent notices and the record field rules, for devices."""

from webapp.access import ALL_ROLES, api, public
from webapp.api.blueprint import bp
from webapp.schemas.records.fields import field_rules
from webapp.services.reference_data import consent_templates, vaccine_catalogue


@bp.get("/reference/fields")
@public()
def reference_fields():
    """Every record kind's fields with type, `*` (required) and `qc` levels — read from the schemas.
    ---
    get:
      summary: Record field rules (required / QC-required), generated from the server's schemas
      responses:
        200: {description: "{kind: {field: {type, level?, enum?, fields?}}}"}
    """
    return field_rules()


@bp.get("/reference/vaccines")
@api(*ALL_ROLES)
def reference_vaccines():
    """The vaccine catalogue (codes, Chinese and English names, NIP or not, series).
    ---
    get:
      summary: Vaccine catalogue
      security: [{bearer: []}]
      responses:
        200: {description: "{version, vaccines: [...]}"}
        401: {$ref: "#/components/responses/Problem"}
    """
    return vaccine_catalogue()


@bp.get("/reference/consent-templates")
@api(*ALL_ROLES)
def reference_consent_templates():
    """Consent notice templates: every version's exact text and its sha256.
    ---
    get:
      summary: Consent notice templates
      security: [{bearer: []}]
      responses:
        200: {description: "{templates: [{id, vaccines, versions: [{version, text, sha256, ...}]}]}"}
        401: {$ref: "#/components/responses/Problem"}
    """
    return {"templates": consent_templates()}

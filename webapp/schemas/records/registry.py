"""Schemas of the registry's own record kinds: `child_merge` 重复儿童合并 (records.md)."""

from webapp.schemas.records.common import RecordSchema, code, record_id, text


class ChildMergeSchema(RecordSchema):
    """`child_merge`: `keep_id` stays, `merge_id` is merged into it."""

    unit_code = code("required")
    keep_id = record_id("required")
    merge_id = record_id("required")
    reason = text(None, 200)

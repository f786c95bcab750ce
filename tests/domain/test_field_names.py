"""Record fields and coded values are named as the phone app names them, in the reader's language."""

from webapp.domain.field_names import field_label, field_name, labelled, value_label


def test_fields_questions_and_list_items_take_the_apps_names():
    assert field_label("temperature_c", "zh_CN") == "体温（℃）"
    assert field_label("answers.ill_today", "zh_CN").startswith("近几天是否有发热")
    assert field_label("planned.0.vaccine", "zh_CN") == "疫苗"
    assert field_label("temperature_c", "en").lower().startswith("temperature")
    assert field_label("no_such_field", "zh_CN") is None


def test_coded_values_take_the_apps_names_and_others_stay_as_stored():
    assert value_label("sex", "F", "zh_CN") == "女" and value_label("mother_hbsag", "negative", "zh_CN") == "阴性"
    assert value_label("decision", "vaccinate", "zh_CN") == "可以接种"
    assert value_label("answers.neuro", "no", "zh_CN") == "否" and value_label("answers.neuro", "no", "en") == "No"
    assert value_label("lot_no", "202505C", "zh_CN") is None
    assert labelled([("sex", "M"), ("name", "林若轩"), ("guardian_phone", "")], "zh_CN") == [
        ("sex", "性别", "M", "男"), ("name", "姓名", "林若轩", None), ("guardian_phone", "监护人电话", "", None)]


def test_a_reason_names_a_field_in_words_with_its_list_position_or_as_stored():
    assert field_name("temperature_c", "zh_CN") == "体温（℃）"
    assert field_name("vaccines.1.lot_no", "zh_CN").endswith("（2）")
    assert field_name("vaccines.1.lot_no", "en").endswith(" (2)")
    assert field_name("no_such_field", "zh_CN") == "no_such_field"

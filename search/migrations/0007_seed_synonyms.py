"""The common abbreviations of the construction field, so that search knows them on day one
(editors change them under Snippets → Từ đồng nghĩa, viết tắt). Rows an editor already made
are left as they are; going back removes only the untouched seeded rows."""

from django.db import migrations

SEEDED = {
    "TP.HCM": "Thành phố Hồ Chí Minh\nTPHCM\nTP HCM\nTP. Hồ Chí Minh",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "TTHC": "Thủ tục hành chính",
    "QCVN": "Quy chuẩn Việt Nam\nQuy chuẩn kỹ thuật quốc gia",
    "TCVN": "Tiêu chuẩn Việt Nam\nTiêu chuẩn quốc gia",
    "BXD": "Bộ Xây dựng",
    "GPXD": "Giấy phép xây dựng",
    "CCHN": "Chứng chỉ hành nghề",
    "DVC": "Dịch vụ công",
    "DVCTT": "Dịch vụ công trực tuyến",
    "PCCC": "Phòng cháy chữa cháy\nPhòng cháy, chữa cháy",
    "BĐS": "Bất động sản",
    "KCN": "Khu công nghiệp",
    "XD": "Xây dựng",
    "NOXH": "Nhà ở xã hội",
    "GPMB": "Giải phóng mặt bằng",
    "QSDĐ": "Quyền sử dụng đất",
    "KĐT": "Khu đô thị",
    "ĐTXD": "Đầu tư xây dựng",
    "HTKT": "Hạ tầng kỹ thuật",
    "VLXD": "Vật liệu xây dựng",
}


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    existing = set(Synonym.objects.values_list("term", flat=True))
    Synonym.objects.bulk_create(
        Synonym(term=term, expansions=expansions)
        for term, expansions in SEEDED.items() if term not in existing
    )


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, expansions in SEEDED.items():
        Synonym.objects.filter(term=term, expansions=expansions).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0006_synonym")]

    operations = [migrations.RunPython(seed, unseed)]

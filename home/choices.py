"""Every choice of home's fields, written once: the models, their filter forms, the import
adapters and the templates all name these members (``LegalStatus.IN_FORCE``), never the values.
A module of its own so that ``home.forms`` needs no page model (the pages import their forms)."""

from django.db import models

from cms import text


class DocType(models.TextChoices):
    """Loại văn bản."""

    LAW = "luat", "Luật"
    DECREE = "nghi-dinh", "Nghị định"
    RESOLUTION = "nghi-quyet", "Nghị quyết"
    DECISION = "quyet-dinh", "Quyết định"
    CIRCULAR = "thong-tu", "Thông tư"
    DIRECTIVE = "chi-thi", "Chỉ thị"
    OFFICIAL_LETTER = "cong-van", "Công văn"
    NOTICE = "thong-bao", "Thông báo"
    PLAN = "ke-hoach", "Kế hoạch"
    OTHER = "khac", "Văn bản khác"


class LegalStatus(models.TextChoices):
    """Tình trạng hiệu lực."""

    IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", "Hết hiệu lực một phần"
    EXPIRED = "het-hieu-luc-toan-bo", "Hết hiệu lực toàn bộ"


class RelationKind(models.TextChoices):
    """How one document relates to another."""

    REPLACES = "thay-the", "Thay thế"
    AMENDS = "sua-doi", "Sửa đổi, bổ sung"
    GUIDES = "huong-dan", "Hướng dẫn thi hành"
    RELATED = "lien-quan", "Liên quan"


class Level(models.IntegerChoices):
    """Online service level (mức độ dịch vụ công trực tuyến), highest first."""

    FULL = 4, "Mức độ 4"
    PARTIAL = 3, "Mức độ 3"
    FORMS = 2, "Mức độ 2"
    INFORMATION = 1, "Mức độ 1"


class ExecutionLevel(models.TextChoices):
    """Cấp thực hiện."""

    MINISTRY = "bo", "Cấp Bộ"
    PROVINCE = "tinh", "Cấp Tỉnh"
    DISTRICT = "huyen", "Cấp Huyện"
    COMMUNE = "xa", "Cấp Xã"


class Channel(models.TextChoices):
    """Hình thức nộp hồ sơ."""

    IN_PERSON = "truc-tiep", "Trực tiếp"
    ONLINE = "truc-tuyen", "Trực tuyến"
    POST = "buu-chinh", "Dịch vụ bưu chính"


class UnitKind(models.TextChoices):
    """Loại: an own unit of the ministry or an enterprise."""

    UNIT = "unit", "Đơn vị thuộc Bộ"
    ENTERPRISE = "enterprise", "Doanh nghiệp"


class DisclosureCategory(models.TextChoices):
    """What a ministry portal must disclose (Nghị định 42/2022/NĐ-CP, Điều 4.1), one list each."""

    STRATEGY = "chien-luoc", "Chiến lược, chương trình"
    PLAN = "ke-hoach", "Kế hoạch"
    MASTER_PLAN = "quy-hoach", "Quy hoạch"
    STATISTICS = "thong-ke", "Số liệu thống kê"
    FINANCIAL_REPORT = "bao-cao-tai-chinh", "Báo cáo tài chính"
    TREATY = "dieu-uoc-quoc-te", "Điều ước quốc tế"
    PROJECT = "du-an-dau-thau", "Dự án đầu tư, đấu thầu"


# The (value, label) lists, for form fields.
DOC_TYPE_CHOICES = DocType.choices
STATUS_CHOICES = LegalStatus.choices
RELATION_CHOICES = RelationKind.choices
LEVEL_CHOICES = Level.choices
EXECUTION_LEVEL_CHOICES = ExecutionLevel.choices
CHANNEL_CHOICES = Channel.choices
KIND_CHOICES = UnitKind.choices
DISCLOSURE_CATEGORY_CHOICES = DisclosureCategory.choices


def choice_key(choices: list[tuple[str, str]], value: str) -> str:
    """The key of a choice given its key or its Vietnamese label, in any spelling (for import);
    ``ValueError`` if none."""
    wanted = text.slugify(text.normalize(value or ""))
    for key, label in choices:
        if wanted in (key, text.slugify(label)):
            return key
    raise ValueError(value)

"""Every choice of home's fields, written once: the models, their filter forms, the import
adapters and the templates all name these members (``LegalStatus.IN_FORCE``), never the values.
A module of its own so that ``home.forms`` needs no page model (the pages import their forms)."""

from django.db import models


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
    TREATY = "dieu-uoc-quoc-te", "Điều ước quốc tế"
    INTERNATIONAL_AGREEMENT = "thoa-thuan-quoc-te", "Thỏa thuận quốc tế"
    OTHER = "khac", "Văn bản khác"


class LegalStatus(models.TextChoices):
    """Tình trạng hiệu lực, in the words of the national legal database (vbpl.vn)."""

    IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", "Hết hiệu lực một phần"
    EXPIRED = "het-hieu-luc-toan-bo", "Hết hiệu lực toàn bộ"
    NOT_YET_IN_FORCE = "chua-co-hieu-luc", "Chưa có hiệu lực"
    PARTLY_SUSPENDED = "ngung-hieu-luc-mot-phan", "Ngưng hiệu lực một phần"
    SUSPENDED = "ngung-hieu-luc-toan-bo", "Ngưng hiệu lực toàn bộ"

    @property
    def tone(self) -> str:
        """How the badge shows it (``badge--<tone>``): ``out`` is a document nothing of which
        applies today (expired or suspended whole), ``partly`` one that applies in part,
        ``pending`` one not yet in force."""
        return _TONES[self]


_TONES = {
    LegalStatus.IN_FORCE: "in-force",
    LegalStatus.PARTLY_EXPIRED: "partly",
    LegalStatus.EXPIRED: "out",
    LegalStatus.NOT_YET_IN_FORCE: "pending",
    LegalStatus.PARTLY_SUSPENDED: "partly",
    LegalStatus.SUSPENDED: "out",
}


#: Short spellings of legacy portals → the status they mean (matched folded, like the labels:
#: ``het hieu luc``, ``HẾT HIỆU LỰC``): a portal that writes only "Hết hiệu lực" means the
#: whole document; "Ngừng" is a common spelling of "Ngưng".
LEGACY_STATUS = {
    "Hết hiệu lực": LegalStatus.EXPIRED,
    "Đã hết hiệu lực": LegalStatus.EXPIRED,
    "Ngưng hiệu lực": LegalStatus.SUSPENDED,
    "Đang có hiệu lực": LegalStatus.IN_FORCE,
}


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


# The (value, label) lists, for form fields.
DOC_TYPE_CHOICES = DocType.choices
STATUS_CHOICES = LegalStatus.choices
RELATION_CHOICES = RelationKind.choices
LEVEL_CHOICES = Level.choices
EXECUTION_LEVEL_CHOICES = ExecutionLevel.choices
CHANNEL_CHOICES = Channel.choices
KIND_CHOICES = UnitKind.choices

"""Every choice of home's fields, written once: the models, their filter forms, the import
adapters and the templates all name these members (``LegalStatus.IN_FORCE``), never the values.
A module of its own so that ``home.forms`` needs no page model (the pages import their forms)."""

import re

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
    """Mức độ dịch vụ công trực tuyến under Nghị định 42/2022/NĐ-CP (Điều 11), highest first.

    The decree keeps two levels of online service, *toàn trình* and *một phần*; a procedure
    without either only publishes information. The stored numbers are the 2020 levels they
    replace (4, 3, and 1 for the former 1 and 2), so that old data, old files and old links
    (``?level=4``) keep their meaning; readers only ever see the labels and ``slug``.
    """

    FULL = 4, "Toàn trình"
    PARTIAL = 3, "Một phần"
    INFORMATION = 1, "Cung cấp thông tin"

    @property
    def slug(self) -> str:
        """The value of the catalogue's ``level`` parameter (``toan-trinh``)."""
        return LEVEL_SLUGS[self]


LEVEL_SLUGS = {
    Level.FULL: "toan-trinh",
    Level.PARTIAL: "mot-phan",
    Level.INFORMATION: "cung-cap-thong-tin",
}


# Nghị định 42/2022 (Điều 11): a service is "toàn trình" (done entirely online) or "một phần"
# (submitted online, result collected in person); anything else only publishes information.
# The 2020 levels map onto them: 4 → toàn trình, 3 → một phần, 2 and 1 → cung cấp thông tin.
LEGACY_LEVELS = {4: Level.FULL, 3: Level.PARTIAL, 2: Level.INFORMATION, 1: Level.INFORMATION}

# Folded words (cms.text.fold) an import file or an old link may use for each level.
_LEVEL_WORDS = {
    "toan trinh": Level.FULL,
    "dich vu cong truc tuyen toan trinh": Level.FULL,
    "mot phan": Level.PARTIAL,
    "dich vu cong truc tuyen mot phan": Level.PARTIAL,
    "cung cap thong tin": Level.INFORMATION,
    "thong tin": Level.INFORMATION,
    **{slug.replace("-", " "): level for level, slug in LEVEL_SLUGS.items()},
}


def level_of(value: int | None) -> Level | None:
    """The current level of a stored number (a legacy 2 is cung cấp thông tin)."""
    return LEGACY_LEVELS.get(value or 0)


def parse_level(value: object) -> Level:
    """A level from what an import file, a link or a form may say: the decree's words
    (``Toàn trình``, ``một phần``, ``cung cấp thông tin``; case, diacritics and tone placement
    folded by ``cms.text``), their slugs (``toan-trinh``) or a 2020 level 1–4 (``4``,
    ``Mức 4``, ``mức độ 3``), mapped.

    Raises ``ValueError`` for anything else; the importer, the filters and the admin use it.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        number = value
    else:
        key = " ".join(text.fold(text.normalize(str(value))).lower().replace("-", " ").split())
        if key in _LEVEL_WORDS:
            return _LEVEL_WORDS[key]
        key = re.sub(r"^(muc do|muc)\s*", "", key)
        if not key.isdigit():
            raise ValueError(value)
        number = int(key)
    if number not in LEGACY_LEVELS:
        raise ValueError(value)
    return LEGACY_LEVELS[number]


class ExecutionLevel(models.TextChoices):
    """Cấp thực hiện."""

    MINISTRY = "bo", "Cấp Bộ"
    PROVINCE = "tinh", "Cấp Tỉnh"
    DISTRICT = "huyen", "Cấp Huyện"
    COMMUNE = "xa", "Cấp Xã"


def parse_execution_level(value: object) -> ExecutionLevel:
    """``Cấp Bộ``, ``cấp tỉnh``, ``Bộ``, ``xa``… (folded by ``cms.text``) → the member.

    Raises ``ValueError`` for anything else.
    """
    if not isinstance(value, str):
        raise ValueError(value)
    key = " ".join(text.fold(text.normalize(value)).lower().split())
    key = re.sub(r"^cap\s+", "", key)
    try:
        return ExecutionLevel(key)
    except ValueError:
        raise ValueError(value) from None


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


def choice_key(
    choices: list[tuple[str, str]], value: str, aliases: dict[str, str] | None = None
) -> str:
    """The key of a choice given its key, its Vietnamese label or an alias, in any spelling:
    case, NFD, old or new tone placement and bare ASCII are one (``cms.text.slugify`` folds).
    ``ValueError`` if none (for import)."""
    wanted = text.slugify(text.normalize(value or ""))
    for key, label in choices:
        if wanted in (key, text.slugify(label)):
            return key
    for alias, key in (aliases or {}).items():
        if wanted == text.slugify(alias):
            return key
    raise ValueError(value)

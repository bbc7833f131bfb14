"""Demo of the organisation pages and of the English tree (``load_demo``).

The units are those the seed page links (their websites) and well-known units of the ministry
(public knowledge: Nghị định 52/2022/NĐ-CP on its functions and structure). The leaders and the
focal points are placeholders, marked "dữ liệu mẫu" (sample data) in their names: the seed does
not name them, and a demo must not pass invented names for real officials.
Idempotent: what exists (units by name, pages by slug, leaders by name) is left as it is.
"""

from __future__ import annotations

from typing import TextIO

from wagtail.models import Locale, Page

from home import demo_data as data
from home.demo import banner_stream
from home.models import (
    FocalPoint,
    HomePage,
    Leader,
    LeadersPage,
    OrganisationPage,
    SiteSettings,
    UnitSite,
    UnitSitesPage,
)

SAMPLE = "dữ liệu mẫu"

FUNCTIONS = (
    "<p>Bộ Xây dựng là cơ quan của Chính phủ, thực hiện chức năng quản lý nhà nước về: quy "
    "hoạch xây dựng, kiến trúc; hoạt động đầu tư xây dựng; phát triển đô thị; hạ tầng kỹ "
    "thuật; nhà ở; thị trường bất động sản; vật liệu xây dựng; quản lý nhà nước các dịch vụ "
    "công trong các ngành, lĩnh vực thuộc phạm vi quản lý của Bộ theo quy định của pháp "
    "luật.</p><p>Chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Xây dựng được quy định "
    "tại Nghị định số 52/2022/NĐ-CP ngày 08/8/2022 của Chính phủ.</p>"
)
FUNCTIONS_EN = (
    "<p>The Ministry of Construction is a government body responsible for state management of "
    "construction planning and architecture; construction investment; urban development; "
    "technical infrastructure; housing; the real estate market; building materials; and the "
    "public services of the sectors it manages, as provided by law.</p><p>Its functions, tasks, "
    "powers and organisational structure are set out in Government Decree 52/2022/ND-CP of 8 "
    "August 2022.</p>"
)

# (name, English name, category, kind, website or "")
UNITS = [
    ("Văn phòng Bộ", "Ministry Office", "van-phong", "unit", ""),
    ("Thanh tra Bộ", "Ministry Inspectorate", "van-phong", "unit", ""),
    ("Vụ Pháp chế", "Department of Legal Affairs", "vu", "unit", ""),
    ("Vụ Kế hoạch – Tài chính", "Department of Planning and Finance", "vu", "unit", ""),
    ("Vụ Tổ chức cán bộ", "Department of Organisation and Personnel", "vu", "unit", ""),
    ("Vụ Hợp tác quốc tế", "Department of International Cooperation", "vu", "unit", ""),
    ("Cục Quản lý hoạt động xây dựng", "Agency for Construction Activities Management", "cuc",
     "unit", ""),
    ("Cục Giám định nhà nước về chất lượng công trình xây dựng",
     "State Authority for Construction Quality Inspection", "cuc", "unit", ""),
    ("Cục Phát triển đô thị", "Agency for Urban Development", "cuc", "unit", ""),
    ("Cục Quản lý nhà và thị trường bất động sản",
     "Agency for Housing and Real Estate Market Management", "cuc", "unit", ""),
    ("Viện Kiến trúc Quốc gia", "National Institute of Architecture", "vien", "unit", ""),
]
# The seed's unit sites (demo_data.UNIT_SITES) in the chart: their English names and categories.
SEED_UNITS = {
    "https://vibm.vn": ("Vietnam Institute for Building Materials", "vien"),
    "https://ibst.vn": ("Vietnam Institute for Building Science and Technology", "vien"),
    "https://baoxaydung.com.vn": ("Construction Newspaper", "bao-tap-chi"),
    "https://tapchixaydung.vn": ("Construction Magazine", "bao-tap-chi"),
    "https://hau.edu.vn": ("Hanoi Architectural University", "truong"),
    "https://huce.edu.vn": ("Hanoi University of Civil Engineering", "truong"),
    "https://viglacera.com.vn": ("Viglacera Corporation", "doanh-nghiep"),
    "https://vicem.vn": ("Vietnam Cement Corporation (VICEM)", "doanh-nghiep"),
    "https://hud.com.vn": ("Housing and Urban Development Corporation (HUD)", "doanh-nghiep"),
    "https://songda.vn": ("Song Da Corporation", "doanh-nghiep"),
}
# (name, title, English title, portfolio, English portfolio, units in charge, rank, current, term)
LEADERS = [
    ("Lãnh đạo A (dữ liệu mẫu)", "Bộ trưởng", "Minister",
     "<p>Lãnh đạo chung; tổ chức cán bộ; kế hoạch – tài chính.</p>",
     "<p>Overall leadership; organisation and personnel; planning and finance.</p>",
     ["Vụ Tổ chức cán bộ", "Vụ Kế hoạch – Tài chính"], 1, True, "Dữ liệu mẫu"),
    ("Lãnh đạo B (dữ liệu mẫu)", "Thứ trưởng", "Deputy Minister",
     "<p>Hoạt động xây dựng; chất lượng công trình; pháp chế.</p>",
     "<p>Construction activities; construction quality; legal affairs.</p>",
     ["Cục Quản lý hoạt động xây dựng",
      "Cục Giám định nhà nước về chất lượng công trình xây dựng", "Vụ Pháp chế"], 2, True,
     "Dữ liệu mẫu"),
    ("Lãnh đạo C (dữ liệu mẫu)", "Thứ trưởng", "Deputy Minister",
     "<p>Phát triển đô thị; nhà ở và thị trường bất động sản; kiến trúc.</p>",
     "<p>Urban development; housing and the real estate market; architecture.</p>",
     ["Cục Phát triển đô thị", "Cục Quản lý nhà và thị trường bất động sản",
      "Viện Kiến trúc Quốc gia"], 3, True, "Dữ liệu mẫu"),
    ("Lãnh đạo D (dữ liệu mẫu)", "Bộ trưởng", "Minister", "", "", [], 1, False,
     "Nhiệm kỳ trước (dữ liệu mẫu)"),
]
BIOGRAPHY = "<p>Dữ liệu mẫu của dự án, không phải thông tin chính thức.</p>"
BIOGRAPHY_EN = "<p>Sample data of the project, not official information.</p>"
FOCAL_POINTS = [
    ("Người phát ngôn (dữ liệu mẫu)", "Chánh Văn phòng Bộ", "Chief of the Ministry Office",
     "Phát ngôn và cung cấp thông tin cho báo chí", "Spokesperson and press enquiries"),
    ("Đầu mối cổng thông tin (dữ liệu mẫu)", "Chuyên viên Văn phòng Bộ",
     "Officer, Ministry Office", "Cổng thông tin điện tử", "The web portal"),
]

ENGLISH_HOME = ("Ministry of Construction",
                "<p>The web portal of the Ministry of Construction of Viet Nam.</p>")
ENGLISH_FOOTER = ("<p>Governing body: Ministry of Construction. Sample content of the project, "
                  "not official information.</p>")
# (icon, title, subtitle, target: url or an English page's key), as home.demo_data.BANNERS.
ENGLISH_SIDEBAR_BANNERS = [
    ("dich-vu-cong", "National Public Service Portal",
     "Administrative procedures and online public services", "https://dichvucong.gov.vn"),
    ("phap-luat", "Viet Nam's legal documents", "The national database of legal documents",
     "https://vbpl.vn"),
    ("don-vi", "Affiliated units", "Websites of the Ministry's units and enterprises",
     "page:units"),
]
ENGLISH_HOME_BANNERS = [
    ("don-vi", "About the Ministry", "Functions, tasks, organisation and contacts", "page:about"),
    ("lien-ket", "Leadership", "The Minister and Deputy Ministers", "page:leadership"),
]


def load(home: HomePage, stdout: TextIO) -> None:
    """Units, leaders and focal points; /gioi-thieu/ and /gioi-thieu/lanh-dao-bo/; then the
    English home, organisation, leaders and unit directory under /en/."""
    units = _ensure_units()
    _ensure_leaders(units)
    _ensure_focal_points()
    organisation = _ensure_child(
        home, OrganisationPage, "Giới thiệu", "gioi-thieu", show_in_menus=True,
        intro="<p>Chức năng, nhiệm vụ, cơ cấu tổ chức và đầu mối liên hệ của Bộ Xây dựng.</p>",
        functions=FUNCTIONS,
    )
    leaders = _ensure_child(
        organisation, LeadersPage, "Lãnh đạo Bộ", "lanh-dao-bo",
        intro="<p>Bộ trưởng và các Thứ trưởng, lĩnh vực và đơn vị phụ trách.</p>",
    )
    english = Locale.objects.get_or_create(language_code="en")[0]
    en_home = _translate(home, english, ENGLISH_HOME[0], "en", intro=ENGLISH_HOME[1])
    about = _translate(
        organisation, english, "About the Ministry", "about",
        intro="<p>The functions and tasks, organisational structure and contacts of the "
        "Ministry of Construction.</p>",
        functions=FUNCTIONS_EN,
    )
    leadership = _translate(
        leaders, english, "Leadership", "leadership",
        intro="<p>The Minister and Deputy Ministers, their fields and units in charge.</p>",
    )
    pages = {"about": about, "leadership": leadership}
    units_page = UnitSitesPage.objects.filter(locale__language_code="vi").first()
    if units_page:
        pages["units"] = _translate(
            units_page, english, "Affiliated units", "units",
            intro="<p>The websites of the Ministry's units and enterprises.</p>",
        )
    _ensure_english_chrome(home, en_home, pages)
    stdout.write(f"Giới thiệu: {len(units)} đơn vị; trang tiếng Anh: {en_home.title}.")


def _ensure_english_chrome(home: HomePage, en_home: Page, pages: dict[str, Page]) -> None:
    """English sidebar banners and footer in the settings, English banners on the English home;
    only where still empty (an editor's values are kept)."""
    rows = [row for row in ENGLISH_SIDEBAR_BANNERS if not row[3].startswith("page:")
            or row[3].removeprefix("page:") in pages]
    settings = SiteSettings.objects.filter(site__root_page=home).first()
    if settings is not None and not (settings.sidebar_banners_en or settings.footer_text_en):
        settings.sidebar_banners_en = banner_stream(rows, pages)
        settings.footer_text_en = ENGLISH_FOOTER
        settings.save()
    en_home = HomePage.objects.get(pk=en_home.pk)  # fresh: its translated children since
    if [block.value["title"] for block in en_home.banners] == [
        block.value["title"] for block in home.specific.banners
    ]:  # still the Vietnamese banners copied by the translation
        en_home.banners = banner_stream(ENGLISH_HOME_BANNERS, pages)
        en_home.save_revision().publish()


def _ensure_units() -> dict[str, UnitSite]:
    by_url = {unit.url: unit for unit in UnitSite.objects.exclude(url=None)}
    for url, (name_en, category) in SEED_UNITS.items():
        unit = by_url.get(url)
        if unit and not unit.name_en:
            unit.name_en, unit.category = name_en, category
            unit.save()
    start = len(data.UNIT_SITES) + 1
    for order, (name, name_en, category, kind, url) in enumerate(UNITS, start=start):
        if not UnitSite.objects.filter(name=name).exists():
            UnitSite.objects.create(
                name=name, name_en=name_en, category=category, kind=kind, url=url or None,
                order=order, address=data.SITE_SETTINGS["address"],
            )
    return {unit.name: unit for unit in UnitSite.objects.all()}


def _ensure_leaders(units: dict[str, UnitSite]) -> None:
    for name, title, title_en, portfolio, portfolio_en, in_charge, rank, current, term in LEADERS:
        if Leader.objects.filter(name=name).exists():
            continue
        leader = Leader(
            name=name, title=title, title_en=title_en, portfolio=portfolio,
            portfolio_en=portfolio_en, biography=BIOGRAPHY, biography_en=BIOGRAPHY_EN,
            rank=rank, current=current, term=term,
        )
        leader.units = [units[unit] for unit in in_charge if unit in units]
        leader.save()


def _ensure_focal_points() -> None:
    for order, (name, title, title_en, about, about_en) in enumerate(FOCAL_POINTS, start=1):
        if not FocalPoint.objects.filter(name=name).exists():
            FocalPoint.objects.create(
                name=name, title=title, title_en=title_en, responsibility=about,
                responsibility_en=about_en, phone=data.SITE_SETTINGS["phone"],
                email=data.SITE_SETTINGS["email"], order=order,
            )


def _ensure_child(parent: Page, model: type, title: str, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(page: Page, locale: Locale, title: str, slug: str, **fields) -> Page:
    """The page's translation in ``locale`` (Wagtail's copy for translation, as the admin's
    "Dịch" action makes it), with the English text written in; published."""
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing.specific
    translated = page.copy_for_translation(locale).specific
    translated.title, translated.slug = title, slug
    for field, value in fields.items():
        setattr(translated, field, value)
    translated.save_revision().publish()
    return translated

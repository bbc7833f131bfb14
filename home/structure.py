"""The site's structure: the home page as the default site's root and, under it, the section
pages that hold each kind of content (``/tin-tuc/``, ``/thu-tuc-hanh-chinh/``,
``/chinh-sach-phap-luat/``, ``/cong-khai-thong-tin/``, ``/don-vi-truc-thuoc/``) and the citizens'
sections of Nghị định 42/2022, Điều 8 (``/hoi-dap/``, ``/lay-y-kien-du-thao/``).

Production code, not demo: import makes them exist before writing pages, and ``load_demo``
starts from them. Each app declares its own sections (``cms.importer.registry.Section``);
this app, owner of the root, registers how a section is made (``register_structure``).
"""

from __future__ import annotations

from django.db import transaction

from wagtail.models import Page, Site

from cms.importer.registry import Section, register_section, sections

from .models import (
    ConsultationIndexPage,
    DisclosureIndexPage,
    HomePage,
    PolicyIndexPage,
    ProcedureIndexPage,
    QuestionIndexPage,
    UnitSitesPage,
)

__all__ = ["HOME_TITLE", "SECTIONS", "ensure_home", "ensure_section", "ensure_structure"]

HOME_TITLE = "Bộ Xây dựng"

#: This app's sections (news declares its own in ``news.interchange``).
SECTIONS = (
    Section(ProcedureIndexPage, "Thủ tục hành chính", "thu-tuc-hanh-chinh"),
    Section(PolicyIndexPage, "Chính sách pháp luật", "chinh-sach-phap-luat"),
    Section(DisclosureIndexPage, "Công khai thông tin", "cong-khai-thong-tin"),
    Section(UnitSitesPage, "Đơn vị trực thuộc", "don-vi-truc-thuoc"),
    Section(QuestionIndexPage, "Hỏi đáp", "hoi-dap"),
    Section(ConsultationIndexPage, "Lấy ý kiến dự thảo", "lay-y-kien-du-thao"),
)


@transaction.atomic
def ensure_home() -> HomePage:
    """Make a HomePage the default site's root, replacing Wagtail's placeholder page."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="trang-chu"))
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    placeholder = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = HOME_TITLE
        site.save()
    else:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name=HOME_TITLE,
        )
    is_placeholder = placeholder and placeholder.specific_class is Page
    if is_placeholder and not placeholder.get_children().exists():
        placeholder.delete()
    return home


def ensure_section(section: Section) -> Page:
    """The section's page under the home page (else anywhere on the site), created if missing."""
    home = ensure_home()
    model = section.model
    page = model.objects.child_of(home).order_by("path").first()
    if page is None:
        page = model.objects.order_by("path").first()
    if page is None:
        page = home.add_child(instance=model(title=section.title, slug=section.slug))
        page.save_revision().publish()
    return page


def ensure_structure() -> list[Page]:
    """The home page and every registered section page, created where missing."""
    return [ensure_section(section) for section in sections()]


def register() -> None:
    """Called from the app's ``ready()``."""
    from cms.importer.registry import register_structure

    for section in SECTIONS:
        register_section(section)
    register_structure(ensure_section)

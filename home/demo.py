"""Demo content of the home app: portal content under the home page (``home.structure``).

``ensure_home`` is re-exported for the demo command and the tests that start from it.
"""

from __future__ import annotations

from typing import TextIO

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms import text
from home import demo_data as data
from home.citizens import demo as citizens_demo
from home.models import (
    Agency,
    DisclosureAttachment,
    DisclosureIndexPage,
    DisclosurePage,
    HomeFeaturedArticle,
    HomePage,
    PolicyAttachment,
    PolicyIndexPage,
    PolicyPage,
    PolicyRelation,
    ProcedureDossierItem,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedureMethod,
    ProcedurePage,
    Sector,
    SiteSettings,
    StandardPage,
    UnitSite,
    UnitSitesPage,
)
from home.models.policies import LegalStatus, RelationKind
from home.models.procedures import Channel, ExecutionLevel
from home.structure import ensure_home

__all__ = ["ensure_home", "load"]


def load(home: HomePage, stdout: TextIO) -> None:
    """Portal content of the seed: index pages, procedures, documents, banners, unit sites.

    Idempotent: what exists (pages by slug or code/number, snippets by slug or URL, files by
    title) is left as it is, so a second run adds no page, no revision and no row.
    """
    sectors = {name: Sector.for_name(name) for name in data.SECTORS}
    agencies = {name: Agency.for_name(name) for name in data.AGENCIES}
    procedures_index = _ensure_child(
        home, ProcedureIndexPage, "Thủ tục hành chính", "thu-tuc-hanh-chinh", show_in_menus=True,
        intro="<p>Danh mục thủ tục hành chính và mức độ dịch vụ công trực tuyến của Bộ Xây "
        "dựng.</p>",
    )
    policies_index = _ensure_child(
        home, PolicyIndexPage, "Chính sách pháp luật", "chinh-sach-phap-luat", show_in_menus=True,
        intro="<p>Văn bản quy phạm pháp luật, chính sách và chỉ đạo điều hành.</p>",
    )
    disclosures_index = _ensure_child(
        home, DisclosureIndexPage, "Công khai thông tin", "cong-khai-thong-tin",
        intro="<p>Chiến lược, kế hoạch, quy hoạch, số liệu thống kê, báo cáo tài chính, điều ước "
        "quốc tế và dự án, đấu thầu được công khai theo Nghị định 42/2022/NĐ-CP.</p>",
    )
    units_page = _ensure_child(
        home, UnitSitesPage, "Đơn vị trực thuộc", "don-vi-truc-thuoc", show_in_menus=True,
        intro="<p>Cổng thông tin điện tử của các đơn vị thuộc Bộ và doanh nghiệp.</p>",
    )
    products_page = _ensure_child(
        home, StandardPage, "Giới thiệu sản phẩm, dịch vụ", "san-pham-dich-vu",
        body="<p>Nơi giới thiệu những sản phẩm, dịch vụ tốt nhất dành cho bạn đọc.</p>",
    )
    documents = [_ensure_document(policies_index, row, sectors, agencies) for row in data.DOCUMENTS]
    created = sum(1 for _, is_new in documents if is_new)
    nq17 = documents[0][0]
    if documents[1][1]:
        cv929 = documents[1][0]
        cv929.relations.add(PolicyRelation(kind=RelationKind.RELATED, target=nq17))
        cv929.save_revision().publish()
    for row in data.PROCEDURES:
        created += _ensure_procedure(procedures_index, row, sectors, agencies, nq17)
    for row in data.DISCLOSURES:
        created += _ensure_disclosure(disclosures_index, row)
    for order, (name, url, kind) in enumerate(data.UNIT_SITES, start=1):
        if not UnitSite.objects.filter(url=url).exists():
            UnitSite.objects.create(name=name, url=url, kind=kind, order=order)
    pages = {
        "policies": policies_index,
        "products": products_page,
        "procedures": procedures_index,
        "units": units_page,
    }
    site = Site.objects.get(root_page=home)
    _ensure_settings(site, pages)
    if not home.banners:
        home.banners = banner_stream(data.HOME_BANNERS, pages)
        _ensure_featured(home)
        home.save_revision().publish()
    stdout.write(f"Cổng thông tin: {created} thủ tục/văn bản/thông tin công khai mới.")
    citizens_demo.load(home, stdout)


def _ensure_child(parent: Page, model: type, title: str, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _ensure_document(parent: Page, row: tuple, sectors: dict, agencies: dict):
    number, doc_type, title, issuer, signer, signer_title, issued, effective, sector, summary = row
    existing = PolicyPage.objects.filter(number=number).first()
    if existing:
        return existing, False
    page = PolicyPage(
        title=title,
        number=number,
        doc_type=doc_type,
        issuer=agencies[issuer],
        signer=signer,
        signer_title=signer_title,
        issued_on=issued,
        effective_from=effective,
        status=LegalStatus.IN_FORCE,
        summary=summary,
        sector=sectors[sector],
        body=f"<p>{summary}</p>",
    )
    attachment = _ensure_file(
        f"Văn bản {number}", text.slugify(number) + ".pdf", f"{number} - {issued:%d/%m/%Y}"
    )
    page.attachments.add(PolicyAttachment(document=attachment, caption=f"Toàn văn {number}"))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _ensure_procedure(parent: Page, row: tuple, sectors: dict, agencies: dict, basis) -> int:
    code, title, level, sector, agency, applicants, days, fee, papers, result = row
    if ProcedurePage.objects.filter(code=code).exists():
        return 0
    page = ProcedurePage(
        title=title,
        code=code,
        level=level,
        sector=sectors[sector],
        execution_level=ExecutionLevel.MINISTRY,
        procedure_type="TTHC được luật giao quy định chi tiết",
        applicants=applicants,
        steps=data.STEPS,
        result=result,
        requirements="",
        portal_url=f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
    )
    page.implementing_agencies = [agencies[agency]]
    page.competent_agencies = [agencies["Bộ Xây dựng"]]
    deadline = f"{days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    channels = [Channel.ONLINE, Channel.IN_PERSON, Channel.POST]
    for channel in channels:
        note = data.ONLINE_FEE_NOTE if channel == Channel.ONLINE and fee else ""
        page.methods.add(
            ProcedureMethod(channel=channel, processing_time=deadline, fee=fee, description=note)
        )
    for name, has_form, originals, copies in papers:
        form = None
        if has_form:
            form = _ensure_file(f"Mẫu: {name}", text.slugify(name)[:60] + ".pdf", name)
        page.dossier_items.add(
            ProcedureDossierItem(name=name, form=form, originals=originals, copies=copies)
        )
    page.legal_bases.add(ProcedureLegalBasis(text="Luật Xây dựng số 50/2014/QH13"))
    page.legal_bases.add(
        ProcedureLegalBasis(policy=basis, text="Chỉ tiêu dịch vụ công trực tuyến mức độ 4")
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return 1


def _ensure_disclosure(parent: Page, row: tuple) -> int:
    """A sample disclosed item with one file; its title says it is a sample."""
    category, title, number, issued, period, summary = row
    title = f"{title} {data.DISCLOSURE_SAMPLE_MARK}"
    if DisclosurePage.objects.child_of(parent).filter(title=title).exists():
        return 0
    page = DisclosurePage(
        title=title, category=category, number=number, issued_on=issued, period=period,
        summary=summary, body=f"<p>{summary}</p>",
    )
    slug = text.slugify(title)[:60]
    attachment = _ensure_file(f"Công khai: {title}", slug + ".pdf", title)
    page.attachments.add(DisclosureAttachment(document=attachment, caption="Toàn văn"))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return 1


def _pdf(line: str) -> bytes:
    """A one-page PDF with a line of ASCII text: a stand-in for a real form or scan."""
    safe = text.fold(line).encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 12 Tf 72 760 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _ensure_file(title: str, filename: str, line: str):
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    document = model(title=title)
    document.file.save(filename, ContentFile(_pdf(line)), save=False)
    document._set_document_file_metadata()  # size and hash, as the admin upload form sets them
    document.save()
    return document


def banner_stream(rows: list[tuple], pages: dict) -> list[tuple[str, dict]]:
    """A banner stream's raw value from (icon, title, subtitle, "page:<key>" or a URL) rows."""
    stream = []
    for icon, title, subtitle, target in rows:
        value = {"icon": icon, "title": title, "subtitle": subtitle}  # link text: the default
        if target.startswith("page:"):
            value["page"] = pages[target.removeprefix("page:")]
        else:
            value["url"] = target
        stream.append(("banner", value))
    return stream


def _ensure_settings(site, pages: dict) -> None:
    """Fill what is still empty in the site's settings; never overwrite an editor's values."""
    settings = SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)
    changed = settings.pk is None
    for field, value in data.SITE_SETTINGS.items():
        if getattr(settings, field) in ("", None):
            setattr(settings, field, value)
            changed = True
    if not settings.sidebar_banners:
        settings.sidebar_banners = banner_stream(data.BANNERS, pages)
        changed = True
    if changed:
        settings.save()


def _ensure_featured(home: HomePage) -> None:
    """Pin the seed article as the home page's featured news (if the news demo made it)."""
    from news.models import NewsArticlePage

    if home.featured_articles.exists():
        return
    seed = (
        NewsArticlePage.objects.filter(slug__startswith="bo-xay-dung-se-cung-cap-20")
        .order_by("pk")
        .first()
    )
    if seed:
        home.featured_articles.add(HomeFeaturedArticle(page=seed))

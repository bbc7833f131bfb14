"""Công khai thông tin (Nghị định 42, Điều 4.1): the list and its filters, an item with its files,
the section's team, search, the sitemap, the structure an import or ``load_demo`` makes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Page

from home.editorial import GROUP_DISCLOSURES
from home.factories import DisclosureIndexPageFactory, DisclosurePageFactory
from home.models import DisclosureAttachment, DisclosureIndexPage, DisclosurePage
from home.structure import ensure_structure
from news.factories import NewsArticlePageFactory, NewsIndexPageFactory

from .helpers import visible_text

URL = "/cong-khai-thong-tin/"


@pytest.fixture
def disclosure_index(home_page) -> DisclosureIndexPage:
    return DisclosureIndexPageFactory(parent=home_page)


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def items(disclosure_index) -> dict[str, DisclosurePage]:
    return {
        "strategy": DisclosurePageFactory(
            parent=disclosure_index, category="chien-luoc", issued_on=dt.date(2023, 3, 15),
            title="Chiến lược phát triển ngành Xây dựng đến năm 2030",
            period="Giai đoạn 2021–2030", summary="Định hướng phát triển bền vững.",
        ),
        "stats": DisclosurePageFactory(
            parent=disclosure_index, category="thong-ke", issued_on=dt.date(2025, 1, 10),
            title="Số liệu cấp giấy phép xây dựng quý IV", period="Quý IV/2024",
            summary="Giấy phép đã cấp theo địa phương.",
        ),
        "finance": DisclosurePageFactory(
            parent=disclosure_index, category="bao-cao-tai-chinh",
            issued_on=dt.date(2024, 3, 31), title="Báo cáo tài chính năm 2023",
            number="125/BC-VP", summary="Tình hình tài chính của Văn phòng Bộ.",
        ),
    }


def titles(client, query: str = "", status: int = 200) -> tuple[list[str], str]:
    response = client.get(URL + query)
    assert response.status_code == status
    html = response.content.decode()
    found = [
        chunk.split('">', 1)[1].split("</a>", 1)[0]
        for chunk in html.split('<h2 class="document-list__title"><a href="')[1:]
    ]
    return found, html


def test_list_is_newest_first_with_category_date_and_period(client, items):
    found, html = titles(client)
    assert found == [
        "Số liệu cấp giấy phép xây dựng quý IV", "Báo cáo tài chính năm 2023",
        "Chiến lược phát triển ngành Xây dựng đến năm 2030",
    ]
    shown = visible_text(html)
    assert "Tìm thấy 3 mục." in shown
    assert "Số liệu thống kê · Ban hành 10/01/2025 · Quý IV/2024" in shown
    assert "Báo cáo tài chính · 125/BC-VP · Ban hành 31/03/2024" in shown
    # Every category has its list, linked from the page.
    assert f'href="{URL}?category=dieu-uoc-quoc-te">Điều ước quốc tế</a>' in html
    assert f'href="{URL}?category=du-an-dau-thau">Dự án đầu tư, đấu thầu</a>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?category=thong-ke", ["stats"]),
        ("?category=dieu-uoc-quoc-te", []),
        ("?year=2024", ["finance"]),
        ("?q=chien+luoc", ["strategy"]),  # no diacritics: folded match
        ("?q=Chiến%20lược%202021", ["strategy"]),  # the period is matched too
        ("?q=125/bc-vp", ["finance"]),  # the number
        ("?category=chien-luoc&year=2023&q=ben+vung", ["strategy"]),
        ("?category=chien-luoc&year=2024", []),
    ],
)
def test_filters_combine(client, items, query, expected):
    found, html = titles(client, query)
    assert found == [items[key].title for key in expected]
    if not expected:
        assert "Không có thông tin nào khớp với bộ lọc đã chọn." in visible_text(html)


def test_the_chosen_category_is_marked_for_screen_readers(client, items):
    _, html = titles(client, "?category=thong-ke")
    assert f'href="{URL}?category=thong-ke" aria-current="page">Số liệu thống kê</a>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?category=bao-cao-mat", "Loại thông tin “bao-cao-mat” không có trong danh mục."),
        ("?year=abc", "Năm ban hành phải là một số, ví dụ 2019."),
        ("?year=1800", "Năm ban hành không thể trước 1945."),
        ("?category=%00", "Giá trị chứa ký tự không hợp lệ."),
        ("?q=" + "x" * 201, "Từ khóa dài quá 200 ký tự"),
    ],
)
def test_bad_filter_values_give_an_explained_empty_list(client, items, query, message):
    found, html = titles(client, query)
    assert found == []
    assert message in html
    assert "\x00" not in html


@pytest.mark.parametrize("page", ["abc", "0", "2", "%00"])
def test_bad_page_is_404(client, items, page):
    assert client.get(f"{URL}?page={page}").status_code == 404


def test_drafts_are_not_listed(client, disclosure_index, items):
    DisclosurePageFactory(parent=disclosure_index, title="Kế hoạch chưa duyệt", live=False)
    found, _ = titles(client)
    assert "Kế hoạch chưa duyệt" not in found and len(found) == 3


def _pdf_document(title: str, size: int = 1000):
    document = get_document_model()(title=title)
    document.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4 x" * (size // 10)), save=False)
    document._set_document_file_metadata()  # as the admin upload form does
    document.save()
    return document


def test_item_page_shows_its_facts_files_and_print_button(client, items):
    finance = items["finance"]
    report, tables = _pdf_document("Báo cáo tài chính 2023"), _pdf_document("Phụ lục", 2000)
    finance.attachments.add(DisclosureAttachment(document=report, caption="Toàn văn báo cáo"))
    finance.attachments.add(DisclosureAttachment(document=tables))
    finance.body = "<p>Thuyết minh báo cáo tài chính.</p>"
    finance.save_revision().publish()
    html = client.get(finance.url).content.decode()
    shown = visible_text(html)
    for expected in (
        "Loại thông tin Báo cáo tài chính", "Số hiệu 125/BC-VP", "Ngày ban hành 31/03/2024",
        "Tóm tắt Tình hình tài chính của Văn phòng Bộ.",
        "Nội dung Thuyết minh báo cáo tài chính.",
        "Tệp đính kèm Toàn văn báo cáo (PDF, 1000 byte) Phụ lục (PDF, 2,0 KB)",
    ):
        assert expected in shown, expected
    assert f'<a href="{report.url}" download>Toàn văn báo cáo</a>' in html
    assert f'<a href="{tables.url}" download>Phụ lục</a>' in html
    assert client.get(report.url).status_code == 200
    assert '<button type="button" class="print-button" data-print>In hoặc lưu PDF</button>' in html
    assert 'href="/static/css/print.css" media="print"' in html
    ld = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>")[0])
    ld = ld[0] if isinstance(ld, list) else ld
    assert (ld["@type"], ld["datePublished"], ld["genre"]) == (
        "DigitalDocument", "2024-03-31", "Báo cáo tài chính"
    )


def test_list_and_item_cost_a_fixed_number_of_queries(
    client, disclosure_index, items, django_assert_num_queries
):
    # Written down on purpose (as tests/news/test_queries.py): routing, the shared layout, and
    # the list's own count and one page of items; an item adds its files (1).
    client.get(URL)
    client.get(items["finance"].url)
    for n in range(30):  # dated in 2024 here: the factory's dates run on with the suite
        DisclosurePageFactory(
            parent=disclosure_index, title=f"Kế hoạch số {n}",
            issued_on=dt.date(2024, 3, 1) + dt.timedelta(days=n),
        )
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(URL + "?category=ke-hoach&year=2024").status_code == 200
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(URL + "?page=2").status_code == 200
    with django_assert_num_queries(ITEM_QUERIES):
        assert client.get(items["finance"].url).status_code == 200


# Measured 2026-12-05 (page cache on, shared fragments warm): site, routing (1), language links
# and breadcrumbs (3), site settings (1); the list: its bounded count and one page of items (2);
# an item: its files (1). The same for 3 items as for 33.
LIST_QUERIES = 9
ITEM_QUERIES = 8


# --- The section: its team, the structure, the admin ---------------------------------------------


def _edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_the_section_team_edits_disclosures_and_not_news(
    client, django_user_model, items, news_index
):
    editor = django_user_model.objects.create_user("congkhai", "ck@moc.gov.vn", "x")
    editor.groups.add(editor.groups.model.objects.get(name=GROUP_DISCLOSURES))
    article = NewsArticlePageFactory(parent=news_index, title="Tin không thuộc nhóm")
    client.force_login(editor)
    item = items["stats"]
    assert item.permissions_for_user(editor).can_edit()
    assert item.get_parent().permissions_for_user(editor).can_add_subpage()
    assert not article.permissions_for_user(editor).can_edit()
    assert not news_index.permissions_for_user(editor).can_add_subpage()
    assert client.get(_edit_url(item)).status_code == 200
    assert client.get(_edit_url(article)).status_code == 302  # refused: back to the dashboard
    add = reverse("wagtailadmin_pages:add", args=("home", "disclosurepage", item.get_parent().pk))
    assert client.get(add).status_code == 200


def test_the_admin_creates_an_item_and_explains_missing_fields(admin_client, disclosure_index):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    def post(**overrides):
        data = {
            "title": "Quy hoạch hệ thống đô thị và nông thôn", "slug": "",
            "category": "quy-hoach", "number": "891/QĐ-TTg", "issued_on": "2024-08-22",
            "period": "Thời kỳ 2021–2030", "summary": "Quy hoạch hệ thống đô thị quốc gia.",
            "body": rich_text(""), "attachments": inline_formset([]),
            "comments": inline_formset([]), "action-publish": "action-publish",
        }
        data.update(overrides)
        url = reverse("wagtailadmin_pages:add", args=("home", "disclosurepage",
                                                       disclosure_index.pk))
        return admin_client.post(url, nested_form_data(data))

    refused = post(category="", issued_on="")
    assert refused.status_code == 200
    assert refused.content.decode().count("Trường này là bắt buộc.") >= 2
    assert not DisclosurePage.objects.exists()
    assert post().status_code == 302
    page = DisclosurePage.objects.get()
    assert (page.live, page.url, page.category) == (
        True, "/cong-khai-thong-tin/quy-hoach-he-thong-do-thi-va-nong-thon/", "quy-hoach"
    )


def test_the_structure_makes_the_section_with_its_team(db):
    ensure_structure()
    index = DisclosureIndexPage.objects.get()
    assert index.url == URL and index.live
    from wagtail.models import GroupPagePermission

    granted = set(
        GroupPagePermission.objects.filter(page=index, group__name=GROUP_DISCLOSURES)
        .values_list("permission__codename", flat=True)
    )
    assert granted == {"add_page", "change_page"}
    assert index.get_workflow() is not None  # edits go through review like the other sections


# --- Search and the sitemap -----------------------------------------------------------------------


def test_search_finds_an_item_as_a_disclosure(client, items):
    response = client.get("/search/", {"q": "giấy phép xây dựng quý IV", "format": "json"})
    results = response.json()["results"]
    assert results[0]["title"] == "Số liệu cấp giấy phép xây dựng quý IV"
    assert results[0]["type"] == "disclosure"
    assert results[0]["url"].endswith(items["stats"].url)
    only = client.get("/search/", {"q": "tài chính", "type": "disclosure", "format": "json"})
    assert [r["title"] for r in only.json()["results"]] == ["Báo cáo tài chính năm 2023"]
    html = visible_text(client.get("/search/", {"q": "báo cáo tài chính"}).content.decode())
    assert "Báo cáo tài chính · Số 125/BC-VP · ban hành 31/03/2024" in html
    assert "Công khai thông tin (1)" in html


def test_the_sitemap_lists_the_section_and_its_items(client, items):
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-cong-khai.xml" in index
    section = client.get("/sitemap-cong-khai.xml").content.decode()
    for page in (*items.values(), items["stats"].get_parent()):
        assert f"<loc>http://testserver{page.url}</loc>" in section


def test_load_demo_adds_sample_items_marked_as_such(client, db):
    call_command("load_demo", stdout=__import__("io").StringIO())
    samples = DisclosurePage.objects.live()
    assert samples.count() == 5
    assert all(page.title.endswith("(dữ liệu mẫu)") for page in samples)
    assert all(page.attachments.count() == 1 for page in samples)
    assert {page.category for page in samples} >= {"chien-luoc", "thong-ke", "bao-cao-tai-chinh"}
    found, _ = titles(client, "?category=bao-cao-tai-chinh")
    assert found == ["Báo cáo tài chính năm 2024 của Văn phòng Bộ (dữ liệu mẫu)"]

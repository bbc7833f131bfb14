"""The index follows content at once, and nothing but live public pages is ever found."""

from __future__ import annotations

import datetime as dt

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from news.models import NewsArticlePage, NewsCategory, NewsIndexPage
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home_page) -> NewsIndexPage:
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def category(db) -> NewsCategory:
    return NewsCategory.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")


def article(news, category, title: str, body: str = "Nội dung.", publish: bool = True):
    page = NewsArticlePage(
        title=title, lead=body, category=category,
        body=[("paragraph", RichText(f"<p>{body}</p>"))],
        published_at=timezone.now(),
    )
    news.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        page.save()
    return page


def titles(client, q: str) -> list[str]:
    data = client.get("/search/", {"q": q, "format": "json"}).json()
    return [r["title"] for r in data["results"]]


def api_titles(client, q: str) -> list[str]:
    response = client.get("/api/v2/pages/", {"search": q})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_publish_edit_unpublish_delete_are_reflected_at_once(client, news, category) -> None:
    page = article(news, category, "Khánh thành cầu vượt sông Hồng")
    assert titles(client, "cau vuot") == ["Khánh thành cầu vượt sông Hồng"]

    page.title = "Thông xe cầu Vĩnh Tuy"
    page.save_revision().publish()
    assert titles(client, "vượt") == []  # the old title's own word
    assert titles(client, "vinh tuy") == ["Thông xe cầu Vĩnh Tuy"]

    page.unpublish()
    assert titles(client, "vinh tuy") == []
    assert api_titles(client, "vinh tuy") == []

    page.save_revision().publish()
    assert titles(client, "vinh tuy") == ["Thông xe cầu Vĩnh Tuy"]
    page_id = page.pk
    page.delete()
    assert titles(client, "vinh tuy") == []
    assert not SearchEntry.objects.filter(object_id=str(page_id)).exists()


def test_move_keeps_the_page_found_at_its_new_url(client, home_page, news, category) -> None:
    other = NewsIndexPage(title="Tin địa phương", slug="tin-dia-phuong")
    home_page.add_child(instance=other)
    other.save_revision().publish()
    page = article(news, category, "Quy hoạch vùng Thủ đô")
    page.move(other, pos="last-child")
    data = client.get("/search/", {"q": "quy hoach vung thu do", "format": "json"}).json()
    assert [r["url"] for r in data["results"]] == ["/tin-dia-phuong/quy-hoach-vung-thu-do/"]


def test_drafts_private_and_expired_pages_are_never_found(client, news, category) -> None:
    article(news, category, "Nhà ở xã hội công khai")
    article(news, category, "Nhà ở xã hội bản nháp", publish=False)
    private = article(news, category, "Nhà ở xã hội nội bộ")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"  # noqa: S106
    )
    group_only = article(news, category, "Nhà ở xã hội cho nhóm")
    restriction = PageViewRestriction.objects.create(
        page=group_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Biên tập"))
    expired = article(news, category, "Nhà ở xã hội hết hạn")
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - dt.timedelta(hours=1))
    assert Page.objects.get(pk=expired.pk).live  # the scheduler has not run yet
    future = article(news, category, "Nhà ở xã hội còn hạn")
    Page.objects.filter(pk=future.pk).update(expire_at=timezone.now() + dt.timedelta(days=1))

    expected = {"Nhà ở xã hội công khai", "Nhà ở xã hội còn hạn"}
    assert set(titles(client, "nha o xa hoi")) == expected
    html = client.get("/search/", {"q": "nhà ở xã hội"}).content.decode()
    for hidden in ("bản nháp", "nội bộ", "cho nhóm", "hết hạn"):
        assert hidden not in html
    assert set(api_titles(client, "nha o xa hoi")) == expected
    assert set(api_titles(client, "nhà ở xã hội")) == expected


def test_api_search_follows_the_vietnamese_rules(client, news, category) -> None:
    article(news, category, "Bán nhà ở thương mại")
    article(news, category, "Bàn giao nhà ở thương mại")
    assert api_titles(client, "ban nha")[0] == "Bán nhà ở thương mại"
    assert api_titles(client, "bàn giao")[0] == "Bàn giao nhà ở thương mại"
    response = client.get("/api/v2/pages/", {"search": "nhà", "search_operator": "xor"})
    assert response.status_code == 200
    response = client.get("/api/v2/pages/", {"search": "nhà ở", "order": "title"})
    assert [i["title"] for i in response.json()["items"]] == [
        "Bàn giao nhà ở thương mại", "Bán nhà ở thương mại",
    ]


def test_update_index_rebuilds_from_scratch(client, news, category) -> None:
    article(news, category, "Chương trình phát triển đô thị quốc gia")
    get_search_backend().reset_indexes()
    assert titles(client, "phat trien do thi") == []
    SearchEntry.objects.create(content_type_id=news.content_type_id, object_id="999999")
    call_command("update_index", verbosity=0)
    assert titles(client, "phat trien do thi") == ["Chương trình phát triển đô thị quốc gia"]
    assert not SearchEntry.objects.filter(object_id="999999").exists()


def test_admin_search_uses_the_same_rules(admin_client, news, category) -> None:
    article(news, category, "Đầu tư hạ tầng giao thông")
    response = admin_client.get("/admin/pages/search/", {"q": "dau tu ha tang"})
    assert response.status_code == 200
    assert "Đầu tư hạ tầng giao thông" in response.content.decode()


def test_autocomplete_finds_titles_by_prefix(news, category) -> None:
    article(news, category, "Đường vành đai 4 vùng Thủ đô")
    found = get_search_backend().autocomplete("duong vanh da", Page.objects.live())
    assert [p.title for p in found] == ["Đường vành đai 4 vùng Thủ đô"]


def test_reports_list_frequent_and_fruitless_queries(client, admin_client, news, category,
                                                     django_user_model) -> None:
    article(news, category, "Cấp phép xây dựng")
    for _ in range(3):
        client.get("/search/", {"q": "Cấp phép"})
    client.get("/search/", {"q": "cap phep", "page": "1"})
    client.get("/search/", {"q": "thủ tục không có"})
    client.get("/search/", {"q": nfd("thủ tục không có")})

    frequent = admin_client.get("/admin/reports/tim-kiem/tim-nhieu/").content.decode()
    assert "Từ khóa được tìm nhiều nhất" in frequent
    assert frequent.index("cấp phép") < frequent.index("thủ tục không có")
    zero = admin_client.get("/admin/reports/tim-kiem/khong-ket-qua/").content.decode()
    assert "thủ tục không có" in zero
    assert "cấp phép" not in zero

    csv = admin_client.get("/admin/reports/tim-kiem/khong-ket-qua/", {"export": "csv"})
    assert "thủ tục không có,2,2" in b"".join(csv.streaming_content).decode()

    editor = django_user_model.objects.create_user("bientap", password="x")  # noqa: S106
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/reports/tim-kiem/khong-ket-qua/").status_code in {302, 403}
    editor.user_permissions.add(Permission.objects.get(codename="add_searchpromotion"))
    assert client.get("/admin/reports/tim-kiem/khong-ket-qua/").status_code == 200


def nfd(value: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", value)


def test_a_word_of_the_body_is_found(client, home_page) -> None:
    from home.models import StandardPage

    page = StandardPage(title="Liên hệ", slug="lien-he", body="<p>Địa chỉ: 37 Lê Đại Hành.</p>")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert titles(client, "le dai hanh") == ["Liên hệ"]
    data = client.get("/search/", {"q": "Lê Đại Hành", "format": "json"}).json()
    assert data["results"][0]["type"] == "page"
    assert "<mark>Lê</mark> <mark>Đại</mark> <mark>Hành</mark>" in data["results"][0]["snippet"]


def test_imported_content_is_found_at_once(client, home_page) -> None:
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "data" / "sample.jsonl"
    call_command("import_content", str(sample), verbosity=0)
    assert titles(client, "dich vu cong truc tuyen muc 4")[0] == (
        "Bộ Xây dựng sẽ cung cấp 20 dịch vụ công trực tuyến mức 4 trong năm 2020"
    )
    data = client.get("/search/", {"q": "17/NQ-CP", "format": "json"}).json()
    assert data["results"][0]["type"] == "document"
    data = client.get("/search/", {"q": "1.009972", "format": "json"}).json()
    assert data["results"][0]["type"] == "procedure"
    assert titles(client, "nháp") == []  # imported as a draft

"""The public list of answered questions: filterable by field, searchable, cacheable."""

from __future__ import annotations

import pytest

from home.models import QuestionPage


@pytest.fixture
def answered(questions_index, construction, housing) -> list[QuestionPage]:
    pages = []
    for title, sector, question in [
        ("Cấp giấy phép xây dựng nhà ở", construction, "Hồ sơ gồm những gì?"),
        ("Mua nhà ở xã hội", housing, "Điều kiện được mua nhà ở xã hội?"),
    ]:
        page = QuestionPage(title=title, sector=sector, question=question,
                            answer="<p>Trả lời mẫu.</p>", asker="N. V. An")
        questions_index.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


def test_the_list_shows_answered_questions_and_links_to_the_form(client, answered):
    response = client.get("/hoi-dap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cấp giấy phép xây dựng nhà ở" in html and "Mua nhà ở xã hội" in html
    assert 'href="/hoi-dap/gui-cau-hoi/"' in html
    assert 'href="/hoi-dap/tra-cuu/"' in html
    # The list holds no personal data and no token: a page cache may keep it.
    assert "csrfmiddlewaretoken" not in html
    assert "private" not in response.headers.get("Cache-Control", "")


def test_the_list_filters_by_field_and_words(client, answered, housing):
    html = client.get("/hoi-dap/", {"field": housing.slug}).content.decode()
    assert "Mua nhà ở xã hội" in html and "Cấp giấy phép xây dựng nhà ở" not in html
    html = client.get("/hoi-dap/", {"q": "giay phep"}).content.decode()
    assert "Cấp giấy phép xây dựng nhà ở" in html and "Mua nhà ở xã hội" not in html
    html = client.get("/hoi-dap/", {"q": "điều kiện"}).content.decode()
    assert "Mua nhà ở xã hội" in html and "Cấp giấy phép" not in html


def test_a_bad_filter_is_explained_not_a_500(client, answered):
    response = client.get("/hoi-dap/", {"field": "khong-co"})
    assert response.status_code == 200
    assert "Không có lĩnh vực này trong danh mục" in response.content.decode()
    assert client.get("/hoi-dap/", {"page": "abc"}).status_code == 404

"""Answered questions are pages like any other: the site search finds them (JSON ``type``
``question``), the sitemap lists them, their page describes itself as a schema.org QAPage."""

from __future__ import annotations

import json
import re

import pytest

from home.models import QuestionPage


@pytest.fixture
def answered(questions_index, construction) -> QuestionPage:
    page = QuestionPage(
        title="Thời hạn cấp giấy phép xây dựng nhà ở riêng lẻ",
        sector=construction, asker="N. V. An",
        question="Bao lâu thì được cấp giấy phép xây dựng nhà ở riêng lẻ?",
        answer="<p>Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.</p>",
    )
    questions_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_search_finds_an_answered_question_as_type_question(client, answered):
    response = client.get("/search/", {"q": "giay phep xay dung nha o rieng le",
                                       "format": "json"})
    data = response.json()
    found = [r for r in data["results"] if r["url"].endswith(answered.url)]
    assert found and found[0]["type"] == "question"
    typed = client.get("/search/", {"q": "15 ngày", "type": "question", "format": "json"})
    assert typed.status_code == 200
    assert [r["title"] for r in typed.json()["results"]] == [answered.title]
    html = client.get("/search/", {"q": "giấy phép xây dựng"}).content.decode()
    assert "Hỏi đáp" in html and answered.title in html


def test_the_question_page_is_a_qa_page_with_a_description(client, answered):
    html = client.get(answered.url).content.decode()
    assert 'content="Bao lâu thì được cấp giấy phép xây dựng nhà ở riêng lẻ?"' in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    objects = [json.loads(block) for block in blocks]
    qa = next(o for o in objects if o.get("@type") == "QAPage")
    assert qa["mainEntity"]["name"] == answered.title
    assert "15 ngày" in qa["mainEntity"]["acceptedAnswer"]["text"]
    assert "N. V. An" not in json.dumps(qa, ensure_ascii=False)


def test_the_sitemap_has_a_section_for_questions(client, answered):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-hoi-dap.xml" in index
    section = client.get("/sitemap-hoi-dap.xml").content.decode()
    assert answered.url in section
    assert "gui-cau-hoi" not in section and "tra-cuu" not in section

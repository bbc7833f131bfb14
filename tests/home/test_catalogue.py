"""The procedure catalogue: filters in the URL, their bad values, pagination, query counts."""

from __future__ import annotations

import unicodedata

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.factories import AgencyFactory, ProcedurePageFactory
from home.forms import MAX_QUERY

from .helpers import visible_text

URL = "/thu-tuc-hanh-chinh/"


@pytest.fixture
def catalogue(procedure_index, construction, housing, department):
    """Five procedures across two fields, the three levels of Nghị định 42 and one agency in
    four roles."""
    other = AgencyFactory(name="Vụ Pháp chế")
    pages = {
        "licence": ProcedurePageFactory(
            parent=procedure_index, title="Cấp chứng chỉ năng lực hoạt động xây dựng hạng I",
            code="1.009972", level=4, sector=construction,
        ),
        "upgrade": ProcedurePageFactory(
            parent=procedure_index, title="Cấp nâng hạng chứng chỉ hành nghề hạng I",
            code="1.009973", level=3, sector=construction,
        ),
        "housing": ProcedurePageFactory(
            parent=procedure_index, title="Thuê nhà ở công vụ thuộc thẩm quyền của Chính phủ",
            code="1.010001", level=4, sector=housing,
        ),
        "expert": ProcedurePageFactory(
            parent=procedure_index, title="Điều chỉnh thông tin tổ chức giám định tư pháp",
            code="1.000948.H38", level=1, sector=construction,
        ),
        "water": ProcedurePageFactory(
            parent=procedure_index, title="Thẩm định thiết kế công trình thủy lợi",
            code="1.010005", level=1, sector=housing,
        ),
    }
    for key, role in (("licence", "implementing"), ("housing", "competent"), ("expert",
                      "coordinating"), ("upgrade", "authorised")):
        page = pages[key]
        getattr(page, f"{role}_agencies").set([department])
        page.save_revision().publish()
    pages["water"].implementing_agencies.set([other])
    pages["water"].save_revision().publish()
    return pages


def listed(client, query: str = "", status: int = 200) -> tuple[list[str], str]:
    response = client.get(URL + query)
    assert response.status_code == status
    html = response.content.decode()
    codes = [
        line.split(">", 1)[1].split("<", 1)[0]
        for line in html.split('<td class="procedure-table__code"')[1:]
    ]
    return codes, html


def test_unfiltered_catalogue_lists_live_procedures_by_code(client, catalogue):
    codes, html = listed(client)
    assert codes == ["1.000948.H38", "1.009972", "1.009973", "1.010001", "1.010005"]
    assert "Tìm thấy 5 thủ tục." in visible_text(html)
    shown = visible_text(html)
    assert "1.009972 Cấp chứng chỉ năng lực hoạt động xây dựng hạng I Hoạt động xây dựng " \
        "Toàn trình" in shown
    assert "1.009973 Cấp nâng hạng chứng chỉ hành nghề hạng I Hoạt động xây dựng Một phần" \
        in shown
    assert "Thẩm định thiết kế công trình thủy lợi Nhà ở và công sở Cung cấp thông tin" in shown
    assert "Mức 4" not in shown and "Mức 3" not in shown


def test_draft_procedure_is_not_listed(client, catalogue):
    catalogue["upgrade"].unpublish()
    codes, _ = listed(client)
    assert "1.009973" not in codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?field=hoat-dong-xay-dung", ["1.000948.H38", "1.009972", "1.009973"]),
        ("?level=toan-trinh", ["1.009972", "1.010001"]),
        ("?level=mot-phan", ["1.009973"]),
        ("?level=cung-cap-thong-tin", ["1.000948.H38", "1.010005"]),
        # Links from before Nghị định 42's levels, and the words themselves, still work.
        ("?level=4", ["1.009972", "1.010001"]),
        ("?level=3", ["1.009973"]),
        ("?level=2", ["1.000948.H38", "1.010005"]),
        ("?level=Toàn+trình", ["1.009972", "1.010001"]),
        ("?level=MOT+PHAN", ["1.009973"]),
        ("?agency=cuc-quan-ly-hoat-dong-xay-dung",
         ["1.000948.H38", "1.009972", "1.009973", "1.010001"]),
        ("?agency=vu-phap-che", ["1.010005"]),
        ("?field=nha-o-va-cong-so&level=toan-trinh", ["1.010001"]),
        ("?field=hoat-dong-xay-dung&level=toan-trinh&agency=cuc-quan-ly-hoat-dong-xay-dung",
         ["1.009972"]),
        ("?q=chung+chi", ["1.009972", "1.009973"]),
        ("?q=chứng+chỉ+hạng", ["1.009972", "1.009973"]),
        ("?q=1.009972", ["1.009972"]),
        ("?q=h38", ["1.000948.H38"]),
        ("?q=thuy+loi", ["1.010005"]),
        ("?q=thuỷ+lợi", ["1.010005"]),  # old tone placement
        ("?q=CÔNG+VỤ&field=nha-o-va-cong-so", ["1.010001"]),
        ("?level=", ["1.000948.H38", "1.009972", "1.009973", "1.010001", "1.010005"]),
    ],
)
def test_filters_combine(client, catalogue, query, expected):
    codes, _ = listed(client, query)
    assert codes == expected


def test_query_typed_in_nfd_matches(client, catalogue):
    nfd = unicodedata.normalize("NFD", "giám định")
    codes, _ = listed(client, f"?q={nfd}")
    assert codes == ["1.000948.H38"]


def test_no_match_is_an_explained_empty_result(client, catalogue):
    codes, html = listed(client, "?q=khong+co+thu+tuc+nay")
    assert codes == []
    assert "Không có thủ tục nào khớp với bộ lọc đã chọn." in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?field=khong-ton-tai", "Không có lĩnh vực này trong danh mục."),
        ("?agency=bo-khong-co", "Không có cơ quan này trong danh mục."),
        ("?level=7", "Mức độ “7” không hợp lệ: chọn toàn trình, một phần hoặc cung cấp"),
        ("?level=abc", "Mức độ “abc” không hợp lệ: chọn toàn trình, một phần hoặc cung cấp"),
        ("?level=toan", "Mức độ “toan” không hợp lệ"),
        ("?level=4&field=%00", "Giá trị chứa ký tự không hợp lệ."),
        ("?q=a%00b", "Giá trị chứa ký tự không hợp lệ."),
        (f"?q={'x' * (MAX_QUERY + 1)}", f"Từ khóa dài quá {MAX_QUERY} ký tự"),
    ],
)
def test_unknown_values_give_an_empty_explained_result(client, catalogue, query, message):
    codes, html = listed(client, query)
    assert codes == []
    assert "Không hiển thị kết quả vì bộ lọc có giá trị không hợp lệ" in html
    assert message in html
    assert 'role="alert"' in html


def test_huge_query_string_is_refused_politely(client, catalogue):
    codes, html = listed(client, "?q=" + "nhà+ở+" * 5000)
    assert codes == []
    assert "Từ khóa dài quá" in html


def test_repeated_parameters_take_the_last_value(client, catalogue):
    codes, _ = listed(client, "?level=mot-phan&level=toan-trinh&field=nha-o-va-cong-so")
    assert codes == ["1.010001"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "1.5", "%00"])
def test_bad_page_numbers_are_404(client, catalogue, page):
    assert client.get(f"{URL}?page={page}").status_code == 404


def test_filter_form_shows_labels_and_keeps_the_values(client, catalogue):
    _, html = listed(client, "?level=toan-trinh&field=hoat-dong-xay-dung")
    for label in ("Từ khóa", "Lĩnh vực", "Dịch vụ công trực tuyến", "Cơ quan"):
        assert f">{label}</label>" in html
    assert '<option value="toan-trinh" selected>Toàn trình</option>' in html
    assert '<option value="mot-phan">Một phần</option>' in html
    assert '<option value="cung-cap-thong-tin">Cung cấp thông tin</option>' in html
    assert "Mức độ 4" not in html


def test_an_old_level_link_selects_the_new_level_and_pages_with_it(client, make_procedures):
    """``?level=4`` (a link from before Nghị định 42) shows toàn trình selected, and the
    pagination links it makes carry ``level=toan-trinh``."""
    make_procedures(21, level=4)
    codes, html = listed(client, "?level=4")
    assert len(codes) == 20
    assert '<option value="toan-trinh" selected>' in html
    assert 'href="?level=toan-trinh&amp;page=2"' in html


def test_pagination_keeps_the_filters(client, make_procedures, construction):
    make_procedures(22, level=4)
    make_procedures(1, level=3)
    codes, html = listed(client, "?level=toan-trinh")
    assert len(codes) == 20
    assert 'href="?level=toan-trinh&amp;page=2"' in html
    codes, html = listed(client, "?level=toan-trinh&page=2")
    assert len(codes) == 2
    assert 'href="?level=toan-trinh&amp;page=1"' in html


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_catalogue_queries_are_the_same_for_5_and_50_procedures(
    client, make_procedures, django_assert_max_num_queries
):
    """The whole page (shell included) costs the same whatever the catalogue's size."""
    filtered = URL + "?level=toan-trinh&q=cap+giay+phep"
    make_procedures(3, level=4)
    make_procedures(2, level=3)
    client.get(URL)  # warm the site and sidebar caches, as in production
    small = (count_queries(client, URL), count_queries(client, filtered))
    make_procedures(45, level=4)
    client.get(URL)
    with django_assert_max_num_queries(25):
        response = client.get(URL)
    assert "Tìm thấy 50 thủ tục." in visible_text(response.content.decode())
    assert (count_queries(client, URL), count_queries(client, filtered)) == small


def test_text_box_matches_keywords(client, procedure_index, construction):
    ProcedurePageFactory(parent=procedure_index, code="1.009990", sector=construction,
                         title="Cấp giấy chứng nhận thí nghiệm", keywords="phòng LAS, vật liệu")
    codes, _ = listed(client, "?q=las")
    assert codes == ["1.009990"]

"""The judged query set: Vietnamese queries, each with the record(s) that must come first.

Runs through the site's search backend on whatever database the suite uses (SQLite by default,
PostgreSQL with DATABASE_URL). ``test_score`` prints precision at 1 and MRR for the report.
"""

from __future__ import annotations

import unicodedata

import pytest

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.search.corpus import key_of


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


# (query, keys of which one must be first, what it checks)
JUDGED = [
    ("dịch vụ công trực tuyến", {"dvc-2020"}, "phrase, marks"),
    ("dich vu cong truc tuyen", {"dvc-2020"}, "no diacritics"),
    (nfd("dịch vụ công trực tuyến"), {"dvc-2020"}, "NFD"),
    ("DỊCH VỤ CÔNG TRỰC TUYẾN", {"dvc-2020"}, "upper case"),
    ("bán nhà", {"ban-nha-xa-hoi"}, "exact bán"),
    ("ban nha", {"ban-nha-xa-hoi"}, "folded, words together"),
    ("bàn giao nhà", {"ban-giao-nha"}, "exact bàn"),
    ("ban giao nha", {"ban-giao-nha"}, "folded phrase"),
    ("bạn đọc", {"ban-doc-hoi"}, "exact bạn"),
    ("ban doc", {"ban-doc-hoi"}, "folded bạn đọc"),
    ("Ban Chỉ đạo", {"ban-chi-dao"}, "exact ban"),
    ("ban chi dao", {"ban-chi-dao"}, "folded ban chỉ đạo"),
    ("đô thị thông minh", {"do-thi-thong-minh"}, "đ"),
    ("do thi thong minh", {"do-thi-thong-minh"}, "đ folded"),
    ("Đà Nẵng", {"do-thi-thong-minh"}, "Đ upper"),
    ("da nang", {"do-thi-thong-minh"}, "Đ folded"),
    ("thuỷ lợi", {"thuy-loi-hoa-binh"}, "old tone placement"),
    ("thủy lợi", {"thuy-loi-hoa-binh"}, "new tone placement"),
    ("hoà bình", {"thuy-loi-hoa-binh"}, "old tone placement hoà"),
    (nfd("Hòa Bình"), {"thuy-loi-hoa-binh"}, "NFD and case"),
    ("đường cao tốc", {"cao-toc"}, "đường"),
    ("duong cao toc", {"cao-toc"}, "đường folded"),
    ("vật liệu xây dựng xanh", {"vat-lieu-xanh"}, "four syllables"),
    ("cát xây dựng", {"gia-cat"}, "exact cát"),
    ("cất nóc", {"cat-noc"}, "exact cất"),
    ("cat noc", {"cat-noc"}, "folded cất nóc"),
    ("1.009972", {"1.009972"}, "procedure code"),
    ("1.009974", {"1.009974"}, "procedure code"),
    ("thủ tục 1.009978", {"1.009978"}, "code inside words"),
    ("17/NQ-CP", {"17/NQ-CP"}, "document number"),
    ("17/nq-cp", {"17/NQ-CP"}, "document number, lower case"),
    ("50/2014/QH13", {"50/2014/QH13"}, "law number"),
    ("15/2021/NĐ-CP", {"15/2021/NĐ-CP"}, "number with Đ"),
    ("15/2021/ND-CP", {"15/2021/NĐ-CP"}, "number with Đ folded"),
    ("QCVN 01:2021/BXD", {"01/2021/TT-BXD"}, "standard code in a title"),
    ("chứng chỉ năng lực hoạt động xây dựng", {"1.009972"}, "long phrase, title"),
    ("chứng chỉ hành nghề", {"1.009973"}, "phrase over shared words"),
    ("thuê nhà ở công vụ", {"1.009974", "1.009975"}, "two equal titles"),
    ("nhà ở công vụ Chính phủ", {"1.009974"}, "words apart"),
    ("giám định tư pháp", {"1.009976"}, "procedure words"),
    ("giam dinh tu phap", {"1.009976"}, "procedure words folded"),
    ("thí nghiệm chuyên ngành", {"1.009977"}, "exact thí"),
    ("thử nghiệm chất lượng sản phẩm", {"1.009978"}, "exact thử"),
    ("thu nghiem", {"1.009978"}, "folded thử, not thí"),
    ("đánh giá sự phù hợp", {"1.009979"}, "procedure phrase"),
    ("Chính phủ điện tử", {"17/NQ-CP"}, "title over body"),
    ("chinh phu dien tu", {"17/NQ-CP"}, "title over body, folded"),
    ("quản lý dự án đầu tư xây dựng", {"15/2021/NĐ-CP"}, "long phrase"),
    ("phân cấp công trình", {"06/2021/TT-BXD"}, "document title"),
    ("mua bán nhà ở", {"17/2019/TT-BXD"}, "exact bán in a document"),
    ("giới thiệu", {"gioi-thieu"}, "plain page"),
    ("Bộ TT&TT", {"dvc-2020"}, "ampersand code"),
    ("40,81%", {"dvc-2020"}, "decimal comma"),
    ("qúy I/2020", {"dvc-2020"}, "old qúy"),
    ("ở nhà", {"nha-cu"}, "word order: ở nhà, not nhà ở"),
    ("nhà ở xã hội", {"ban-nha-xa-hoi"}, "word order: nhà ở"),
    # Words that carry no meaning here do not veto a result.
    ("thủ tục cấp lại quyết định chỉ định tổ chức đánh giá sự phù hợp", {"1.009979"},
     "stop words: thủ tục"),
    ("thủ tục giám định tư pháp xây dựng", {"1.009976"}, "stop words: thủ tục"),
    ("thu tuc thue nha o cong vu", {"1.009974", "1.009975"}, "stop words folded"),
    ("các thủ tục cấp chứng chỉ hành nghề", {"1.009973"}, "stop words: các thủ tục"),
    ("về việc phân cấp công trình xây dựng", {"06/2021/TT-BXD"}, "stop words: về việc"),
    ("về việc hướng dẫn mua bán nhà ở hình thành trong tương lai", {"17/2019/TT-BXD"},
     "stop words: về việc"),
    ("quy hoạch đô thị thông minh của Đà Nẵng", {"do-thi-thong-minh"}, "stop word: của"),
    ("cho thuê nhà ở công vụ", {"1.009974", "1.009975"}, "stop word: cho"),
    ("khởi công cao tốc tại Quảng Ngãi", {"cao-toc"}, "stop word: tại"),
    ("nhà ở công vụ và Chính phủ", {"1.009974"}, "stop word: và"),
    # A word no page holds: the best partial matches.
    ("giá cát xây dựng Hà Tĩnh", {"gia-cat"}, "partial: one word missing"),
    ("luật xây dựng sửa đổi năm 2024", {"62/2020/QH14"}, "partial: two words missing"),
    ("chứng chỉ hành nghề kiến trúc sư", {"1.009973"}, "partial: three words missing"),
    ("bán nhà ở xã hội Long An", {"ban-nha-xa-hoi"}, "partial: a place missing"),
    ("đường cao tốc Bắc Nam Cà Mau", {"cao-toc"}, "partial: a place missing"),
    ("vật liệu xây dựng xanh Bình Dương", {"vat-lieu-xanh"}, "partial"),
    ("đô thị thông minh Cần Thơ", {"do-thi-thong-minh"}, "partial"),
    ("cat noc toa nha van phong Hai Phong", {"cat-noc"}, "partial, folded"),
    # Abbreviations, both ways (the seeded synonyms).
    ("Ủy ban nhân dân Thành phố Hồ Chí Minh chống ngập", {"ubnd-tphcm"}, "spelled out → UBND"),
    ("uy ban nhan dan tp hcm", {"ubnd-tphcm"}, "spelled out, folded → UBND"),
    ("TPHCM chống ngập", {"ubnd-tphcm"}, "TPHCM → TP.HCM"),
    ("HĐND Bình Định bảng giá đất", {"hdnd-binh-dinh"}, "HĐND → spelled out"),
    ("hdnd binh dinh", {"hdnd-binh-dinh"}, "hdnd folded → spelled out"),
    ("PCCC chung cư mini", {"pccc-chung-cu"}, "PCCC → spelled out"),
    ("khu công nghiệp phía Bắc", {"kcn-phia-bac"}, "spelled out → KCN"),
    ("BĐS phục hồi", {"bds-phuc-hoi"}, "BĐS → spelled out"),
    ("bds phuc hoi cuoi nam", {"bds-phuc-hoi"}, "bds folded → spelled out"),
    ("CCHN hoạt động xây dựng hạng I", {"1.009973"}, "CCHN → spelled out"),
    ("quy chuẩn Việt Nam về quy hoạch xây dựng", {"01/2021/TT-BXD"}, "spelled out → QCVN"),
    ("DVC trực tuyến mức 4", {"dvc-2020"}, "DVC → spelled out"),
    ("GPXD nhà riêng lẻ", {"ban-doc-hoi"}, "GPXD → spelled out"),
]


def _ranked(query: str) -> list[str]:
    pages = Page.objects.live().public()
    return [key_of(page) for page in get_search_backend().search(query, pages)[:10]]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected", "checks"), JUDGED, ids=[j[0] for j in JUDGED])
def test_expected_result_comes_first(corpus, query: str, expected: set[str], checks: str) -> None:
    ranked = _ranked(query)
    assert ranked, f"{checks}: nothing found"
    assert ranked[0] in expected, f"{checks}: {ranked[:4]}"


@pytest.mark.django_db
def test_score(corpus, capsys) -> None:
    """Precision at 1 and mean reciprocal rank over the judged set, printed for the report."""
    first, reciprocal = 0, 0.0
    for query, expected, _ in JUDGED:
        ranked = _ranked(query)
        rank = next((i + 1 for i, key in enumerate(ranked) if key in expected), None)
        first += rank == 1
        reciprocal += 1 / rank if rank else 0.0
    n = len(JUDGED)
    with capsys.disabled():
        print(f"\njudged search: {n} queries, P@1 {first / n:.3f}, MRR {reciprocal / n:.3f}")
    assert n >= 80
    assert first == n

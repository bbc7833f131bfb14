"""A small Vietnamese corpus written for the search tests: articles, procedures, documents.

Each record has a key (its slug) that the judged queries name as the result that must come first.
Near-misses sit beside each target: bán / bàn / bạn / ban, cát / cất, thí / thử nghiệm,
17/NQ-CP beside 17/2019/TT-BXD, "nhà ở" beside "ở nhà".
"""

from __future__ import annotations

import datetime as dt

from wagtail.rich_text import RichText

from cms import text
from home.factories import AgencyFactory, SectorFactory
from home.models import (
    HomePage,
    PolicyIndexPage,
    PolicyPage,
    ProcedureIndexPage,
    ProcedurePage,
    StandardPage,
)
from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

TZ = text.TIME_ZONE

ARTICLES = [
    ("dvc-2020", "Bộ Xây dựng sẽ cung cấp 20 dịch vụ công trực tuyến mức 4 trong năm 2020",
     "Dự kiến đến cuối năm 2020, số dịch vụ công trực tuyến mức 4 của Bộ Xây dựng là 20 dịch vụ, "
     "đạt 40,81% số thủ tục hành chính.",
     "Việc ban hành danh mục nhằm thực hiện Nghị quyết 17 ngày 7/3/2019 về Chính phủ điện tử. "
     "Theo Cục Tin học hóa, Bộ TT&TT, tính đến qúy I/2020 Bộ có 6 dịch vụ mức độ 4.",
     dt.datetime(2020, 9, 21, 9, 7, tzinfo=TZ)),
    ("ban-nha-xa-hoi", "Thị trường bán nhà ở xã hội khởi sắc",
     "Nhiều dự án bán nhà ở xã hội mở bán trong quý này.",
     "Người mua cần chuẩn bị hồ sơ chứng minh thu nhập.",
     dt.datetime(2023, 1, 10, 8, 0, tzinfo=TZ)),
    ("ban-giao-nha", "Lễ bàn giao nhà cho người dân vùng lũ",
     "Chính quyền tổ chức bàn giao nhà mới cho các hộ dân.",
     "Mỗi căn nhà được xây trên nền đất cao.",
     dt.datetime(2023, 2, 1, 8, 0, tzinfo=TZ)),
    ("ban-doc-hoi", "Bạn đọc hỏi về giấy phép xây dựng nhà riêng lẻ",
     "Bạn đọc Nguyễn Văn A hỏi khi nào cần giấy phép.",
     "Chuyên gia trả lời bạn đọc về hồ sơ xin phép.",
     dt.datetime(2023, 3, 1, 8, 0, tzinfo=TZ)),
    ("ban-chi-dao", "Ban Chỉ đạo Trung ương về chính sách nhà ở họp phiên thứ nhất",
     "Ban Chỉ đạo thống nhất kế hoạch năm.",
     "Các thành viên Ban Chỉ đạo thảo luận về thị trường.",
     dt.datetime(2023, 4, 1, 8, 0, tzinfo=TZ)),
    ("do-thi-thong-minh", "Quy hoạch đô thị thông minh tại Đà Nẵng",
     "Đà Nẵng xây dựng đề án đô thị thông minh đến năm 2030.",
     "Thành phố ứng dụng dữ liệu vào quản lý.",
     dt.datetime(2022, 5, 1, 8, 0, tzinfo=TZ)),
    ("thuy-loi-hoa-binh", "Công trình thủy lợi hồ chứa nước Hòa Bình được nghiệm thu",
     "Công trình thủy lợi phục vụ tưới tiêu cho tỉnh Hòa Bình.",
     "Hồ chứa có dung tích lớn.",
     dt.datetime(2022, 6, 1, 8, 0, tzinfo=TZ)),
    ("cao-toc", "Khởi công đường cao tốc Bắc – Nam đoạn qua Quảng Ngãi",
     "Tuyến đường cao tốc dài 88 km.",
     "Nhà thầu cam kết bảo đảm tiến độ.",
     dt.datetime(2022, 7, 1, 8, 0, tzinfo=TZ)),
    ("vat-lieu-xanh", "Phát triển vật liệu xây dựng xanh",
     "Vật liệu xây dựng không nung giảm phát thải.",
     "Doanh nghiệp được khuyến khích đầu tư dây chuyền mới.",
     dt.datetime(2022, 8, 1, 8, 0, tzinfo=TZ)),
    ("tong-ket-2022", "Hội nghị tổng kết công tác năm 2022 của ngành Xây dựng",
     "Ngành đạt nhiều kết quả về xây dựng nhà ở, vật liệu và hạ tầng.",
     "Bộ trưởng đề nghị đẩy mạnh dịch vụ trực tuyến công khai, bán đấu giá, bàn bạc dân chủ.",
     dt.datetime(2023, 1, 5, 8, 0, tzinfo=TZ)),
    ("nha-cu", "Người dân phản ánh chung cư cũ xuống cấp",
     "Nhiều hộ phải ở nhà tạm trong thời gian cải tạo.",
     "Thành phố lập kế hoạch di dời.",
     dt.datetime(2021, 4, 1, 8, 0, tzinfo=TZ)),
    ("gia-cat", "Giá cát xây dựng tăng cao",
     "Giá cát san lấp tăng gấp đôi.",
     "Các địa phương tăng cường kiểm tra mỏ cát.",
     dt.datetime(2021, 5, 1, 8, 0, tzinfo=TZ)),
    ("cat-noc", "Cất nóc tòa nhà văn phòng bộ",
     "Công trình cất nóc đúng tiến độ.",
     "Đơn vị thi công bảo đảm an toàn lao động.",
     dt.datetime(2021, 6, 1, 8, 0, tzinfo=TZ)),
    # Abbreviations one way or the other (the seeded synonyms, search/migrations/0007).
    ("ubnd-tphcm", "UBND TP.HCM phê duyệt đề án chống ngập",
     "Đề án chống ngập giai đoạn 2024 – 2030.",
     "Kinh phí từ ngân sách và xã hội hóa.",
     dt.datetime(2019, 2, 1, 8, 0, tzinfo=TZ)),
    ("hdnd-binh-dinh", "Hội đồng nhân dân tỉnh Bình Định thông qua bảng giá đất",
     "Bảng giá đất áp dụng từ đầu năm.",
     "Kỳ họp chuyên đề xem xét nhiều tờ trình.",
     dt.datetime(2019, 2, 2, 8, 0, tzinfo=TZ)),
    ("pccc-chung-cu", "Kiểm tra phòng cháy chữa cháy tại chung cư mini",
     "Đoàn kiểm tra phát hiện nhiều vi phạm về lối thoát nạn.",
     "Chủ đầu tư phải khắc phục trong ba mươi ngày.",
     dt.datetime(2019, 2, 3, 8, 0, tzinfo=TZ)),
    ("kcn-phia-bac", "Thu hút đầu tư vào KCN phía Bắc",
     "Vốn đăng ký mới tăng mạnh.",
     "Nhiều tập đoàn điện tử mở rộng nhà máy.",
     dt.datetime(2019, 2, 4, 8, 0, tzinfo=TZ)),
    ("bds-phuc-hoi", "Thị trường bất động sản phục hồi cuối năm",
     "Giao dịch căn hộ tăng trở lại.",
     "Giá chào bán ổn định.",
     dt.datetime(2019, 2, 5, 8, 0, tzinfo=TZ)),
]

PROCEDURES = [
    ("1.009972", "Cấp chứng chỉ năng lực hoạt động xây dựng hạng I", 4),
    ("1.009973", "Cấp nâng hạng chứng chỉ hành nghề hoạt động xây dựng hạng I", 4),
    ("1.009974", "Thuê nhà ở công vụ thuộc thẩm quyền quản lý của Chính phủ", 4),
    ("1.009975", "Thuê nhà ở công vụ thuộc thẩm quyền quản lý của Bộ Xây dựng", 4),
    ("1.009976", "Điều chỉnh, thay đổi thông tin cá nhân, tổ chức giám định tư pháp xây dựng", 4),
    ("1.009977", "Cấp Giấy chứng nhận đủ điều kiện hoạt động thí nghiệm chuyên ngành xây dựng", 3),
    ("1.009978", "Cấp mới Giấy chứng nhận đăng ký hoạt động thử nghiệm chất lượng sản phẩm, "
     "hàng hóa, vật liệu xây dựng", 3),
    ("1.009979", "Cấp lại quyết định chỉ định tổ chức đánh giá sự phù hợp", 3),
]

DOCUMENTS = [
    ("17/NQ-CP", "Nghị quyết về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử "
     "giai đoạn 2019 – 2020, định hướng đến 2025", "nghi-quyet", dt.date(2019, 3, 7)),
    ("929/BTTTT-THH", "Công văn hướng dẫn xác định dịch vụ công trực tuyến mức độ 3, 4",
     "cong-van", dt.date(2020, 3, 19)),
    ("50/2014/QH13", "Luật Xây dựng", "luat", dt.date(2014, 6, 18)),
    ("62/2020/QH14", "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng", "luat",
     dt.date(2020, 6, 17)),
    ("15/2021/NĐ-CP", "Nghị định quy định chi tiết một số nội dung về quản lý dự án đầu tư "
     "xây dựng", "nghi-dinh", dt.date(2021, 3, 3)),
    ("01/2021/TT-BXD", "Thông tư ban hành QCVN 01:2021/BXD Quy chuẩn kỹ thuật quốc gia về "
     "Quy hoạch xây dựng", "thong-tu", dt.date(2021, 5, 19)),
    ("06/2021/TT-BXD", "Thông tư quy định về phân cấp công trình xây dựng", "thong-tu",
     dt.date(2021, 6, 30)),
    ("17/2019/TT-BXD", "Thông tư hướng dẫn mua bán nhà ở hình thành trong tương lai", "thong-tu",
     dt.date(2019, 11, 10)),
]


def key_of(page) -> str:
    """The corpus key of a result: slug for articles/pages, code or number otherwise."""
    specific = page.specific
    return getattr(specific, "code", None) or getattr(specific, "number", None) or specific.slug


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build(home: HomePage) -> dict[str, object]:
    """Create and publish the corpus under ``home``; returns pages by key."""
    pages: dict[str, object] = {}
    news = _publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    category = NewsCategory.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    for slug, title, lead, body, published in ARTICLES:
        pages[slug] = _publish(news, NewsArticlePage(
            title=title, slug=slug, lead=lead, category=category, published_at=published,
            body=[("paragraph", RichText(f"<p>{body}</p>"))],
        ))
    procedures = _publish(home, ProcedureIndexPage(title="Thủ tục hành chính",
                                                   slug="thu-tuc-hanh-chinh"))
    sector = SectorFactory(name="Hoạt động xây dựng")
    for code, title, level in PROCEDURES:
        pages[code] = _publish(procedures, ProcedurePage(
            title=title, code=code, level=level, sector=sector,
            applicants="Tổ chức, cá nhân", steps="<p>Nộp hồ sơ trực tuyến.</p>",
            result="Kết quả giải quyết thủ tục.",
        ))
    policies = _publish(home, PolicyIndexPage(title="Chính sách pháp luật",
                                              slug="chinh-sach-phap-luat"))
    issuer = AgencyFactory(name="Chính phủ")
    for number, title, doc_type, issued in DOCUMENTS:
        pages[number] = _publish(policies, PolicyPage(
            title=title, number=number, doc_type=doc_type, issuer=issuer, issued_on=issued,
            status="con-hieu-luc", summary=title,
        ))
    pages["gioi-thieu"] = _publish(home, StandardPage(
        title="Giới thiệu Bộ Xây dựng", slug="gioi-thieu",
        body="<p>Chức năng, nhiệm vụ và cơ cấu tổ chức của Bộ.</p>",
    ))
    return pages

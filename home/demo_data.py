"""Demo content of the portal, from the seed page (/work/shared/seed): procedures, documents,
banners and unit sites. Procedure codes follow the national format but are illustrative."""

from __future__ import annotations

import datetime as dt

SECTORS = [
    "Hoạt động xây dựng",
    "Nhà ở và công sở",
    "Giám định tư pháp xây dựng",
    "Vật liệu xây dựng",
    "Chính phủ điện tử",
]
AGENCIES = [
    "Bộ Xây dựng",
    "Cục Quản lý hoạt động xây dựng",
    "Cục Quản lý nhà và thị trường bất động sản",
    "Vụ Khoa học công nghệ và môi trường",
    "Vụ Pháp chế",
    "Chính phủ",
    "Bộ Thông tin và Truyền thông",
]

ONLINE_FEE_NOTE = "Nộp phí trực tuyến qua Cổng dịch vụ công Quốc gia."

# (code, title, level, sector, implementing agency, applicants, days, fee, papers, result)
PROCEDURES = [
    (
        "1.009972",
        "Cấp chứng chỉ năng lực hoạt động xây dựng hạng I",
        4,
        "Hoạt động xây dựng",
        "Cục Quản lý hoạt động xây dựng",
        "Tổ chức",
        20,
        "Phí thẩm định: 1.000.000 đồng/chứng chỉ",
        [
            ("Đơn đề nghị cấp chứng chỉ năng lực hoạt động xây dựng", True, 1, 0),
            ("Quyết định thành lập hoặc Giấy chứng nhận đăng ký doanh nghiệp", False, 0, 1),
            ("Kê khai năng lực tài chính, máy móc, thiết bị", False, 1, 0),
        ],
        "Chứng chỉ năng lực hoạt động xây dựng hạng I.",
    ),
    (
        "1.009973",
        "Cấp nâng hạng chứng chỉ hành nghề hoạt động xây dựng hạng I",
        4,
        "Hoạt động xây dựng",
        "Cục Quản lý hoạt động xây dựng",
        "Công dân Việt Nam, Người nước ngoài",
        20,
        "Phí sát hạch và thẩm định: 300.000 đồng/chứng chỉ",
        [
            ("Đơn đề nghị cấp chứng chỉ hành nghề hoạt động xây dựng", True, 1, 0),
            ("Văn bằng đào tạo chuyên môn phù hợp", False, 0, 1),
            ("Bản khai kinh nghiệm công tác chuyên môn", False, 1, 0),
        ],
        "Chứng chỉ hành nghề hoạt động xây dựng hạng I.",
    ),
    (
        "1.010001",
        "Thuê nhà ở công vụ thuộc thẩm quyền quản lý của Chính phủ",
        4,
        "Nhà ở và công sở",
        "Cục Quản lý nhà và thị trường bất động sản",
        "Cán bộ, công chức thuộc diện được thuê nhà ở công vụ",
        30,
        "",
        [
            ("Đơn đề nghị thuê nhà ở công vụ", True, 1, 0),
            ("Quyết định bổ nhiệm, điều động, luân chuyển công tác", False, 0, 1),
        ],
        "Hợp đồng thuê nhà ở công vụ.",
    ),
    (
        "1.010002",
        "Thuê nhà ở công vụ thuộc thẩm quyền quản lý của Bộ Xây dựng",
        4,
        "Nhà ở và công sở",
        "Cục Quản lý nhà và thị trường bất động sản",
        "Cán bộ, công chức thuộc diện được thuê nhà ở công vụ",
        30,
        "",
        [
            ("Đơn đề nghị thuê nhà ở công vụ", True, 1, 0),
            ("Quyết định bổ nhiệm, điều động, luân chuyển công tác", False, 0, 1),
        ],
        "Hợp đồng thuê nhà ở công vụ.",
    ),
    (
        "1.000948.H38",
        "Điều chỉnh, thay đổi thông tin cá nhân, tổ chức giám định tư pháp xây dựng đối với "
        "cá nhân, tổ chức do Bộ Xây dựng đã tiếp nhận đăng ký, công bố thông tin",
        4,
        "Giám định tư pháp xây dựng",
        "Vụ Pháp chế",
        "Cá nhân, Tổ chức",
        5,
        "",
        [("Văn bản đề nghị điều chỉnh, thay đổi thông tin", True, 1, 0)],
        "Thông tin được điều chỉnh trên Cổng thông tin điện tử Bộ Xây dựng.",
    ),
    (
        "1.009980",
        "Cấp mới, cấp lại, cấp bổ sung, sửa đổi Giấy chứng nhận đủ điều kiện hoạt động thí "
        "nghiệm chuyên ngành xây dựng",
        3,
        "Vật liệu xây dựng",
        "Vụ Khoa học công nghệ và môi trường",
        "Tổ chức, Doanh nghiệp",
        10,
        "Phí thẩm định: 1.500.000 đồng/lần",
        [
            ("Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện hoạt động thí nghiệm", True, 1, 0),
            ("Danh sách cán bộ quản lý, thí nghiệm viên kèm chứng chỉ", False, 1, 0),
            ("Danh mục máy móc, thiết bị thí nghiệm", False, 1, 0),
        ],
        "Giấy chứng nhận đủ điều kiện hoạt động thí nghiệm chuyên ngành xây dựng.",
    ),
    (
        "1.009981",
        "Cấp mới Giấy chứng nhận đăng ký hoạt động thử nghiệm chất lượng sản phẩm, hàng hóa, "
        "vật liệu xây dựng",
        3,
        "Vật liệu xây dựng",
        "Vụ Khoa học công nghệ và môi trường",
        "Tổ chức, Doanh nghiệp",
        10,
        "",
        [
            ("Đơn đăng ký hoạt động thử nghiệm", True, 1, 0),
            ("Danh sách thử nghiệm viên", False, 1, 0),
        ],
        "Giấy chứng nhận đăng ký hoạt động thử nghiệm.",
    ),
    (
        "1.009982",
        "Cấp lại Giấy chứng nhận đăng ký hoạt động chứng nhận chất lượng sản phẩm, hàng hóa "
        "vật liệu xây dựng",
        3,
        "Vật liệu xây dựng",
        "Vụ Khoa học công nghệ và môi trường",
        "Tổ chức, Doanh nghiệp",
        5,
        "",
        [("Đơn đề nghị cấp lại Giấy chứng nhận", True, 1, 0)],
        "Giấy chứng nhận đăng ký hoạt động chứng nhận (cấp lại).",
    ),
    (
        "1.009983",
        "Cấp lại quyết định chỉ định tổ chức đánh giá sự phù hợp",
        3,
        "Vật liệu xây dựng",
        "Vụ Khoa học công nghệ và môi trường",
        "Tổ chức",
        5,
        "",
        [("Đơn đề nghị cấp lại quyết định chỉ định", True, 1, 0)],
        "Quyết định chỉ định tổ chức đánh giá sự phù hợp (cấp lại).",
    ),
]

STEPS = (
    "<ol><li>Tổ chức, cá nhân nộp hồ sơ trực tuyến trên Cổng dịch vụ công Quốc gia, trực tiếp "
    "hoặc qua bưu chính.</li><li>Cơ quan tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ; yêu "
    "cầu bổ sung trong 02 ngày làm việc nếu hồ sơ chưa đầy đủ.</li><li>Cơ quan có thẩm quyền "
    "thẩm định và trả kết quả.</li></ol>"
)

# (number, doc_type, title, issuer, signer, signer title, issued, effective, sector, summary)
DOCUMENTS = [
    (
        "17/NQ-CP",
        "nghi-quyet",
        "Nghị quyết 17/NQ-CP về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện "
        "tử giai đoạn 2019 – 2020, định hướng đến 2025",
        "Chính phủ",
        "Nguyễn Xuân Phúc",
        "Thủ tướng",
        dt.date(2019, 3, 7),
        dt.date(2019, 3, 7),
        "Chính phủ điện tử",
        "Về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn "
        "2019 – 2020, định hướng đến 2025; yêu cầu các bộ, ngành, địa phương đến năm 2020 cung "
        "cấp 30% dịch vụ công trực tuyến mức độ 4.",
    ),
    (
        "929/BTTTT-THH",
        "cong-van",
        "Công văn 929/BTTTT-THH về việc đẩy mạnh cung cấp dịch vụ công trực tuyến",
        "Bộ Thông tin và Truyền thông",
        "",
        "",
        dt.date(2020, 3, 19),
        dt.date(2020, 3, 19),
        "Chính phủ điện tử",
        "Đề nghị các bộ, ngành, địa phương đẩy mạnh cung cấp dịch vụ công trực tuyến, cung cấp "
        "tối thiểu 30% dịch vụ công trực tuyến mức độ 4 trong năm 2020.",
    ),
]

BANNERS = [
    # (icon, title, subtitle, target: url or page key)
    (
        "dich-vu-cong",
        "Cổng dịch vụ công Quốc gia",
        "Những thông tin thủ tục hành chính khai báo online tại đây",
        "https://dichvucong.gov.vn",
    ),
    (
        "phap-luat",
        "Chính sách pháp luật Việt Nam",
        "Cập nhật thông tin, chính sách pháp luật Việt Nam",
        "page:policies",
    ),
    (
        "san-pham",
        "Giới thiệu sản phẩm dịch vụ",
        "Nơi giới thiệu những sản phẩm, dịch vụ tốt nhất dành cho bạn đọc",
        "page:products",
    ),
]
HOME_BANNERS = [
    (
        "dich-vu-cong",
        "Thủ tục hành chính",
        "Tra cứu thủ tục và mức độ dịch vụ công trực tuyến của Bộ",
        "page:procedures",
    ),
    (
        "don-vi",
        "Đơn vị trực thuộc",
        "Cổng thông tin điện tử của các đơn vị thuộc Bộ và doanh nghiệp",
        "page:units",
    ),
]

UNIT_SITES = [
    ("Viện Vật liệu xây dựng", "https://vibm.vn", "unit"),
    ("Viện Khoa học công nghệ xây dựng", "https://ibst.vn", "unit"),
    ("Báo Xây dựng", "https://baoxaydung.com.vn", "unit"),
    ("Tạp chí Xây dựng", "https://tapchixaydung.vn", "unit"),
    ("Trường Đại học Kiến trúc Hà Nội", "https://hau.edu.vn", "unit"),
    ("Trường Đại học Xây dựng Hà Nội", "https://huce.edu.vn", "unit"),
    ("Tổng công ty Viglacera – CTCP", "https://viglacera.com.vn", "enterprise"),
    ("Tổng công ty Xi măng Việt Nam", "https://vicem.vn", "enterprise"),
    ("Tổng công ty Đầu tư phát triển nhà và đô thị (HUD)", "https://hud.com.vn", "enterprise"),
    ("Tổng công ty Sông Đà – CTCP", "https://songda.vn", "enterprise"),
]

SITE_SETTINGS = {
    "ministry_name": "Bộ Xây dựng",
    "address": "37 Lê Đại Hành, Hai Bà Trưng, Hà Nội",
    "phone": "024 3821 5137",
    "email": "bxd@moc.gov.vn",
    "national_portal_url": "https://dichvucong.gov.vn",
    "footer_text": "<p>Cơ quan chủ quản: Bộ Xây dựng. Nội dung mẫu của dự án, không phải "
    "thông tin chính thức.</p>",
}

# Disclosure lists (Nghị định 42/2022/NĐ-CP, Điều 4.1): samples, marked as such in their title.
# (category, title, number, issued, period, summary)
DISCLOSURE_SAMPLE_MARK = "(dữ liệu mẫu)"
DISCLOSURES = [
    (
        "chien-luoc",
        "Chiến lược phát triển ngành Xây dựng giai đoạn 2021–2030, tầm nhìn đến năm 2050",
        "",
        dt.date(2023, 3, 15),
        "Giai đoạn 2021–2030, tầm nhìn đến năm 2050",
        "Mục tiêu, định hướng và giải pháp phát triển ngành Xây dựng bền vững, hiện đại.",
    ),
    (
        "ke-hoach",
        "Kế hoạch chuyển đổi số của Bộ Xây dựng năm 2025",
        "",
        dt.date(2025, 1, 20),
        "Năm 2025",
        "Nhiệm vụ chuyển đổi số, dịch vụ công trực tuyến toàn trình và cơ sở dữ liệu ngành.",
    ),
    (
        "thong-ke",
        "Số liệu thống kê cấp giấy phép xây dựng quý IV năm 2024",
        "",
        dt.date(2025, 1, 10),
        "Quý IV/2024",
        "Số giấy phép xây dựng đã cấp, theo địa phương và loại công trình.",
    ),
    (
        "bao-cao-tai-chinh",
        "Báo cáo tài chính năm 2024 của Văn phòng Bộ",
        "",
        dt.date(2025, 3, 31),
        "Năm 2024",
        "Báo cáo tình hình tài chính, kết quả hoạt động và lưu chuyển tiền tệ năm 2024.",
    ),
    (
        "du-an-dau-thau",
        "Kế hoạch lựa chọn nhà thầu dự án cải tạo trụ sở Bộ Xây dựng",
        "",
        dt.date(2024, 9, 5),
        "",
        "Danh mục gói thầu, giá gói thầu, hình thức và thời gian lựa chọn nhà thầu.",
    ),
]

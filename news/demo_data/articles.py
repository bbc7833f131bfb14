"""Demo articles written for this project: generic, plausible ministry news, no real figures.

They exist so that the listing, its category and month filters, the related articles and the
feeds have something to show. Each is marked with ``source = DEMO_SOURCE``.
"""

from __future__ import annotations

DEMO_SOURCE = "Nội dung minh họa của dự án"

CATEGORIES = [
    ("Cải cách hành chính", "Tin về cải cách thủ tục hành chính và dịch vụ công trực tuyến."),
    ("Hoạt động của Bộ", "Hoạt động của lãnh đạo Bộ và các cơ quan, đơn vị thuộc Bộ."),
    ("Quy hoạch – Kiến trúc", "Quy hoạch xây dựng, phát triển đô thị và kiến trúc."),
    ("Nhà ở – Thị trường bất động sản", "Chính sách nhà ở và tình hình thị trường bất động sản."),
]
# The categories' names and descriptions on English pages (NewsCategory.name_en, description_en).
CATEGORY_NAMES_EN = {
    "Cải cách hành chính": (
        "Administrative reform", "Reform of administrative procedures and online public services."
    ),
    "Hoạt động của Bộ": (
        "Ministry activities", "The work of the Ministry's leaders, agencies and units."
    ),
    "Quy hoạch – Kiến trúc": (
        "Planning and architecture", "Construction planning, urban development and architecture."
    ),
    "Nhà ở – Thị trường bất động sản": (
        "Housing and the real estate market", "Housing policy and the real estate market."
    ),
}

# (title, published_at ISO 8601, category, tags, lead, paragraphs, quote or None)
ARTICLES = [
    (
        "Bộ Xây dựng tổng kết công tác cải cách hành chính năm 2019",
        "2020-01-16T08:30:00+07:00",
        "Cải cách hành chính",
        ["cải cách hành chính", "kế hoạch công tác"],
        "Hội nghị đánh giá kết quả thực hiện kế hoạch cải cách hành chính năm 2019 và "
        "thống nhất các nhiệm vụ trọng tâm năm 2020 của các cơ quan, đơn vị thuộc Bộ.",
        [
            "Tại hội nghị, đại diện Văn phòng Bộ đã báo cáo tình hình rà soát, đơn giản hóa "
            "thủ tục hành chính thuộc phạm vi quản lý của Bộ, việc công khai thủ tục trên Cơ sở "
            "dữ liệu quốc gia và việc tiếp nhận, xử lý phản ánh, kiến nghị của người dân, "
            "doanh nghiệp.",
            "Các đơn vị thống nhất tiếp tục chuẩn hóa quy trình nội bộ, tăng cường ứng dụng công "
            "nghệ thông tin trong giải quyết thủ tục hành chính và nâng cao chất lượng phục vụ.",
        ],
        None,
    ),
    (
        "Lấy ý kiến góp ý dự thảo Thông tư hướng dẫn về quy hoạch xây dựng",
        "2020-03-05T10:00:00+07:00",
        "Quy hoạch – Kiến trúc",
        ["quy hoạch", "lấy ý kiến dự thảo"],
        "Bộ Xây dựng đăng tải dự thảo Thông tư hướng dẫn một số nội dung về quy hoạch xây dựng "
        "để lấy ý kiến rộng rãi của các cơ quan, tổ chức, cá nhân.",
        [
            "Dự thảo tập trung hướng dẫn nội dung hồ sơ, trình tự lập, thẩm định và phê duyệt "
            "quy hoạch xây dựng, bảo đảm thống nhất với các quy định của pháp luật hiện hành.",
            "Ý kiến góp ý được gửi về Bộ Xây dựng bằng văn bản hoặc thư điện tử trong thời hạn "
            "theo thông báo đăng kèm dự thảo.",
        ],
        None,
    ),
    (
        "Thị trường bất động sản quý II: nguồn cung nhà ở tiếp tục được theo dõi sát",
        "2020-07-20T16:40:00+07:00",
        "Nhà ở – Thị trường bất động sản",
        ["thị trường bất động sản", "nhà ở"],
        "Báo cáo tình hình thị trường bất động sản quý II cho thấy nguồn cung nhà ở thương mại "
        "chưa đáp ứng nhu cầu ở phân khúc giá phù hợp với thu nhập của đa số người dân.",
        [
            "Các địa phương được đề nghị tiếp tục rà soát các dự án nhà ở, kịp thời tháo gỡ "
            "vướng mắc về thủ tục đầu tư và xây dựng.",
            "Bộ Xây dựng sẽ tiếp tục tổng hợp thông tin từ các địa phương để theo dõi, đánh giá "
            "và đề xuất giải pháp điều tiết thị trường.",
        ],
        (
            "Phát triển thị trường bất động sản lành mạnh, bền vững là nhiệm vụ của cả hệ thống.",
            "Đại diện Cục Quản lý nhà và thị trường bất động sản",
        ),
    ),
    (
        "Hướng dẫn nộp hồ sơ cấp chứng chỉ hành nghề hoạt động xây dựng trực tuyến",
        "2020-09-10T09:00:00+07:00",
        "Cải cách hành chính",
        ["dịch vụ công trực tuyến", "chứng chỉ hành nghề"],
        "Người dân có thể nộp hồ sơ đề nghị cấp chứng chỉ hành nghề hoạt động xây dựng qua "
        "Cổng dịch vụ công, theo dõi tiến độ giải quyết và nhận kết quả mà không phải đến trụ sở.",
        [
            "Để nộp hồ sơ, người đề nghị đăng nhập Cổng dịch vụ công, chọn thủ tục, điền tờ khai "
            "và đính kèm bản điện tử của các giấy tờ theo yêu cầu.",
            "Trong quá trình giải quyết, cơ quan tiếp nhận thông báo tình trạng hồ sơ qua thư "
            "điện tử và tin nhắn để người dân kịp thời bổ sung khi cần.",
        ],
        None,
    ),
    (
        "Đoàn công tác của Bộ kiểm tra công tác phòng, chống thiên tai tại khu vực miền Trung",
        "2020-10-15T15:20:00+07:00",
        "Hoạt động của Bộ",
        ["phòng chống thiên tai", "kiểm tra"],
        "Đoàn công tác đã làm việc với các sở chuyên ngành về bảo đảm an toàn công trình, nhà ở "
        "của người dân trong mùa mưa bão.",
        [
            "Đoàn đề nghị các địa phương rà soát nhà ở, công trình có nguy cơ mất an toàn, chủ "
            "động phương án di dời người dân khi có cảnh báo.",
            "Bộ Xây dựng sẽ tiếp tục phối hợp với các địa phương trong hướng dẫn khắc phục hậu "
            "quả, sửa chữa nhà ở sau thiên tai.",
        ],
        None,
    ),
    (
        "Đẩy mạnh phát triển nhà ở xã hội cho công nhân khu công nghiệp",
        "2020-11-02T08:00:00+07:00",
        "Nhà ở – Thị trường bất động sản",
        ["nhà ở xã hội", "nhà ở"],
        "Các địa phương có khu công nghiệp tập trung được đề nghị bố trí quỹ đất và đơn giản hóa "
        "thủ tục để thu hút đầu tư các dự án nhà ở xã hội cho công nhân.",
        [
            "Việc phát triển nhà ở xã hội cần gắn với quy hoạch khu công nghiệp và hạ tầng xã "
            "hội như trường học, cơ sở y tế, khu vui chơi.",
            "Bộ Xây dựng đang tổng hợp kiến nghị của địa phương và doanh nghiệp để hoàn thiện cơ "
            "chế, chính sách về nhà ở xã hội.",
        ],
        None,
    ),
    (
        "Hội thảo về phát triển đô thị thông minh bền vững",
        "2020-12-08T13:30:00+07:00",
        "Quy hoạch – Kiến trúc",
        ["đô thị thông minh", "quy hoạch"],
        "Hội thảo trao đổi kinh nghiệm về quy hoạch và quản lý phát triển đô thị thông minh, "
        "ứng dụng dữ liệu số trong quản lý đô thị.",
        [
            "Các ý kiến tại hội thảo nhấn mạnh vai trò của quy hoạch đô thị và cơ sở dữ liệu dùng "
            "chung trong việc xây dựng đô thị thông minh.",
            "Kết quả hội thảo sẽ được tổng hợp để phục vụ xây dựng các văn bản hướng dẫn.",
        ],
        (
            "Đô thị thông minh trước hết phải là đô thị đáng sống cho người dân.",
            "Đại diện Cục Phát triển đô thị",
        ),
    ),
    (
        "Bộ Xây dựng triển khai nhiệm vụ năm 2021",
        "2021-01-05T08:00:00+07:00",
        "Hoạt động của Bộ",
        ["kế hoạch công tác", "hội nghị"],
        "Hội nghị triển khai nhiệm vụ năm 2021 của ngành Xây dựng xác định các nhóm nhiệm vụ "
        "trọng tâm về hoàn thiện thể chế, quy hoạch, phát triển đô thị và nhà ở.",
        [
            "Các cơ quan, đơn vị thuộc Bộ được giao xây dựng kế hoạch chi tiết, phân công rõ "
            "người, rõ việc, rõ thời hạn hoàn thành.",
            "Công tác cải cách hành chính và chuyển đổi số tiếp tục được xác định là nhiệm vụ "
            "xuyên suốt trong năm.",
        ],
        None,
    ),
]

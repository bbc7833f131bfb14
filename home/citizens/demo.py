"""Demo content of the citizens' pages: ``/hoi-dap/`` with one answered question and
``/lay-y-kien-du-thao/`` with one open draft — marked as samples, idempotent."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.utils import timezone

from wagtail.models import Page

from home.models import (
    Agency,
    ConsultationIndexPage,
    DraftPage,
    Question,
    QuestionIndexPage,
    Sector,
)

from .question_admin import publish

SAMPLE = "<p><em>Nội dung mẫu để minh họa chức năng.</em></p>"
PRIVACY = (
    "<p>Bộ Xây dựng chỉ dùng họ tên, thư điện tử, điện thoại và địa chỉ để trả lời câu hỏi, "
    "không công khai các thông tin này; họ tên được rút gọn khi câu hỏi được công khai. Dữ liệu "
    "cá nhân được xóa 24 tháng sau khi câu hỏi được đóng (Nghị định 13/2023/NĐ-CP).</p>"
)


def _child(parent: Page, model: type, title: str, slug: str, **fields) -> tuple[Page, bool]:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def load(home: Page, stdout: TextIO) -> None:
    questions, _ = _child(
        home, QuestionIndexPage, "Hỏi đáp", "hoi-dap", show_in_menus=True,
        intro="<p>Gửi câu hỏi, phản ánh, kiến nghị tới Bộ Xây dựng và tra cứu câu trả lời.</p>",
        privacy_notice=PRIVACY,
    )
    if not questions.get_children().exists():
        sector = Sector.for_name("Hoạt động xây dựng")
        unit = Agency.for_name("Cục Quản lý hoạt động xây dựng")
        now = timezone.now()
        question = Question.objects.create(
            name="Bạn đọc mẫu", email="ban-doc-mau@example.invalid", sector=sector, unit=unit,
            subject="Hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
            body="Tôi muốn xây nhà ở riêng lẻ tại đô thị. Xin hỏi hồ sơ đề nghị cấp giấy phép "
            "xây dựng gồm những giấy tờ gì và nộp trực tuyến ở đâu? (câu hỏi mẫu)",
            answer="<p>Hồ sơ gồm đơn đề nghị cấp giấy phép xây dựng, giấy tờ về quyền sử dụng "
            "đất và bản vẽ thiết kế xây dựng; bạn có thể nộp trực tuyến qua Cổng Dịch vụ công "
            "quốc gia (dichvucong.gov.vn).</p>" + SAMPLE,
            status=Question.ANSWERED, answered_at=now, consent_at=now,
            created_at=now - dt.timedelta(days=3),
        )
        publish(question, None)
        question.status = Question.PUBLISHED
        question.save()
    consultations, _ = _child(
        home, ConsultationIndexPage, "Lấy ý kiến dự thảo", "lay-y-kien-du-thao",
        show_in_menus=True,
        intro="<p>Dự thảo văn bản quy phạm pháp luật do Bộ Xây dựng chủ trì soạn thảo, "
        "công khai để lấy ý kiến nhân dân.</p>",
    )
    today = timezone.localdate()
    _child(
        consultations, DraftPage, "Dự thảo Thông tư hướng dẫn cấp giấy phép xây dựng (mẫu)",
        "du-thao-thong-tu-cap-giay-phep-xay-dung-mau",
        drafting_unit=Agency.for_name("Cục Quản lý hoạt động xây dựng"),
        summary="<p>Dự thảo quy định hồ sơ, trình tự cấp giấy phép xây dựng trực tuyến.</p>"
        + SAMPLE,
        opens_on=today - dt.timedelta(days=7), closes_on=today + dt.timedelta(days=53),
        contact="<p>Cục Quản lý hoạt động xây dựng, 37 Lê Đại Hành, Hà Nội.</p>",
        articles="Điều 1. Phạm vi điều chỉnh\nĐiều 2. Đối tượng áp dụng\n"
        "Điều 3. Hồ sơ đề nghị cấp giấy phép xây dựng",
    )
    stdout.write("Hỏi đáp và lấy ý kiến dự thảo: trang mẫu sẵn sàng.")

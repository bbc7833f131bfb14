"""Moderation of draft comments: the drafting unit filters by draft and status, approves or
rejects (each edit in the audit log), and exports the comments as CSV or XLSX."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models.consultations import DraftComment

from .exports import SafeExportIndexView
from .files import AttachmentPanel


class DraftCommentViewSet(SnippetViewSet):
    model = DraftComment
    icon = "comment"
    menu_label = "Góp ý dự thảo"
    menu_name = "draft-comments"
    menu_order = 241
    add_to_admin_menu = True
    index_view_class = SafeExportIndexView
    list_display = ["public_name", "organisation", "draft", "article", "status", "created_at"]
    list_filter = ["status", "draft"]
    list_per_page = 50
    search_fields = ["comment", "organisation", "name"]
    search_backend_name = None
    # What the summary report needs; the e-mail stays out (Nghị định 13/2023).
    list_export = ["draft_title", "name", "organisation", "article", "comment", "status",
                   "created_at"]
    export_headings = {
        "draft_title": "Dự thảo", "name": "Họ và tên", "organisation": "Cơ quan, tổ chức",
        "article": "Góp ý cho", "comment": "Nội dung góp ý", "status": "Trạng thái",
        "created_at": "Ngày gửi",
    }
    export_filename = "gop-y-du-thao"
    ordering = ["-created_at"]
    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("name", read_only=True),
                            FieldPanel("email", read_only=True)]),
             FieldPanel("organisation", read_only=True),
             AttachmentPanel(heading="Tệp đính kèm")],
            heading="Người góp ý — thư điện tử không bao giờ công khai",
        ),
        FieldPanel("draft", read_only=True),
        FieldPanel("article", read_only=True),
        FieldPanel("comment"),
        FieldPanel("status"),
    ]

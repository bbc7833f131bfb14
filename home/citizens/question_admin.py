"""The answerers' queue in the admin: list, filter, assign, answer, publish, close.

A snippet viewset (Wagtail's list with filters, spreadsheet export, history) whose edit view
turns what the answerer changed into the question's steps, each logged in Wagtail's audit log
(``home.question.*``) and, where the asker must know, mailed to them after the commit.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from cms import text
from home.models.questions import Question, QuestionIndexPage, QuestionPage

from . import mail
from .exports import SafeExportIndexView
from .files import AttachmentPanel

PUBLISH = "action-publish-question"
CLOSE = "action-close-question"

LOG_ACTIONS = {
    "home.question.submit": ("Người dân gửi câu hỏi", "Người dân gửi câu hỏi"),
    "home.question.assign": ("Chuyển đơn vị xử lý", "Chuyển đơn vị xử lý"),
    "home.question.answer": ("Trả lời câu hỏi", "Trả lời câu hỏi"),
    "home.question.publish": ("Công khai hỏi đáp", "Công khai hỏi đáp"),
    "home.question.close": ("Đóng câu hỏi", "Đóng câu hỏi"),
    "home.question.notify": ("Gửi thư cho người hỏi", "Gửi thư cho người hỏi"),
    "home.question.purge": ("Xóa dữ liệu cá nhân", "Xóa dữ liệu cá nhân (hết thời hạn lưu)"),
}


class QuestionAdminForm(WagtailAdminModelForm):
    """Publishing needs an answer and the ``/hoi-dap/`` page to publish under."""

    def clean(self) -> dict:
        data = super().clean()
        if PUBLISH in self.data:
            if not text.plain_text(data.get("answer") or "").strip():
                self.add_error("answer", "Cần có nội dung trả lời trước khi công khai.")
            if not QuestionIndexPage.objects.exists():
                raise ValidationError("Chưa có trang Hỏi đáp (/hoi-dap/) để công khai câu hỏi.")
        return data


def publish(question: Question, user) -> QuestionPage:
    """Make or update the public page: no contact, the name shortened, then publish it."""
    page = question.page
    is_new = page is None
    if is_new:
        page = QuestionPage()
    page.title = question.subject
    page.kind = question.kind
    page.asker = question.public_name
    page.sector = question.sector
    page.unit = question.unit
    page.question = question.body
    page.answer = question.answer
    page.answer_document = question.answer_document
    page.asked_at = question.created_at
    page.answered_at = question.answered_at or timezone.now()
    if is_new:
        QuestionIndexPage.objects.first().add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)
    question.page = page
    return page


class QuestionEditView(EditView):
    def save_instance(self) -> Question:
        question = self.form.instance
        old = Question.objects.values("unit_id", "answer", "status").get(pk=question.pk)
        steps: list[str] = []
        now = timezone.now()
        if question.unit_id and question.unit_id != old["unit_id"]:
            steps.append("home.question.assign")
            if question.status == Question.RECEIVED:
                question.status = Question.ASSIGNED
        answered = text.plain_text(question.answer or "").strip()
        notify = False
        if answered and question.answer != old["answer"]:
            steps.append("home.question.answer")
            if question.status in {Question.RECEIVED, Question.ASSIGNED}:
                question.status = Question.ANSWERED
                question.answered_at = now
                notify = True
        public_url = ""
        if PUBLISH in self.request.POST:
            page = publish(question, self.request.user)
            public_url = page.full_url or ""
            question.status = Question.PUBLISHED
            steps.append("home.question.publish")
            notify = True
        if CLOSE in self.request.POST:
            question.status = Question.CLOSED
            question.closed_at = now
            steps.append("home.question.close")
        question = super().save_instance()
        for action in steps:
            log(instance=question, action=action, user=self.request.user)
        if notify and question.email:
            status_url = self.request.build_absolute_uri(
                QuestionIndexPage.objects.first().url + "tra-cuu/?ma=" + question.tracking_code
            ) if QuestionIndexPage.objects.exists() else ""
            mail.send_later(
                "home/mail/question_answered.txt",
                {"question": question, "answer_text": text.plain_text(question.answer),
                 "status_url": status_url, "public_url": public_url},
                question.email,
            )
            log(instance=question, action="home.question.notify", user=self.request.user)
        self.steps = steps
        return question

    def get_success_message(self) -> str:
        labels = [LOG_ACTIONS[step][0].lower() for step in getattr(self, "steps", [])]
        done = f" ({', '.join(labels)})" if labels else ""
        return f"Đã lưu câu hỏi {self.object.tracking_code}{done}."


class _QuestionMenuItem(ActionMenuItem):
    def is_shown(self, context) -> bool:
        return context.get("view") == "edit" and super().is_shown(context)


class PublishQuestionMenuItem(_QuestionMenuItem):
    name = PUBLISH
    label = "Lưu và công khai hỏi đáp"
    icon_name = "upload"


class CloseQuestionMenuItem(_QuestionMenuItem):
    name = CLOSE
    label = "Lưu và đóng câu hỏi"
    icon_name = "lock"

    def is_shown(self, context) -> bool:
        instance = context.get("instance")
        return super().is_shown(context) and getattr(instance, "status", "") != Question.CLOSED


def action_menu_items(model) -> list[ActionMenuItem]:
    """The queue's two extra buttons beside "Lưu" (the ``register_snippet_action_menu_item``
    hook returns one item, so ``wagtail_hooks`` registers each)."""
    if model is Question:
        return [PublishQuestionMenuItem(order=5), CloseQuestionMenuItem(order=6)]
    return []


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Hỏi đáp"
    menu_name = "questions"
    menu_order = 240
    add_to_admin_menu = True
    edit_view_class = QuestionEditView
    index_view_class = SafeExportIndexView
    list_display = ["tracking_code", "subject", "sector", "unit", "status", "created_at"]
    list_filter = ["status", "kind", "sector", "unit"]
    list_per_page = 50
    search_fields = ["subject", "tracking_code", "body"]
    search_backend_name = None  # the private rows are not in the site's search index
    # The export says what was asked and how it went, never who asked (Nghị định 13/2023).
    list_export = ["tracking_code", "kind", "sector", "subject", "unit", "status", "created_at",
                   "answered_at", "closed_at"]
    export_headings = {
        "tracking_code": "Mã theo dõi", "kind": "Loại", "sector": "Lĩnh vực",
        "subject": "Tiêu đề", "unit": "Đơn vị xử lý", "status": "Trạng thái",
        "created_at": "Ngày gửi", "answered_at": "Ngày trả lời", "closed_at": "Ngày đóng",
    }
    export_filename = "hoi-dap"
    ordering = ["-created_at"]

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("name", read_only=True),
                                   FieldPanel("email", read_only=True)]),
                    FieldRowPanel([FieldPanel("phone", read_only=True),
                                   FieldPanel("address", read_only=True)]),
                    AttachmentPanel(heading="Tệp đính kèm"),
                ],
                heading="Người gửi — dữ liệu cá nhân, không bao giờ công khai",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("sector")]),
                    FieldPanel("subject"),
                    FieldPanel(
                        "body",
                        help_text="Nội dung này được công khai cùng câu trả lời: bỏ thông tin "
                        "cá nhân người hỏi viết trong câu hỏi trước khi công khai.",
                    ),
                ],
                heading="Câu hỏi",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status", read_only=True),
                    FieldPanel("unit"),
                    FieldPanel("answer"),
                    FieldPanel("answer_document"),
                ],
                heading="Xử lý và trả lời",
            ),
        ],
        base_form_class=QuestionAdminForm,
    )

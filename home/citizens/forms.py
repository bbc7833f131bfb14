"""The public forms: a question, the answered-question filters, the status lookup."""

from __future__ import annotations

from django import forms

from cms import text
from home.forms import _FilterForm, _term_field
from home.models.questions import Question
from home.models.taxonomy import Sector

from . import guards

MAX_BODY = 5000
NUL_MESSAGE = "Nội dung chứa ký tự không hợp lệ."


def clean_text(value: str) -> str:
    """NFC, one tone placement, no control characters (a NUL would reach the database)."""
    value = "".join(ch for ch in (value or "") if ch in "\n\t" or ch >= " ")
    return text.normalize(value).strip()


class CitizenForm(forms.Form):
    """Shared by every public form: honeypot, signed start time, cleaned text, kept input.

    A NUL byte is taken out before validation (Django would refuse the field with an English
    message); every other control character goes in ``clean_text``.
    """

    website = guards.HoneypotField()
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *args, **kwargs) -> None:
        if data is not None:
            data = data.copy()
            for key in list(data.keys()):
                data.setlist(key, [value.replace("\x00", "") for value in data.getlist(key)])
        super().__init__(data, *args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = guards.started_stamp()

    def clean(self) -> dict:
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str) and name not in {"started", "website", "email"}:
                data[name] = clean_text(value)
        if data.get("website"):
            raise forms.ValidationError(
                "Không gửi được: ô ẩn chống thư rác đã bị điền. Vui lòng kiểm tra lại và gửi lại.",
                code="honeypot",
            )
        reason = guards.check_started(self.data.get("started", ""))
        if reason:
            # A fresh stamp, so that sending again (after the minimum time) succeeds.
            data_copy = self.data.copy()
            data_copy["started"] = guards.started_stamp()
            self.data = data_copy
            raise forms.ValidationError(reason, code="timing")
        return data


class QuestionForm(CitizenForm):
    """Gửi câu hỏi, phản ánh, kiến nghị."""

    kind = forms.ChoiceField(label="Loại", choices=Question.KIND_CHOICES, initial="hoi-dap")
    name = forms.CharField(label="Họ và tên", max_length=120)
    email = forms.EmailField(
        label="Thư điện tử", max_length=254,
        help_text="Mã theo dõi và câu trả lời được gửi tới địa chỉ này.",
    )
    phone = forms.RegexField(
        label="Điện thoại (không bắt buộc)", required=False, max_length=20,
        regex=r"^\+?[0-9 .()-]{6,20}$",
        error_messages={"invalid": "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch nối."},
    )
    address = forms.CharField(label="Địa chỉ (không bắt buộc)", required=False, max_length=255)
    sector = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=Sector.objects.all(), empty_label="Chọn lĩnh vực",
        error_messages={"invalid_choice": "Lĩnh vực đã chọn không có trong danh mục."},
    )
    subject = forms.CharField(label="Tiêu đề", max_length=200)
    body = forms.CharField(
        label="Nội dung", max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Tối đa {text.format_number(MAX_BODY)} ký tự.",
    )
    attachment = forms.FileField(
        label="Tệp đính kèm (không bắt buộc)", required=False,
        help_text=f"{guards.ALLOWED_LABEL}; tối đa "
        f"{guards.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.",
    )
    consent = forms.BooleanField(
        label="Tôi đồng ý để Bộ Xây dựng xử lý dữ liệu cá nhân nêu trên nhằm trả lời câu hỏi này, "
        "theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.",
        error_messages={"required": "Cần đồng ý xử lý dữ liệu cá nhân để chúng tôi trả lời."},
    )

    field_order = ["kind", "name", "email", "phone", "address", "sector", "subject", "body",
                   "attachment", "consent", "website", "started"]

    def clean_attachment(self):
        return guards.clean_attachment(self.cleaned_data.get("attachment"))

    def clean_name(self) -> str:
        name = clean_text(self.cleaned_data.get("name", ""))
        if not any(ch.isalpha() for ch in name):
            raise forms.ValidationError("Họ và tên phải có chữ cái.")
        return name


class QuestionFilterForm(_FilterForm):
    """``field`` (lĩnh vực slug) and ``q`` on the answered questions."""

    field_order = ["q", "field"]
    field = _term_field(
        Sector, "Lĩnh vực", "Tất cả lĩnh vực", "Không có lĩnh vực này trong danh mục."
    )


class LookupForm(forms.Form):
    ma = forms.CharField(label="Mã theo dõi", max_length=40, required=True, strip=True)


class DraftFilterForm(_FilterForm):
    """``status`` (đang lấy ý kiến / đã kết thúc) and ``q`` on the drafts."""

    field_order = ["q", "status"]
    status = forms.ChoiceField(
        label="Tình trạng", required=False,
        choices=[("", "Tất cả"), ("dang-lay-y-kien", "Đang lấy ý kiến"),
                 ("da-ket-thuc", "Đã hết hạn")],
        error_messages={"invalid_choice": "Tình trạng “%(value)s” không có."},
    )


class DraftCommentForm(CitizenForm):
    """Góp ý dự thảo: per article where the draft names them."""

    name = forms.CharField(label="Họ và tên", max_length=120)
    organisation = forms.CharField(label="Cơ quan, tổ chức (không bắt buộc)", required=False,
                                   max_length=255)
    email = forms.EmailField(label="Thư điện tử", max_length=254,
                             help_text="Không công khai; để cơ quan soạn thảo liên hệ khi cần.")
    article = forms.ChoiceField(label="Góp ý cho", required=False,
                                error_messages={"invalid_choice": "Điều đã chọn không có trong "
                                                "dự thảo."})
    comment = forms.CharField(label="Nội dung góp ý", max_length=MAX_BODY,
                              widget=forms.Textarea(attrs={"rows": 8}),
                              help_text=f"Tối đa {text.format_number(MAX_BODY)} ký tự.")
    attachment = forms.FileField(
        label="Tệp đính kèm (không bắt buộc)", required=False,
        help_text=f"{guards.ALLOWED_LABEL}; tối đa "
        f"{guards.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.",
    )
    consent = forms.BooleanField(
        label="Tôi đồng ý để cơ quan soạn thảo xử lý họ tên, tổ chức và thư điện tử nêu trên "
        "nhằm tổng hợp góp ý (Nghị định 13/2023/NĐ-CP); họ tên được rút gọn khi công khai.",
        error_messages={"required": "Cần đồng ý xử lý dữ liệu cá nhân để gửi góp ý."},
    )

    field_order = ["name", "organisation", "email", "article", "comment", "attachment",
                   "consent", "website", "started"]

    def __init__(self, *args, articles: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        articles = articles or []
        if articles:
            self.fields["article"].choices = [("", "Góp ý chung cho toàn bộ dự thảo")] + [
                (article, article) for article in articles
            ]
        else:
            del self.fields["article"]

    def clean_attachment(self):
        return guards.clean_attachment(self.cleaned_data.get("attachment"))

    def clean_name(self) -> str:
        name = clean_text(self.cleaned_data.get("name", ""))
        if not any(ch.isalpha() for ch in name):
            raise forms.ValidationError("Họ và tên phải có chữ cái.")
        return name

"""What every page of the portal shares: ASCII slugs folded by ``cms.text``, SEO fields and
the declarations of ``cms.pages.PageKind``."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import Page

from cms import text
from cms.editing_conflicts import BUSY_MESSAGE, page_being_written
from cms.pages import PageKind
from cms.permissions import LeafAwarePagePermissionTester

# Vietnamese letters: Latin-1 vowels, ă đ ĩ ũ ơ ư, and the Latin Extended Additional block.
_VIETNAMESE_LETTERS = "".join(
    chr(code)
    for start, end in ((0xC0, 0xFF), (0x102, 0x103), (0x110, 0x111), (0x128, 0x129),
                       (0x168, 0x169), (0x1A0, 0x1A1), (0x1AF, 0x1B0), (0x1EA0, 0x1EF9))
    for code in range(start, end + 1)
)


def vietnamese_slug_formatters() -> list[tuple[str, str, str]]:
    """Regex replacements that fold every Vietnamese letter the way ``cms.text.fold`` does
    (``ườ`` → ``u``, ``đ`` → ``d``), plus combining marks removed for text typed in NFD."""
    groups: dict[str, list[str]] = {}
    for letter in _VIETNAMESE_LETTERS:
        folded = text.fold(letter)
        if len(folded) == 1 and "a" <= folded <= "z":
            groups.setdefault(folded, []).append(letter)
    formatters = [(f"[{''.join(letters)}]", ascii_letter, "g")
                  for ascii_letter, letters in sorted(groups.items())]
    return [("[\u0300-\u036f]", "", "g"), *formatters]


# Wagtail's slug JS (w-slug's urlify) has no Vietnamese map: it drops ư, ờ, ắ, ị… ("Đường sắt
# đô thị" became "dng-st-do-th"). These formatters run before it, so that what the editor sees
# while typing is what ``cms.text.slugify`` makes on save.
SLUG_WIDGET = SlugInput(formatters=vietnamese_slug_formatters())


class FoldedSlugPageForm(WagtailAdminPageForm):
    """Admin page form: an empty slug is made from the title, a typed one is folded.

    Without this the server refuses an empty slug (only the admin JS fills it) and a slug
    typed with diacritics or spaces.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].validators = []

    def clean_slug(self) -> str:
        return text.slugify(self.cleaned_data.get("slug") or "")

    def clean(self) -> dict:
        """A page an import is writing is refused with a message, not a request that hangs
        until the import commits (``cms.editing_conflicts.page_being_written``)."""
        cleaned = super().clean()
        if self.instance.pk and page_being_written(self.instance.pk):
            self.add_error(None, BUSY_MESSAGE)
        return cleaned


class BasePage(PageKind, Page):
    """Abstract base of every page type: slugs are always folded Vietnamese (đ → d), and the
    page says what it is (``PageKind``: search result type, sitemap section, metadata)."""

    base_form_class = FoldedSlugPageForm

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug", widget=SLUG_WIDGET),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("show_in_menus"),
            ],
            heading="Cho công cụ tìm kiếm và trình đơn",
        ),
    ]

    class Meta:
        abstract = True

    # Relations loaded with the page when it is routed (cms.routing): the article's category…
    route_select_related: tuple[str, ...] = ()
    # Query parameters that change what the page shows; the page cache keeps one copy per
    # combination of these and serves any other parameter uncached (cms.cache).
    cache_params: tuple[str, ...] = ()
    # False: never kept in the shared page cache (forms, personal pages).
    page_cache = True

    def get_view_restrictions(self):
        # Wagtail asks the database on every view; where the site has no restriction at all
        # (cms.visibility keeps that known), there is nothing to ask.
        from cms.visibility import restricted_paths

        if not restricted_paths():
            from wagtail.models import PageViewRestriction

            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def permissions_for_user(self, user) -> LeafAwarePagePermissionTester:
        # Wagtail's documented override point: the same rules, no query per leaf page in listings.
        return LeafAwarePagePermissionTester(user, self)

    def _set_core_field_defaults(self) -> None:
        # Wagtail makes slugs with Django's slugify, which drops "đ"; ours folds it to "d".
        if self.slug:
            self.slug = text.slugify(self.slug)
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if not self.slug and self.title and parent_is_known:
            base = text.slugify(self.title)
            if base:
                self.slug = self._get_autogenerated_slug(base)
        super()._set_core_field_defaults()


class ImportRun(models.Model):
    """One run of ``import_content``: who, when, which files, what it did (for the dashboard)."""

    STATUS_CHOICES = [
        ("ok", "Thành công"),
        ("refused", "Bị từ chối (dữ liệu sai)"),
        ("failed", "Lỗi khi ghi (đã hoàn tác)"),
    ]

    started_at = models.DateTimeField("Bắt đầu", db_index=True)
    finished_at = models.DateTimeField("Kết thúc", null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người chạy", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    files = models.TextField("Tệp", help_text="Đường dẫn các tệp JSON Lines, mỗi dòng một tệp.")
    status = models.CharField("Kết quả", max_length=16, choices=STATUS_CHOICES)
    created = models.PositiveIntegerField("Tạo mới", default=0)
    updated = models.PositiveIntegerField("Cập nhật", default=0)
    unchanged = models.PositiveIntegerField("Không đổi", default=0)
    errors = models.TextField("Lỗi", blank=True, help_text="Các dòng lỗi (tối đa 200 dòng đầu).")

    class Meta:
        verbose_name = "Lần nhập dữ liệu"
        verbose_name_plural = "Các lần nhập dữ liệu"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} · {self.get_status_display()}"


class ImportedRecord(models.Model):
    """Where an imported record went, and a digest of what it said (re-import skips the unchanged).

    The natural key of the contract (``legacy_id``, slug, code, number, url) maps to the object
    made from it, so that a legacy id survives export and a changed record updates in place.
    """

    kind = models.CharField("Loại bản ghi", max_length=32)
    key = models.CharField("Khóa tự nhiên", max_length=255)
    legacy_id = models.CharField("Mã trong hệ thống cũ", max_length=255, blank=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name="Kiểu đối tượng", on_delete=models.CASCADE,
        related_name="+",
    )
    object_id = models.CharField("Mã đối tượng", max_length=64)
    digest = models.CharField("Dấu vân tay nội dung", max_length=64)
    run = models.ForeignKey(
        ImportRun, verbose_name="Lần nhập", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="records",
    )

    class Meta:
        verbose_name = "Bản ghi đã nhập"
        verbose_name_plural = "Bản ghi đã nhập"
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="cms_importedrecord_kind_key"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="cms_imported_object")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"

"""StreamField blocks of a news article's body: text, photos, quotations, downloads.

No raw-HTML block on purpose (STYLE.md): editors get rich text with a fixed feature list.
Each block renders with its own template in ``templates/news/blocks/``.
"""

from __future__ import annotations

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Đoạn văn"
        template = "news/blocks/paragraph.html"


class CaptionedImageBlock(blocks.StructBlock):
    """A photo with the caption readers see under it and the credit the press code asks for."""

    image = ImageChooserBlock(label="Ảnh")
    caption = blocks.CharBlock(label="Chú thích", required=False, max_length=500)
    credit = blocks.CharBlock(
        label="Nguồn ảnh", required=False, max_length=200, help_text="Ví dụ: Ảnh: Bộ Xây dựng"
    )
    alt_text = blocks.CharBlock(
        label="Văn bản thay thế",
        required=False,
        max_length=250,
        help_text="Mô tả ảnh cho người khiếm thị; để trống sẽ dùng chú thích hoặc tên ảnh.",
    )

    class Meta:
        icon = "image"
        label = "Ảnh có chú thích"
        template = "news/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Trích dẫn")
    attribution = blocks.CharBlock(label="Người phát biểu", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "news/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    """A file for download (the decision, the plan…) shown with its type and size."""

    document = DocumentChooserBlock(label="Tài liệu")
    title = blocks.CharBlock(
        label="Tên hiển thị", required=False, max_length=255,
        help_text="Để trống sẽ dùng tên của tài liệu.",
    )

    class Meta:
        icon = "doc-full"
        label = "Tài liệu tải về"
        template = "news/blocks/document.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()

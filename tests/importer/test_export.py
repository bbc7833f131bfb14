"""``export_content``: every live and draft record in the import format; export → import into an
empty site → export gives the same file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from django.core.management import call_command

from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.models import ImportedRecord

from .conftest import SAMPLE

pytestmark = pytest.mark.django_db


def _empty_site() -> None:
    """Remove everything the import made, as if it were a fresh database."""
    from home.models import Agency, Sector, UnitSite
    from home.models.settings import SiteSettings
    from news.models import NewsCategory

    for home in Page.objects.filter(depth=2):
        home.delete()
    Site.objects.all().delete()
    for model in (ImportedRecord, SiteSettings, UnitSite, NewsCategory, Tag, Agency, Sector,
                  get_image_model(), get_document_model()):
        model.objects.all().delete()


def test_round_trip(tmp_path: Path, capsys):
    call_command("import_content", str(SAMPLE))
    first = tmp_path / "one" / "site.jsonl"
    call_command("export_content", str(first))
    assert "legal_document 2, procedure 2, article 3, unit 2, banner 2" in capsys.readouterr().out

    records = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    article = next(r for r in records if r.get("legacy_id") == "tin-2020-0921")
    assert article["published_at"] == "2020-09-21T09:07:00+07:00"
    assert article["tags"] == ["Chính phủ điện tử", "dịch vụ công"]
    assert (first.parent / article["images"][0]["file"]).is_file()
    assert {r["status"] for r in records if r["type"] == "article"} == {"live", "draft"}

    _empty_site()
    assert not Page.objects.filter(depth__gt=1).exists()
    call_command("import_content", str(first))
    second = tmp_path / "two" / "site.jsonl"
    call_command("export_content", str(second))
    assert second.read_bytes() == first.read_bytes()
    copied = sorted(p.name for p in (first.parent / "site-files").iterdir())
    assert copied == sorted(p.name for p in (second.parent / "site-files").iterdir())
    assert len(copied) == 3  # one photo used twice, one banner image, one PDF


def test_export_of_editor_made_content_imports(tmp_path: Path, home_page):
    """Pages an editor made (not imported) export in the contract, and that file imports."""
    from news.factories import NewsArticlePageFactory, NewsCategoryFactory, NewsIndexPageFactory

    index = NewsIndexPageFactory(parent=home_page, title="Tin tức", slug="tin-tuc")
    NewsArticlePageFactory(
        parent=index, title="Bài của biên tập viên", slug="bai-cua-bien-tap-vien",
        category=NewsCategoryFactory(name="Hoạt động của Bộ"), lead="Sapo",
    )
    out = tmp_path / "editor.jsonl"
    call_command("export_content", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["slug"] for r in records if r["type"] == "article"] == ["bai-cua-bien-tap-vien"]
    shutil.rmtree(tmp_path / "editor-files", ignore_errors=True)
    _empty_site()
    call_command("import_content", str(out))
    again = tmp_path / "again.jsonl"
    call_command("export_content", str(again))
    assert again.read_bytes() == out.read_bytes()

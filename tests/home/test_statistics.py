"""The statistics panel: live procedures by the levels of Nghị định 42 (toàn trình, một phần,
cung cấp thông tin), shares in Vietnamese, in one query."""

from __future__ import annotations

import pytest

from home.choices import Level
from home.models import ProcedurePage, classify, level_statistics, parse_level

from .helpers import visible_text


@pytest.mark.parametrize(
    ("value", "level"),
    [(4, Level.FULL), ("3", Level.PARTIAL), ("toàn trình", Level.FULL),
     ("Toan trinh", Level.FULL), ("TOÀN TRÌNH", Level.FULL), ("toan-trinh", Level.FULL),
     ("Dịch vụ công trực tuyến toàn trình", Level.FULL), ("một phần", Level.PARTIAL),
     ("Một  phần", Level.PARTIAL), ("mo\u0323\u0302t pha\u0302\u0300n", Level.PARTIAL),
     ("cung cấp thông tin", Level.INFORMATION), ("Cung cap thong tin", Level.INFORMATION),
     ("mức 2", Level.INFORMATION), (2, Level.INFORMATION), ("Mức độ 1", Level.INFORMATION)],
)
def test_parse_level_accepts_the_decree_words_and_maps_old_levels(value, level):
    """Levels 1–4 of 2020 map onto Nghị định 42's: 4 → toàn trình, 3 → một phần, 2/1 →
    cung cấp thông tin; the words are folded as cms.text folds them (case, NFD, no marks)."""
    assert parse_level(value) == level


@pytest.mark.parametrize("value", [0, 5, "abc", "", "4.5", True, None, "toàn"])
def test_parse_level_refuses_anything_else(value):
    with pytest.raises(ValueError):
        parse_level(value)


def test_classification_is_derived_from_the_level():
    assert classify(4) == "toàn trình"
    assert classify(3) == "một phần"
    assert classify(2) == "cung cấp thông tin"
    assert classify(None) == ""


def test_drafts_and_unpublished_procedures_are_not_counted(make_procedures):
    live = make_procedures(2, level=4)
    drafts = make_procedures(3, level=4)
    for page in drafts:
        page.unpublish()
    make_procedures(2, level=3)
    stats = level_statistics()
    assert stats.total == 4
    assert stats.for_level(4).count == 2
    assert stats.for_level(4).percent == "50,00%"
    assert live[0].live


def test_statistics_cost_one_query_whatever_the_number(make_procedures, django_assert_num_queries):
    make_procedures(3, level=4)
    make_procedures(7, level=3)
    with django_assert_num_queries(1):
        stats = level_statistics()
    assert [(row.slug, row.count) for row in stats.rows] == [
        ("toan-trinh", 3), ("mot-phan", 7), ("cung-cap-thong-tin", 0)]


def written_before_the_migration(page: ProcedurePage) -> ProcedurePage:
    """A page stored with the former level 2 (which the model no longer lets anyone save)."""
    ProcedurePage.objects.filter(pk=page.pk).update(level=2)
    page.level = 2
    page.save_revision(clean=False)
    return page


def test_former_levels_1_and_2_count_together_as_information(make_procedures):
    make_procedures(1, level=4)
    written_before_the_migration(make_procedures(1, level=1)[0])
    make_procedures(2, level=1)
    stats = level_statistics()
    assert stats.for_level("cung cấp thông tin").label == "3 thủ tục cung cấp thông tin, 75,00%"


def test_empty_catalogue_shows_zero_percent(db):
    stats = level_statistics()
    assert stats.total == 0
    assert stats.for_level(4).label == "0 dịch vụ toàn trình, 0,00%"


def test_twenty_of_forty_nine_live_is_40_82_percent_on_catalogue_and_home(
    client, home_page, make_procedures
):
    """The seed's "20 dịch vụ … 40,81%" truncated; we round half-up as DESIGN.md says."""
    make_procedures(20, level=4)
    for draft in make_procedures(2, level=4):
        draft.unpublish()
    make_procedures(29, level=3)
    stats = level_statistics()
    assert stats.total == 49
    four = stats.for_level(4)
    assert (four.count, four.percent) == (20, "40,82%")
    assert four.label == "20 dịch vụ toàn trình, 40,82%"
    assert stats.for_level("một phần").label == "29 dịch vụ một phần, 59,18%"
    assert stats.for_level("cung cấp thông tin").percent == "0,00%"
    for url in (home_page.url, "/thu-tuc-hanh-chinh/"):
        html = client.get(url).content.decode()
        shown = visible_text(html)
        assert "20 dịch vụ toàn trình, 40,82%" in shown, url
        assert "29 dịch vụ một phần, 59,18%" in shown, url
        assert "Tổng số: 49 thủ tục hành chính" in shown, url
        assert "mức 4" not in shown.lower(), url
        assert "cung cấp thông tin" not in shown, url  # an empty third row is left out
        assert "?level=toan-trinh" in html and "?level=mot-phan" in html, url


def test_data_migration_moves_former_level_2_pages_and_their_revisions_to_information(
    make_procedures,
):
    """``0012_procedures_decree_42``: stored 2s (page rows and revisions) become 1, and an
    editor opening the page finds the level the form offers; 4 and 3 are left as they are."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("home.migrations.0012_procedures_decree_42")
    old = written_before_the_migration(make_procedures(1, level=1)[0])
    (kept,) = make_procedures(1, level=3)
    kept.save_revision()
    old.refresh_from_db()
    assert old.level == 2 and old.latest_revision.content["level"] == 2
    migration.levels_of_decree_42(apps, None)
    old.refresh_from_db()
    kept.refresh_from_db()
    assert old.level == 1 and old.latest_revision.content["level"] == 1
    assert old.get_latest_revision_as_object().get_level_display() == "Cung cấp thông tin"
    assert kept.level == 3 and kept.latest_revision.content["level"] == 3

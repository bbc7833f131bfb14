"""A publish racing an import on the same page: nothing is lost, and whoever loses is told.

The rule (``cms.importer.pages``): an import refuses a file holding a page someone revised
after the import began reading it; a page the import is writing makes an editor's save wait,
then say so (``cms.editing_conflicts.page_being_written``). The thread tests need PostgreSQL's
row locks and run real threads on their own connections (committed data: a transactional
database, restored to what migrations made afterwards); the clock tests run everywhere.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import time_machine

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from wagtail.models import Locale, Page

from cms import editing_conflicts
from cms.models import ImportedRecord, ImportRun
from home.models import HomePage
from home.structure import ensure_home
from news.models import NewsArticlePage
from tests.editorial.forms import form_fields

ARTICLE = {
    "type": "article", "legacy_id": "race-1", "title": "Hội nghị triển khai nhiệm vụ năm 2021",
    "lead": "Sapo do hệ thống cũ gửi.", "body": "<p>Nội dung bài viết.</p>",
    "published_at": "2021-03-01T08:30:00+07:00", "category": "Hoạt động của Bộ",
}
OTHER = {**ARTICLE, "legacy_id": "race-2", "title": "Một bài khác trong cùng tệp"}
REFUSED = "sau khi tệp được đọc; chạy lại để ghi đè"
#: Seconds a row is held at most (a shared, slow machine renders an admin page in seconds).
HOLD_LIMIT = 600

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (SELECT … FOR NO KEY UPDATE) are PostgreSQL's; SQLite locks whole files",
)


def write(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def run_import(path: Path, **options) -> tuple[bool, str]:
    """``import_content`` as an operator runs it: (succeeded, what it wrote on stderr)."""
    err = io.StringIO()
    try:
        call_command("import_content", str(path), stdout=io.StringIO(), stderr=err, **options)
    except CommandError:
        return False, err.getvalue()
    return True, err.getvalue()


class Worker(threading.Thread):
    """A thread with a database connection of its own, closed when it ends; keeps the result
    of ``target`` (or the exception it raised)."""

    def __init__(self, target: Callable[[], object]) -> None:
        super().__init__(daemon=True)
        self.target_call, self.result, self.error = target, None, None

    def run(self) -> None:
        try:
            self.result = self.target_call()
        except BaseException as error:  # noqa: BLE001 - re-raised by outcome()
            self.error = error
        finally:
            connections.close_all()

    def outcome(self, timeout: float = HOLD_LIMIT) -> object:
        self.join(timeout)
        assert not self.is_alive(), "the thread is still blocked"
        if self.error:
            raise self.error
        return self.result


class RowHolder(Worker):
    """Holds a page row locked (an editor's save in flight, or anything writing the row) until
    ``release()``; ``inside`` runs while it is held."""

    def __init__(self, page_id: int, inside: Callable[[], object] = lambda: None) -> None:
        self.locked, self.release_event = threading.Event(), threading.Event()
        self.page_id, self.inside = page_id, inside
        super().__init__(self.hold)

    def hold(self) -> object:
        with transaction.atomic():
            # The lock an UPDATE of the row takes (as a save in flight holds it).
            list(Page.objects.select_for_update(no_key=True).filter(pk=self.page_id))
            self.locked.set()
            assert self.release_event.wait(HOLD_LIMIT), "held past HOLD_LIMIT"
            return self.inside()

    def __enter__(self) -> RowHolder:
        self.start()
        assert self.locked.wait(30)
        return self

    def release(self) -> None:
        self.release_event.set()
        self.outcome()

    def __exit__(self, *exc) -> None:
        self.release_event.set()
        self.join(HOLD_LIMIT)


def waiting_on_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND wait_event_type = 'Lock'")
        return cursor.fetchone()[0]


def wait_until_blocked(count: int = 1, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while waiting_on_locks() < count:
        assert time.monotonic() < deadline, "nobody is waiting on a lock"
        time.sleep(0.05)


def live_lead(page_id: int) -> str:
    return NewsArticlePage.objects.get(pk=page_id).lead


@pytest.fixture
def home_page(db) -> HomePage:
    """The suite's home page, on a database that another transactional test may have flushed:
    the rows Wagtail's own migrations made (the default locale, the tree's root) are made again
    first, as the editorial setup remakes the groups and collections on that flush."""
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    return ensure_home()


@pytest.fixture
def imported(home_page, tmp_path, editors) -> NewsArticlePage:
    """The article as a first import left it (version 1, live)."""
    ok, err = run_import(write(tmp_path / "v1.jsonl", ARTICLE))
    assert ok, err
    # By the importer's own record: a worker's database may also hold the browser tests' demo.
    made = ImportedRecord.objects.get(kind="article", legacy_id=ARTICLE["legacy_id"])
    return NewsArticlePage.objects.get(pk=made.object_id)


def lan_publishes(page_id: int, lead: str) -> None:
    from django.contrib.auth import get_user_model

    page = NewsArticlePage.objects.get(pk=page_id)
    page.lead = lead
    page.save_revision(user=get_user_model().objects.get(username="lan")).publish()


@pytest.mark.django_db
def test_a_page_revised_after_the_file_was_read_refuses_the_whole_file(imported, tmp_path):
    """Any backend: an import that began reading before the editor's revision (its clock set a
    minute back) refuses the file, names the editor, writes nothing; a re-run overwrites."""
    lan_publishes(imported.pk, "Sapo do biên tập viên Lan sửa.")
    source = write(tmp_path / "v2.jsonl", OTHER, {**ARTICLE, "lead": "Sapo mới của hệ thống cũ."})
    with time_machine.travel(timezone.now() - dt.timedelta(minutes=1)):
        ok, err = run_import(source)
    assert not ok
    assert "line 2: article: trang đã được sửa bởi Nguyễn Thị Lan lúc " in err
    assert REFUSED in err
    assert live_lead(imported.pk) == "Sapo do biên tập viên Lan sửa."
    assert not NewsArticlePage.objects.filter(title=OTHER["title"]).exists()  # whole file
    assert ImportRun.objects.filter(status="refused", errors__contains=REFUSED).count() == 1

    ok, err = run_import(source)  # "chạy lại để ghi đè"
    assert ok, err
    assert live_lead(imported.pk) == "Sapo mới của hệ thống cũ."
    leads = [r.content["lead"] for r in imported.revisions.order_by("created_at", "pk")]
    assert leads[-2:] == ["Sapo do biên tập viên Lan sửa.", "Sapo mới của hệ thống cũ."]


@pytest.mark.django_db
def test_the_runs_own_revisions_are_not_an_editors_change(home_page, tmp_path):
    """A page the run wrote in an earlier batch and revises in a later one (a record keyed by
    the slug of a page made under a legacy id) is not refused as edited after the file."""
    made = {**ARTICLE, "legacy_id": "l-1", "slug": "tin-ngan", "lead": "Lần một."}
    by_slug = {key: value for key, value in ARTICLE.items() if key != "legacy_id"}
    again = {**by_slug, "slug": "tin-ngan", "lead": "Lần hai."}
    source = write(tmp_path / "two.jsonl", made, again)
    ok, err = run_import(source, batch_size=1)
    assert ok, err
    assert NewsArticlePage.objects.get(slug="tin-ngan").lead == "Lần hai."


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_publishing_while_the_import_waits_makes_it_refuse(imported, tmp_path):
    """The editor's publish holds the row; the import, started meanwhile, waits for it, then
    finds the editor's revision newer than its file and refuses: the editor's work stays live."""
    source = write(tmp_path / "v2.jsonl", {**ARTICLE, "lead": "Sapo mới của hệ thống cũ."})
    with RowHolder(imported.pk, lambda: lan_publishes(imported.pk, "Sapo Lan xuất bản.")) as lan:
        importer = Worker(lambda: run_import(source))
        importer.start()
        wait_until_blocked()  # the import is at the page's lock
        lan.release()  # Lan's revision is saved and published, and her transaction commits
        ok, err = importer.outcome()
    print(f"\nimport racing a publish: import ok={ok}; {err.strip().splitlines()[0]}")
    assert not ok and "line 1: article: trang đã được sửa bởi Nguyễn Thị Lan" in err
    assert live_lead(imported.pk) == "Sapo Lan xuất bản."

    ok, err = run_import(source)
    assert ok, err
    leads = [r.content["lead"] for r in imported.revisions.order_by("created_at", "pk")]
    assert leads[-2:] == ["Sapo Lan xuất bản.", "Sapo mới của hệ thống cũ."]


@pytest.fixture
def import_holding_the_page(imported, tmp_path):
    """An import that has revised the article and is held (before its commit) on the news
    index's row, which it locks to add a new article after it: ``release()`` lets it finish."""
    source = write(tmp_path / "v2.jsonl", {**ARTICLE, "lead": "Sapo mới của hệ thống cũ."}, OTHER)
    index = imported.get_parent()
    with RowHolder(index.pk) as holder:
        importer = Worker(lambda: run_import(source))
        importer.start()
        wait_until_blocked()
        yield holder, importer


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_publishing_while_the_import_holds_the_page_is_told_then_warned(
    imported, import_holding_the_page, editors, monkeypatch
):
    """No 500 and no hung request: the form says the page is being written, the editor's text
    still in it; published again once the import is done, it wins and says the import wrote."""
    monkeypatch.setattr(editing_conflicts, "LOCK_WAIT_SECONDS", 1.0)
    holder, importer = import_holding_the_page
    lan, _ = editors
    url = f"/admin/pages/{imported.pk}/edit/"
    form = form_fields(lan.get(url).content)
    form.update(lead="Sapo Lan xuất bản.", **{"action-publish": "action-publish"})
    editor = Worker(lambda: lan.post(url, form))
    editor.start()
    busy = editor.outcome()
    assert importer.is_alive()  # the import still held the page all along
    page_html = busy.content.decode()
    assert busy.status_code == 200
    assert editing_conflicts.BUSY_MESSAGE in page_html and "Sapo Lan xuất bản." in page_html

    holder.release()
    ok, err = importer.outcome()
    assert ok, err
    assert live_lead(imported.pk) == "Sapo mới của hệ thống cũ."

    response = lan.post(url, form, follow=True)
    assert response.status_code == 200
    warning = "Trong lúc bạn sửa, hệ thống (nhập dữ liệu) đã lưu trang này"
    assert warning in response.content.decode()
    assert live_lead(imported.pk) == "Sapo Lan xuất bản."
    leads = [r.content["lead"] for r in imported.revisions.order_by("created_at", "pk")]
    assert leads[-2:] == ["Sapo mới của hệ thống cũ.", "Sapo Lan xuất bản."]


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_in_code_waits_for_the_import_and_comes_last(imported, import_holding_the_page):
    """``save_revision().publish()`` (a script, the scheduler) on a page the import holds waits
    for the file's commit, then publishes: both revisions kept, the later one live."""
    holder, importer = import_holding_the_page
    publisher = Worker(lambda: lan_publishes(imported.pk, "Sapo Lan xuất bản."))
    publisher.start()
    wait_until_blocked(2)  # the import on the index, the publish on the page
    holder.release()
    ok, err = importer.outcome()
    publisher.outcome()
    assert ok, err
    assert live_lead(imported.pk) == "Sapo Lan xuất bản."
    leads = [r.content["lead"] for r in imported.revisions.order_by("created_at", "pk")]
    assert set(leads[-2:]) == {"Sapo mới của hệ thống cũ.", "Sapo Lan xuất bản."}

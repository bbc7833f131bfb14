"""The admin at the size of the archive: with 100,000 articles under the news index, the explorer's
listing of it, the page chooser (browse and search) and the dashboard should each answer in under
a second on PostgreSQL.

``python -m tests.perf admin`` (``make bench``) uses the shared ``cms_bench`` dataset
(``tests.perf.dataset``); each URL is requested through Django's test client in this process
(no network, no static files: the time is the view's), once to warm caches, then ``--repeat``
times, as a superuser and as a member of the news team (whose listings are filtered by
permission). Prints median and worst time and the number of SQL queries. A benchmark: it asserts
nothing, it reports "OK" or "CHẬM" (slow) against the one-second budget.
"""

from __future__ import annotations

import argparse
import statistics
import time

BUDGET_S = 1.0


def _client_for(user):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def _users():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from news.editorial import GROUP_NEWS

    model = get_user_model()
    admin, _ = model.objects.get_or_create(
        username="bench_quantri", defaults={"is_superuser": True, "is_staff": True}
    )
    editor, created = model.objects.get_or_create(username="bench_bientap")
    if created:
        editor.groups.add(Group.objects.get(name=GROUP_NEWS))
    return {"quản trị (superuser)": admin, "biên tập viên tin tức": editor}


def _measure(client, url: str, repeat: int) -> tuple[float, float, int, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm: content types, site root paths, templates
    times = []
    queries = 0
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        queries = len(captured)
    return statistics.median(times), max(times), queries, response.status_code


def urls() -> list[tuple[str, str]]:
    from news.admin_views import NewsArticleListingView
    from news.models import NewsArticlePage, NewsCategory, NewsIndexPage

    news = NewsIndexPage.objects.get()
    category = NewsCategory.objects.order_by("pk").first()
    per_page = NewsArticleListingView.paginate_by
    last_page = max(1, -(-NewsArticlePage.objects.child_of(news).count() // per_page))
    found = [
        ("bảng điều khiển", "/admin/"),
        ("trình duyệt: trang tin tức", f"/admin/pages/{news.pk}/"),
        ("trình duyệt: trang cuối", f"/admin/pages/{news.pk}/?p={last_page}"),
        ("trình duyệt: sắp theo tiêu đề", f"/admin/pages/{news.pk}/?ordering=title"),
        ("trình duyệt: tìm trong mục", f"/admin/pages/{news.pk}/?q=xây+dựng"),
        ("trình chọn trang: duyệt tin tức", f"/admin/choose-page/{news.pk}/"),
        ("trình chọn trang: tìm", "/admin/choose-page/search/?q=quy+hoạch+đô+thị"),
        ("trình chọn trang: tìm không dấu", "/admin/choose-page/search/?q=nha+o+xa+hoi"),
    ]
    if category:
        found.insert(
            3, ("trình duyệt: lọc chuyên mục", f"/admin/pages/{news.pk}/?category={category.pk}")
        )
    return found


def run(args: argparse.Namespace) -> None:
    from .dataset import use_bench_db

    use_bench_db(args)
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    from news.models import NewsArticlePage

    settings.ALLOWED_HOSTS = ["localhost"]
    settings.DEBUG = False
    # The views' time, not static files': names resolve without a collectstatic manifest (a
    # fresh clone has none; DEBUG off would make whitenoise's storage demand it).
    # override_settings: its signal resets the storages already built from the old value.
    override_settings(STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()
    repeat = getattr(args, "repeat", 5)
    print(f"bài viết: {NewsArticlePage.objects.count():,}; mỗi địa chỉ đo {repeat} lần")
    slow = 0
    for role, user in _users().items():
        client = _client_for(user)
        print(f"\n-- {role}")
        print(f"{'trang':38} {'trung vị':>9} {'chậm nhất':>10} {'truy vấn':>9}  mã")
        for label, url in urls():
            median, worst, queries, status = _measure(client, url, repeat)
            verdict = "OK" if worst < BUDGET_S and status == 200 else "CHẬM"
            slow += verdict != "OK"
            print(f"{label:38} {median * 1000:8.0f}ms {worst * 1000:9.0f}ms {queries:9d}  "
                  f"{status} {verdict}")
    print(f"\n{'Tất cả dưới 1 giây.' if not slow else f'{slow} địa chỉ vượt 1 giây.'}")


if __name__ == "__main__":
    from .__main__ import parser

    p = parser()
    p.add_argument("--repeat", type=int, default=5)
    run(p.parse_args())

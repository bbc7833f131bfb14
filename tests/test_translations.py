"""The admin in Vietnamese: coverage, placeholders and freshness of our gettext catalogues.

Wagtail ships a partial Vietnamese translation; ours live in ``LOCALE_PATHS`` and win over it.
These tests read the English catalogues each installed Wagtail app (and taggit) ships, ask
Django's own merged Vietnamese catalogue which of those messages it answers, and check that
our ``.po`` files keep every placeholder and that the committed ``.mo`` files match them.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from cms.text import normalize

MINIMUM_COVERAGE = 0.95
LOCALE_ROOT = Path(settings.BASE_DIR) / "cms" / "locale"
OUR_CATALOGUES = [
    LOCALE_ROOT / "wagtail_apps" / "vi" / "LC_MESSAGES" / "django.po",
    LOCALE_ROOT / "wagtail_admin" / "vi" / "LC_MESSAGES" / "django.po",
    LOCALE_ROOT / "wagtail_admin" / "vi" / "LC_MESSAGES" / "djangojs.po",
    LOCALE_ROOT / "signin" / "vi" / "LC_MESSAGES" / "django.po",
]
# Named and positional printf placeholders, %% and str.format fields: what a translation must keep.
PLACEHOLDER = re.compile(
    r"%%|%\([^)]+\)[-#0+ ]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[-#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|\{[A-Za-z_][A-Za-z0-9_.]*\}|\{\d*\}"
)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def existing_catalogues() -> list[Path]:
    """Our catalogues present in the tree (the admin one may not be written yet)."""
    return [path for path in OUR_CATALOGUES if path.exists()]


def catalogue_id(path: Path) -> str:
    return f"{path.parts[-4]}/{path.name}"


@dataclass(frozen=True)
class Coverage:
    app: str
    domain: str
    total: int
    translated: int
    missing: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.app if self.domain == "django" else f"{self.app} ({self.domain})"

    @property
    def ratio(self) -> float:
        return self.translated / self.total if self.total else 1.0


def wagtail_app_sources() -> list[tuple[str, str, Path]]:
    """(app, domain, English .po) for every installed Wagtail app and taggit with a catalogue."""
    sources = []
    for config in apps.get_app_configs():
        if not (config.name == "wagtail" or config.name.startswith("wagtail.")) and (
            config.name != "taggit"
        ):
            continue
        for domain in ("django", "djangojs"):
            source = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if source.exists():
                sources.append((config.name, domain, source))
    return sources


def catalogue_key(entry: polib.POEntry) -> str | tuple[str, int]:
    """The key Python's gettext (and so Django) stores this message under in a .mo catalogue."""
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
    return (msgid, 0) if entry.msgid_plural else msgid


def active_catalogue(domain: str) -> trans_real.TranslationCatalog:
    """Django's merged Vietnamese catalogue: LOCALE_PATHS first, then each app's own ``vi``."""
    if domain == "django":
        return trans_real.translation("vi")._catalog
    # What JavaScriptCatalog builds for the admin's JavaScript.
    return trans_real.DjangoTranslation("vi", domain=domain)._catalog


def measure(app: str, domain: str, source: Path) -> Coverage:
    catalogue = active_catalogue(domain)
    entries = [entry for entry in polib.pofile(str(source)) if not entry.obsolete]
    missing = tuple(entry.msgid for entry in entries if not catalogue.get(catalogue_key(entry)))
    return Coverage(app, domain, len(entries), len(entries) - len(missing), missing)


@pytest.fixture(scope="module")
def coverage() -> list[Coverage]:
    return [measure(app, domain, source) for app, domain, source in wagtail_app_sources()]


def table(rows: list[Coverage]) -> str:
    lines = [f"{'app':<40} {'translated':>10} {'total':>6} {'share':>7}"]
    for row in rows:
        lines.append(f"{row.label:<40} {row.translated:>10} {row.total:>6} {row.ratio:>7.1%}")
    return "\n".join(lines)


def test_every_installed_wagtail_app_is_measured(coverage: list[Coverage]) -> None:
    measured = {row.label for row in coverage}
    for app in [
        "wagtail",
        "wagtail.admin",
        "wagtail.admin (djangojs)",
        "wagtail.images",
        "wagtail.documents",
        "wagtail.users",
        "wagtail.snippets",
        "taggit",
    ]:
        assert app in measured


@pytest.mark.parametrize(
    ("app", "domain", "source"),
    wagtail_app_sources(),
    ids=[f"{app}:{domain}" for app, domain, _ in wagtail_app_sources()],
)
def test_each_app_is_at_least_95_percent_vietnamese(app: str, domain: str, source: Path) -> None:
    row = measure(app, domain, source)
    assert row.ratio >= MINIMUM_COVERAGE, (
        f"{row.label}: {row.translated}/{row.total} = {row.ratio:.1%} translated; "
        f"first untranslated: {list(row.missing[:10])}"
    )


def test_overall_coverage_is_at_least_95_percent(
    coverage: list[Coverage], capsys: pytest.CaptureFixture[str]
) -> None:
    translated = sum(row.translated for row in coverage)
    total = sum(row.total for row in coverage)
    overall = f"{'all':<40} {translated:>10} {total:>6} {translated / total:>7.1%}"
    report = f"{table(coverage)}\n{overall}"
    with capsys.disabled():
        print(f"\nVietnamese coverage of the Wagtail catalogues:\n{report}")
    assert translated / total >= MINIMUM_COVERAGE, report


def test_without_our_catalogues_wagtail_alone_falls_short(settings) -> None:
    """The measure can fail: Wagtail's own ``vi`` files leave most of these apps in English."""
    settings.LOCALE_PATHS = []  # setting_changed resets Django's translation caches
    shipped = [measure(app, domain, source) for app, domain, source in wagtail_app_sources()]
    by_app = {row.label: row for row in shipped}
    assert by_app["wagtail.images"].ratio < MINIMUM_COVERAGE
    assert by_app["wagtail.admin"].ratio < MINIMUM_COVERAGE
    assert sum(row.translated for row in shipped) / sum(row.total for row in shipped) < 0.5


def test_the_apps_catalogue_is_complete() -> None:
    """Our own catalogue answers every message of the apps it covers, so coverage cannot rot."""
    ours = polib.pofile(str(OUR_CATALOGUES[0]))
    ours_keys = {(entry.msgctxt, entry.msgid) for entry in ours.translated_entries()}
    for app, _domain, source in wagtail_app_sources():
        if app == "wagtail.admin":
            continue
        for entry in polib.pofile(str(source)):
            if not entry.obsolete:
                assert (entry.msgctxt, entry.msgid) in ours_keys, f"{app}: {entry.msgid!r}"


@pytest.mark.parametrize("path", existing_catalogues(), ids=catalogue_id)
def test_header_declares_vietnamese_with_one_plural_form(path: Path) -> None:
    po = polib.pofile(str(path))
    assert po.metadata["Language"] == "vi"
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    assert not po.fuzzy_entries()
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert set(entry.msgstr_plural) == {0}, entry.msgid


def translations_of(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) pairs; a Vietnamese plural's one form stands for every count."""
    if entry.msgid_plural:
        return [(entry.msgid_plural, text) for text in entry.msgstr_plural.values() if text]
    return [(entry.msgid, entry.msgstr)] if entry.msgstr else []


@pytest.mark.parametrize("path", existing_catalogues(), ids=catalogue_id)
def test_translations_keep_every_placeholder(path: Path) -> None:
    broken = [
        f"{source!r}: {sorted(placeholders(source).elements())} → "
        f"{sorted(placeholders(text).elements())} in {text!r}"
        for entry in polib.pofile(str(path))
        for source, text in translations_of(entry)
        if placeholders(source) != placeholders(text)
    ]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("path", existing_catalogues(), ids=catalogue_id)
def test_translations_keep_html_tags_and_edge_whitespace(path: Path) -> None:
    broken = []
    for entry in polib.pofile(str(path)):
        for source, text in translations_of(entry):
            if Counter(HTML_TAG.findall(source)) != Counter(HTML_TAG.findall(text)):
                broken.append(f"tags: {source!r} → {text!r}")
            if (source[: len(source) - len(source.lstrip())], source[len(source.rstrip()) :]) != (
                text[: len(text) - len(text.lstrip())],
                text[len(text.rstrip()) :],
            ):
                broken.append(f"whitespace: {source!r} → {text!r}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("path", existing_catalogues(), ids=catalogue_id)
def test_translations_use_the_ministrys_tone_placement(path: Path) -> None:
    """GLOSSARY.md: hóa, khóa, xóa, hủy, thủy — the spelling cms.text.normalize settles on."""
    odd = [
        text
        for entry in polib.pofile(str(path))
        for _, text in translations_of(entry)
        if normalize(text) != text
    ]
    assert not odd, odd[:20]


@pytest.mark.parametrize("path", existing_catalogues(), ids=catalogue_id)
def test_committed_mo_matches_the_po(path: Path, tmp_path: Path) -> None:
    """A .po edited without recompiling would be silently ignored at run time: catch it here."""
    fresh = tmp_path / "fresh.mo"
    polib.pofile(str(path)).save_as_mofile(str(fresh))
    committed = path.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: compile it and commit it"
    with fresh.open("rb") as expected, committed.open("rb") as actual:
        expected_catalogue = dict(gettext.GNUTranslations(expected)._catalog)
        actual_catalogue = dict(gettext.GNUTranslations(actual)._catalog)
    expected_catalogue.pop("", None)
    actual_catalogue.pop("", None)
    stale = {
        key
        for key in expected_catalogue.keys() | actual_catalogue.keys()
        if expected_catalogue.get(key) != actual_catalogue.get(key)
    }
    assert not stale, f"{committed} is out of date for: {sorted(map(str, stale))[:10]}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("path", existing_catalogues(), ids=catalogue_id)
def test_msgfmt_accepts_the_catalogue(path: Path, tmp_path: Path) -> None:
    result = subprocess.run(  # noqa: S603 — fixed argv, no shell
        [shutil.which("msgfmt"), "--check", "--statistics", "-o", str(tmp_path / "x.mo"), path],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_placeholder_check_catches_a_lost_or_altered_placeholder() -> None:
    """The rule the placeholder test applies, on translations that break it."""
    assert placeholders("%(count)s images") == placeholders("%(count)s hình ảnh")
    assert placeholders("%(count)s images") != placeholders("hình ảnh")
    assert placeholders("%(count)s images") != placeholders("%(counter)s hình ảnh")
    assert placeholders("%(count)s images") != placeholders("%(count)d hình ảnh")
    assert placeholders("'{title}' is locked") != placeholders("'{tieu_de}' đang bị khóa")
    assert placeholders("100%% of %s") != placeholders("100% của %s")
    assert placeholders("%s and %s") != placeholders("%s và")


def test_vietnamese_comes_from_our_catalogue_not_wagtails() -> None:
    """Messages Wagtail ships in old wording (văn bản, file đính kèm, Tùy chỉnh) read ours."""
    with translation.override("vi"):
        assert translation.gettext("Pages") == "Trang"
        assert translation.gettext("Delete document") == "Xóa tài liệu"
        assert translation.gettext("Embed") == "Nội dung nhúng"
        assert translation.gettext("Settings") == "Cài đặt"
        assert translation.gettext("Submit for moderation") == "Gửi duyệt"
        assert translation.pgettext("A tag name", "name") == "tên"
        assert translation.pgettext("A tag slug", "slug") == "slug"
        for count in (1, 2, 21):
            assert (
                translation.ngettext("%(count)s image", "%(count)s images", count)
                % {"count": count}
                == f"{count} hình ảnh"
            )
        assert (
            translation.ngettext(
                "One submission has been deleted.", "%(count)d submissions have been deleted.", 1
            )
            % {"count": 1}
            == "Đã xóa 1 lượt gửi."
        )
    with translation.override("en"):
        assert translation.gettext("Delete document") == "Delete document"


@pytest.mark.django_db
def test_admin_pages_render_in_vietnamese(client, django_user_model) -> None:
    """An editor with no language preference sees the documents and images admin in Vietnamese."""
    user = django_user_model.objects.create_superuser("bientap", "bientap@example.org", "x")
    client.force_login(user)
    documents = client.get("/admin/documents/")
    assert documents.status_code == 200
    html = documents.content.decode()
    assert 'lang="vi"' in html
    assert "Thêm tài liệu" in html
    assert "Bạn chưa tải lên tài liệu nào." in html
    images = client.get("/admin/images/").content.decode()
    assert "Thêm hình ảnh" in images
    assert "Add an image" not in images


def sign_in_package_messages() -> dict[str, set[str]]:
    """Every message django-axes and django-otp ship for translation (the msgids of their
    catalogues in any language: neither ships Vietnamese nor an English template)."""
    found: dict[str, set[str]] = {}
    for name in ("axes", "django_otp"):
        config = next(c for c in apps.get_app_configs() if c.name == name)
        for path in Path(config.path).glob("**/locale/*/LC_MESSAGES/django.po"):
            for entry in polib.pofile(str(path)):
                if entry.msgid and not entry.obsolete:
                    found.setdefault(name, set()).add(entry.msgid)
    return found


def test_sign_in_packages_speak_vietnamese() -> None:
    """Lockout (django-axes) and second factor (django-otp): our ``signin`` catalogue, or
    Django's and Wagtail's for the common words, answers each of their messages."""
    messages = sign_in_package_messages()
    assert set(messages) == {"axes", "django_otp"}
    catalogue = active_catalogue("django")
    for package, msgids in messages.items():
        missing = [m for m in msgids if not (catalogue.get(m) or catalogue.get((m, 0)))]
        assert not missing, f"{package}: {missing}"
    with translation.override("vi"):
        assert translation.gettext(
            "Account locked: too many login attempts. Please try again later."
        ) == "Tài khoản tạm bị khóa vì đăng nhập sai quá nhiều lần. Vui lòng thử lại sau."

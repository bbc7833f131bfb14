"""Vietnamese text rules: the one place that says how text is cleaned, matched, slugged and shown.

Search, slugs, the importer, forms and templates all call these functions, so that a rule
changed here changes everywhere at once.

- ``clean``: what we store. NFC, control characters (NUL included) removed.
- ``normalize``: what we compare. ``clean`` plus one canonical tone placement, so that the old
  and new spellings of the same syllable (``hoà``/``hòa``, ``thuỷ``/``thủy``, ``khoẻ``/``khỏe``,
  ``qúy``/``quý``) are the same string. The canonical form is the one the ministry's own pages
  use (``hóa``, ``thủy``): in an open syllable of two vowels the tone sits on the first.
- ``fold``: what a query typed without diacritics must match. Diacritics off, ``đ`` → ``d``,
  lower case. Python's NFKD and Django's ``slugify`` drop ``đ``; this does not.
- ``slugify``: ASCII URLs from Vietnamese titles.
- ``plain_text``: the words of HTML (rich text, a rendered StreamField) for snippets and
  descriptions: block boundaries are spaces (``<p>chính.</p><p>Cơ</p>`` is ``chính. Cơ``).
- ``search_words``/``code_keys``/``has_marks``: how search cuts text into words (a code such as
  ``17/NQ-CP`` gives its parts ``17 nq cp`` and one joined key ``17nqcp``, so the whole code is
  one term that only its record carries).
- ``format_datetime``/``format_date``/``format_number``/``format_percent``: Vietnamese display
  (``Thứ hai, 21/09/2020 09:07``, ``40,81%``, ``1.000.000``); Django's ``vi`` locale writes
  ``Thứ 2``. On English pages (``language()`` is ``en``: the /en/ tree) the same functions write
  English (``Monday, 21 September 2020 09:07``, ``40.81%``, ``1,000,000``): the choice is made
  here once, so templates and code call the same functions in both languages.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import unescape
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.html import strip_tags

__all__ = [
    "TIME_ZONE",
    "clean",
    "code_keys",
    "fold",
    "has_marks",
    "language",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "normalize",
    "plain_text",
    "search_words",
    "slugify",
    "weekday",
]

TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")

# Combining marks of the five Vietnamese tones (NFD form).
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Letters whose shape carries a vowel quality (ă â ê ô ơ ư): tone goes on them first.
_MARKED = set("ăâêôơ")
_VOWELS = set("aăâeêioôơuưy")
_INITIALS = {
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
}
_FINALS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
_SYLLABLE = re.compile(r"[^\W\d_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """NFC with control characters removed: the form every stored text takes."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def _split_tone(syllable: str) -> tuple[str, str | None]:
    """Return the syllable (NFC) without its tone mark, and the mark (or None)."""
    tone = None
    kept = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONES:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _tone_index(bare: str) -> int | None:
    """Index in ``bare`` (lower case, no tone) where the tone belongs; None if not Vietnamese."""
    start = 0
    while start < len(bare) and bare[start] not in _VOWELS:
        start += 1
    initial = bare[:start]
    # "qu" and "gi" before another vowel belong to the initial consonant.
    if initial == "q" and bare[start : start + 1] == "u":
        start += 1
        initial = "qu"
    elif initial == "g" and bare[start : start + 2] in {"i" + v for v in _VOWELS}:
        start += 1
        initial = "gi"
    end = start
    while end < len(bare) and bare[end] in _VOWELS:
        end += 1
    vowels, final = bare[start:end], bare[end:]
    if initial not in _INITIALS or final not in _FINALS or not 1 <= len(vowels) <= 3:
        return None
    marked = [i for i, ch in enumerate(vowels) if ch in _MARKED]
    if marked:
        return start + marked[-1]
    if "ư" in vowels:
        return start + vowels.index("ư")
    if final or len(vowels) == 3:
        return start + (len(vowels) - 1 if final else 1)
    return start  # open syllable of one or two vowels: the first (hòa, thủy, mía, cáo)


def _place_tone(match: re.Match[str]) -> str:
    return _toned(match.group(0))


@lru_cache(maxsize=65536)
def _toned(word: str) -> str:
    # Memoised: a language has a few thousand syllables, a 100,000-article import billions.
    bare, tone = _split_tone(word)
    if tone is None:
        return word
    index = _tone_index(bare.lower())
    if index is None:
        return word
    toned = unicodedata.normalize("NFC", bare[index] + tone)
    return bare[:index] + toned + bare[index + 1 :]


def normalize(text: str) -> str:
    """``clean`` plus canonical tone placement: equal strings for equal Vietnamese words."""
    return _SYLLABLE.sub(_place_tone, clean(text))


def fold(text: str) -> str:
    """Lower-case ASCII-ish key: diacritics removed, ``đ``/``Đ`` → ``d``."""
    # Words (search indexes fold them one by one) are memoised; long texts are not kept.
    return _fold_word(text) if len(text) <= 32 else _fold(text)


@lru_cache(maxsize=65536)
def _fold_word(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", clean(text).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


# Runs of letters and digits: the words of a text, codes cut into their parts.
_WORD = re.compile(r"[^\W_]+")
# A code: letter/digit runs joined without spaces by . / - & (or a comma between digits), as in
# ``17/NQ-CP``, ``1.009972``, ``50/2014/QH13``, ``QĐ-BXD``, ``TT&TT``, ``40,81``.
_CODE = re.compile(r"[^\W_]+(?:(?:[./\-&]|(?<=\d),(?=\d))[^\W_]+)+")


def search_words(text: str) -> list[str]:
    """Normalized lower-case words in reading order; a code counts as its parts."""
    return [_search_word(word) for word in _WORD.findall(clean(text))]


@lru_cache(maxsize=65536)
def _search_word(word: str) -> str:
    # One word of ``normalize(text).lower()``: words are cut first and memoised (a search
    # index cuts millions of them from a few thousand distinct syllables).
    return _SYLLABLE.sub(_place_tone, word).lower()


_CODE_SEPARATORS = re.compile(r"[./\-&,]")


def code_keys(text: str) -> list[str]:
    """One folded key per code: ``17/NQ-CP`` → ``17nqcp``, ``1.009972`` → ``1009972``."""
    # A code holds no space: only the space-free runs with a separator can hold one, and the
    # pattern is tried on those alone (on a whole article it costs a millisecond).
    return [
        "".join(_WORD.findall(fold(code)))
        for run in clean(text).split()
        if _CODE_SEPARATORS.search(run)
        for code in _CODE.findall(run)
    ]


# Tags that end a line of text when shown: a space where they stand (``strip_tags`` would glue
# the last word of a paragraph to the first of the next).
_BLOCK_TAG = re.compile(
    r"</?(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]"
    r"|header|hr|li|ol|p|pre|section|table|td|th|tr|ul)\b[^>]*>",
    re.IGNORECASE,
)


def plain_text(value: Any) -> str:
    """The text of a string of HTML, or of a value that renders to it (``__html__``: rich text,
    a StreamField): tags out, a space at block boundaries, entities decoded, one space between
    words."""
    if value is None:
        return ""
    html = value.__html__() if hasattr(value, "__html__") else str(value)
    return " ".join(unescape(strip_tags(_BLOCK_TAG.sub(" ", html))).split())


def has_marks(text: str) -> bool:
    """True when ``text`` carries any Vietnamese diacritic (or đ): its writer typed them."""
    lowered = clean(text).lower()
    return fold(lowered) != lowered


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 255) -> str:
    """ASCII, folded, hyphenated slug; cut at a hyphen so that no word is split."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if slug[max_length] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


_WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def language() -> str:
    """The language pages are shown in now: ``en`` where Django's active language is English
    (the /en/ tree, an admin in English), else ``vi``."""
    return "en" if (translation.get_language() or "").lower().startswith("en") else "vi"


def in_language(record: object, field: str, lang: str | None = None) -> str:
    """A record's ``field`` in a language (default: the page's): its ``<field>_en`` on English
    pages where that is filled, else the Vietnamese ``field``. The one rule for every model that
    keeps its English beside its Vietnamese (units, leaders, categories, the site settings)."""
    if (lang or language()) == "en":
        return getattr(record, f"{field}_en", "") or getattr(record, field, "")
    return getattr(record, field, "")


def _local(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=TIME_ZONE)
    return value.astimezone(TIME_ZONE)


def weekday(value: dt.date, lang: str | None = None) -> str:
    """The weekday in words as Vietnamese news writes it: ``Thứ hai`` … ``Chủ nhật``
    (``Monday`` … in English)."""
    if isinstance(value, dt.datetime):
        value = _local(value)
    names = _WEEKDAYS_EN if (lang or language()) == "en" else _WEEKDAYS
    return names[value.weekday()]


def format_datetime(value: dt.datetime, with_weekday: bool = True, lang: str | None = None) -> str:
    """``Thứ hai, 21/09/2020 09:07`` in Asia/Ho_Chi_Minh (naive values are taken as local);
    ``Monday, 21 September 2020 09:07`` in English."""
    lang = lang or language()
    local = _local(value)
    shown = f"{format_date(local, lang)} {local:%H:%M}"
    return f"{weekday(local, lang)}, {shown}" if with_weekday else shown


def format_date(value: dt.date, lang: str | None = None) -> str:
    """``21/09/2020``; ``21 September 2020`` in English."""
    if isinstance(value, dt.datetime):
        value = _local(value)
    if (lang or language()) == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return value.strftime("%d/%m/%Y")


def format_duration(value: dt.timedelta, lang: str | None = None) -> str:
    """A span in words, largest units first: ``30 phút``, ``1 giờ 30 phút``, ``2 ngày``
    (``30 minutes``… in English); seconds only under a minute."""
    english = (lang or language()) == "en"
    seconds = max(int(value.total_seconds()), 0)
    if seconds < 60:
        return f"{seconds} second{'s' * (seconds != 1)}" if english else f"{seconds} giây"
    days, rest = divmod(seconds // 60, 24 * 60)
    hours, minutes = divmod(rest, 60)
    units = (("ngày", "day"), ("giờ", "hour"), ("phút", "minute"))
    parts = [
        f"{count} {en}{'s' * (count != 1)}" if english else f"{count} {vi}"
        for count, (vi, en) in zip((days, hours, minutes), units, strict=True)
        if count
    ]
    return " ".join(parts)


def format_number(
    value: int | float | Decimal, decimals: int = 0, lang: str | None = None
) -> str:
    """Vietnamese grouping: ``.`` between thousands, ``,`` before decimals (``1.234,56``);
    English the other way round (``1,234.56``)."""
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    if (lang or language()) == "en":
        groups = f"{int(whole):,}"
        return f"{sign}{groups}.{fraction}" if fraction else f"{sign}{groups}"
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{groups},{fraction}" if fraction else f"{sign}{groups}"


def format_percent(
    part: int | float | Decimal,
    total: int | float | Decimal,
    decimals: int = 2,
    lang: str | None = None,
) -> str:
    """Share of ``part`` in ``total`` as ``40,81%`` (``40.81%`` in English); zero when the
    total is zero."""
    if not total:
        return format_number(0, decimals, lang) + "%"
    share = Decimal(str(part)) * 100 / Decimal(str(total))
    return format_number(share, decimals, lang) + "%"

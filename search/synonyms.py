"""The editors' synonyms and abbreviations (``search.models.Synonym``), as the query parser
reads them: folded word sequence → every form of its class.

Read at query time from a per-process copy: the table is read at most once per
``SEARCH_SYNONYMS_TTL`` seconds (``search.tuning``), and again right after an editor saves or
deletes one in this process (other processes see the change within the TTL). A search never
pays a query for it otherwise. Written here rather than with Django's cache framework because
that would cost a cache round trip on every search.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from cms import text
from search.analysis import Synonyms
from search.tuning import setting

_loaded: tuple[float, Synonyms] | None = None


def words_of(form: str) -> tuple[str, ...]:
    """A form's folded words: the key and alternative the parser matches."""
    return tuple(text.fold(word) for word in text.search_words(form))


def build(classes: Iterable[list[str]]) -> Synonyms:
    """form words → all forms of its class, for classes of forms (each a list of strings).
    Two classes sharing a form are joined (an abbreviation is one meaning)."""
    mapping: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for forms in classes:
        keys = [k for k in dict.fromkeys(words_of(f) for f in forms) if k]
        if len(keys) < 2:
            continue
        joined = list(dict.fromkeys([*keys, *(w for k in keys for w in mapping.get(k, []))]))
        for key in joined:
            mapping[key] = joined
    return mapping


def load() -> Synonyms:
    """Read the table now (one query) and keep it."""
    global _loaded
    from search.models import Synonym

    mapping = build(synonym.forms() for synonym in Synonym.objects.all())
    _loaded = (time.monotonic(), mapping)
    return mapping


def current() -> Synonyms:
    """The synonyms, read from the table at most once per ``SEARCH_SYNONYMS_TTL`` seconds."""
    if _loaded is None or time.monotonic() - _loaded[0] > setting("SEARCH_SYNONYMS_TTL"):
        return load()
    return _loaded[1]


def purge(*args, **kwargs) -> None:
    """Forget the copy: the next search reads the table (a synonym was saved or deleted)."""
    global _loaded
    _loaded = None

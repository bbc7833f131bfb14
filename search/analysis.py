"""What the engine is fed and asked: Vietnamese text cut into index terms, queries into term sets.

Every rule comes from ``cms.text``; this module only decides which terms go in which column.

An object's texts come in three groups, by their ``SearchField`` boost: the title group (the
``title`` field and fields boosted ≥ 5, such as a procedure's code or a document's number), the
summary group (boosted ≥ 2: an article's lead, a document's summary) and the rest.

Columns (the same on SQLite FTS5 and PostgreSQL tsvector):

- ``title``: the title group's folded words, folded pairs, exact words, exact pairs and code
  keys. Small, indexed: the strongest matches are found here.
- ``body``: the folded words and code keys of everything, and the folded pairs of the title and
  summary groups. Indexed. Recall: every folded query word must be here, so that ``ban nha``
  finds ``bán nhà`` and ``Bán nhà`` in NFD or old tone placement; the pairs find, at any age,
  the texts whose title or summary holds the words side by side; the keys, the texts citing a
  code.
- ``extra``: folded pairs, exact words and code keys of everything, exact pairs of the title and
  summary groups: what ranking reads. Not indexed on PostgreSQL: it is only read to score a
  query's few candidate rows, and every indexed term costs import time (an article's full text
  has ~500 of these). Exact pairs of the rest add little to its folded pair and exact words.

Both engines score a row the same way: the sum of the weights of the query's terms it holds, a
term's weight class read from its shape (``term_class``).

Term shapes (so that both engines weigh a term the same way without storing more):

- ``xay``: a folded word (ASCII); ``xây``: an exact word (normalized, lower case).
- ``xay_dung``: a folded pair — two syllables side by side, in order: Vietnamese words are
  several syllables, so a pair is the engine-native way to prefer "words together and in order".
- ``xây_dựng``: an exact pair.
- ``_17nqcp``: a code key (``17/NQ-CP``): only the record that carries the whole code has it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cms import text

# Weight classes, as PostgreSQL labels them in a tsvector (A strongest … D weakest).
CODE_OR_EXACT_PAIR, FOLDED_PAIR, EXACT_WORD, FOLDED_WORD = "A", "B", "C", "D"
# The title group is worth this many times the rest.
TITLE_FACTOR = 2.0
# A SearchField boosted this much or more is indexed with the title (codes, numbers); this
# much or more (a lead, a summary), with the summary group.
TITLE_BOOST = 5.0
SUMMARY_BOOST = 2.0
# A query is cut to this many characters and words: enough for any real query, and a bound on
# the work a hostile 20,000-character query can ask of the engine.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 10
MAX_CODE_KEYS = 4
# Longest term kept (PostgreSQL refuses lexemes over 2 KB; nobody searches a 100-digit run).
MAX_TERM_CHARS = 60


# Words that carry no meaning in this field's queries: they never veto a result (a procedure's
# name typed with "thủ tục" in front still finds it) but still score where a page holds them,
# so an exact phrase keeps its rank. Exact forms: an unmarked query word matches the folded
# form ("thu tuc"), a marked one only itself ("thu" is not "thủ" once the reader typed marks).
STOP_PHRASES: tuple[tuple[str, ...], ...] = (
    ("thủ", "tục"), ("về", "việc"), ("v", "v"), ("vấn", "đề"), ("hướng", "dẫn", "về"),
    ("của",), ("và",), ("các",), ("cho",), ("được",), ("những",), ("với",), ("tại",),
    ("là",), ("về",), ("theo",), ("thì",), ("mà",), ("hoặc",), ("để",), ("bị",), ("do",),
    ("làm", "sao"), ("như", "thế", "nào"), ("thế", "nào"), ("ở", "đâu"),
)

#: folded words of one form → every form of its class (``search.synonyms``).
Synonyms = Mapping[tuple[str, ...], Sequence[tuple[str, ...]]]
#: A query's match: every group must match (operator "and"); a group matches when one of its
#: alternatives does, an alternative when it holds all its folded words.
Groups = list[list[tuple[str, ...]]]


def _is_stop(typed: str, stop: str) -> bool:
    return typed == stop or (not text.has_marks(typed) and typed == text.fold(stop))


def _stop_spans(exact: list[str]) -> set[int]:
    """Positions of ``exact`` covered by a stop phrase."""
    covered: set[int] = set()
    for i in range(len(exact)):
        for phrase in STOP_PHRASES:
            window = exact[i : i + len(phrase)]
            if len(window) == len(phrase) and all(map(_is_stop, window, phrase)):
                covered.update(range(i, i + len(phrase)))
    return covered


def _pairs(words: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


def _keep(terms: Iterable[str]) -> list[str]:
    """Terms short enough to index, in order, without duplicates."""
    return list(dict.fromkeys(t for t in terms if 0 < len(t) <= MAX_TERM_CHARS))


def term_class(column: str, term: str) -> str:
    """The weight class of ``term`` in ``column``, read from its shape (see module doc)."""
    if term.startswith("_"):
        return CODE_OR_EXACT_PAIR
    marked = text.has_marks(term)
    if "_" in term:
        return CODE_OR_EXACT_PAIR if marked else FOLDED_PAIR
    if column == "extra" or marked:
        return EXACT_WORD
    return FOLDED_WORD


#: An object's texts by group: title, summary, rest.
Texts = tuple[list[str], list[str], list[str]]


@dataclass
class Document:
    """The index terms of one object, column by column, in reading order. ``title`` and
    ``extra`` map each term to its weight class (``term_class``), which PostgreSQL stores with
    it so that one ``ts_rank`` reads a row's vector once; ``body`` is matched, never scored."""

    title: dict[str, str] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


def _classed(*groups: tuple[str, list[str]]) -> dict[str, str]:
    """term → weight class; a term takes the class of the first group holding it, which is the
    one ``term_class`` reads from its shape (an unmarked exact word or pair is the folded one)."""
    out: dict[str, str] = {}
    for cls, terms in groups:
        for term in terms:
            if term not in out and len(term) <= MAX_TERM_CHARS:
                out[term] = cls
    return out


def _cut(texts: list[str]) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """Exact words, folded words, exact pairs, folded pairs and code keys of some texts; pairs
    never span two texts (two tags, a title and a lead are not side by side)."""
    fold = text.fold
    exact: list[str] = []
    folded: list[str] = []
    exact_pairs: list[str] = []
    folded_pairs: list[str] = []
    keys: list[str] = []
    for value in texts:
        words = text.search_words(value)
        folds = [fold(word) for word in words]
        exact += words
        folded += folds
        exact_pairs += _pairs(words)
        folded_pairs += _pairs(folds)
        keys += ["_" + key for key in text.code_keys(value)]
    return exact, folded, exact_pairs, folded_pairs, keys


def analyse(title_texts: list[str], summary_texts: list[str], body_texts: list[str]) -> Document:
    """Cut an object's texts (by group, see the module doc) into the three columns' terms.

    Hot: every indexed object passes here (100,000 in a large import), so each text is cut into
    words once and every word folded once (``text.fold`` is memoised per word).
    """
    t_exact, t_folded, t_exact_pairs, t_pairs, t_keys = _cut(title_texts)
    s_exact, s_folded, s_exact_pairs, s_pairs, s_keys = _cut(summary_texts)
    b_exact, b_folded, _, b_pairs, b_keys = _cut(body_texts)
    a_keys = [*t_keys, *s_keys, *b_keys]
    return Document(
        title=_classed(
            (FOLDED_WORD, t_folded), (FOLDED_PAIR, t_pairs), (EXACT_WORD, t_exact),
            (CODE_OR_EXACT_PAIR, t_exact_pairs), (CODE_OR_EXACT_PAIR, t_keys),
        ),
        body=_keep([*t_folded, *s_folded, *b_folded, *t_pairs, *s_pairs, *a_keys]),
        extra=_classed(
            (FOLDED_PAIR, t_pairs), (FOLDED_PAIR, s_pairs), (FOLDED_PAIR, b_pairs),
            (EXACT_WORD, t_exact), (EXACT_WORD, s_exact), (EXACT_WORD, b_exact),
            (CODE_OR_EXACT_PAIR, t_exact_pairs), (CODE_OR_EXACT_PAIR, s_exact_pairs),
            (CODE_OR_EXACT_PAIR, a_keys),
        ),
    )


def analyse_all(texts: list[Texts]) -> list[Document]:
    """``analyse`` for many objects at once: what a pool worker is sent (pure, picklable)."""
    return [analyse(*groups) for groups in texts]


@dataclass
class Query:
    """A visitor's query as the engine is asked it."""

    text: str
    words: list[str]  # folded words: every one must be in ``body`` (or any, with operator "or")
    title: list[str]  # terms scored in the title column
    extra: list[str]  # terms scored in the extra column: folded pairs, code keys (+ exact terms)
    exact: list[str]  # exact words and pairs (a query typed with marks)
    marked: bool  # typed with diacritics: exact terms count, folded-only terms count less
    codes: list[str]  # code keys
    pairs: list[str]  # folded pairs: the words side by side, in order
    phrase: bool = False  # quoted: the pairs must all be there
    operator: str = "and"
    # What a row must hold (see ``Groups``): the words that carry meaning, an abbreviation
    # with its spelled-out forms as alternatives. Plain words when nothing was expanded.
    groups: Groups = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # stop words that do not veto

    @property
    def expanded(self) -> bool:
        """Some group has alternatives (a synonym): the match is not a plain word list."""
        return any(len(group) > 1 or len(group[0]) > 1 for group in self.groups)

    @property
    def is_empty(self) -> bool:
        return not self.words

    def scored(self) -> dict[str, list[str]]:
        """Column → the query terms scored there."""
        return {"title": self.title, "extra": self.extra}

    def weights(self) -> dict[str, float]:
        """Weight of each class for this query.

        A query typed with diacritics says which word the reader means (``bán`` is not ``bàn``):
        terms that only match once folded then count for a quarter.
        """
        folded = 0.25 if self.marked else 1.0
        return {
            CODE_OR_EXACT_PAIR: 1.0,
            FOLDED_PAIR: 0.5 * folded,
            EXACT_WORD: 0.2,
            FOLDED_WORD: 0.2 * folded,
        }


def truncate(value: str) -> str:
    """The query as we search it: cleaned (NUL and controls out), cut at a word boundary."""
    value = " ".join(text.clean(value).split())
    if len(value) <= MAX_QUERY_CHARS:
        return value
    cut = value[:MAX_QUERY_CHARS]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


def _groups(exact: list[str], folded: list[str],
            synonyms: Synonyms | None) -> tuple[Groups, list[str], list[str]]:
    """The match groups, the words kept and the stop words dropped: a span that is a synonym's
    form (longest first) becomes one group of all its class's forms; a stop phrase outside
    such spans is dropped, unless nothing else is left."""
    synonyms = synonyms or {}
    longest = max((len(form) for form in synonyms), default=0)
    groups: Groups = []
    kept: list[str] = []
    spans: set[int] = set()
    i = 0
    plan: list[tuple[int, int, list[tuple[str, ...]]]] = []
    while i < len(folded):
        for size in range(min(longest, len(folded) - i), 0, -1):
            forms = synonyms.get(tuple(folded[i : i + size]))
            if forms:
                plan.append((i, size, list(dict.fromkeys([tuple(folded[i : i + size]), *forms]))))
                spans.update(range(i, i + size))
                i += size
                break
        else:
            i += 1
    stops = _stop_spans(exact) - spans
    if len(stops) == len(folded):
        stops = set()
    expansions = {start: (size, forms) for start, size, forms in plan}
    i = 0
    while i < len(folded):
        if i in expansions:
            size, forms = expansions[i]
            groups.append(forms)
            kept += folded[i : i + size]
            i += size
            continue
        if i not in stops and (folded[i],) not in [g[0] for g in groups if len(g) == 1]:
            groups.append([(folded[i],)])
            kept.append(folded[i])
        i += 1
    dropped = [folded[i] for i in sorted(stops)]
    return groups, _keep(kept), dropped


def parse(query: str, operator: str = "and", phrase: bool = False,
          synonyms: Synonyms | None = None) -> Query:
    """Turn what a visitor typed into the terms to match and to score (``synonyms``: the
    editors' abbreviations, ``search.synonyms.current()``)."""
    value = truncate(query)
    exact = text.search_words(value)[:MAX_QUERY_WORDS]
    exact = [w for w in exact if len(w) <= MAX_TERM_CHARS]
    folded = [text.fold(w) for w in exact]
    marked = text.has_marks(value)
    keys = _keep("_" + key for key in text.code_keys(value))[:MAX_CODE_KEYS]
    pairs = _keep(_pairs(folded))
    exact_terms = _keep([*exact, *_pairs(exact)]) if marked else []
    groups, words, dropped = _groups(exact, folded, synonyms)
    # A synonym's other forms score as the typed one would: their words and pairs.
    alternatives = [list(form) for group in groups if len(group) > 1 for form in group[1:]]
    alt_terms = [t for form in alternatives for t in (*form, *_pairs(form))]
    alt_pairs = [t for form in alternatives for t in _pairs(form)]
    title = [*folded, *pairs, *keys, *exact_terms, *alt_terms]
    return Query(
        text=value,
        words=words,
        groups=groups,
        dropped=dropped,
        title=_keep(title),
        extra=_keep([*pairs, *keys, *exact_terms, *alt_pairs]),
        exact=exact_terms,
        marked=marked,
        codes=keys,
        pairs=pairs,
        phrase=phrase and bool(pairs),
        operator="or" if operator == "or" else "and",
    )

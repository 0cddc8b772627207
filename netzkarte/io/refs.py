"""Reference resolution and edge checks of the importer (see :mod:`netzkarte.io.build`).

A reference cell (Mitglied, Gremium, Von, Zu, Organisation, Anbieter, Ort, Federführung,
Berichtet an, Übergeordnet, Gemeldet von) may hold an ID or the Name of a node. The text is
tried in this order; the first step that decides wins:

1. **ID** – the exact ID (one dict lookup, the fast path), then the ID in other case
   (silent; two IDs that differ only in case are an ``ambiguous-id`` error on the node
   sheets). Text that is not plain ASCII is compared after
   :func:`netzkarte.io.cells.normalise_id` (NFC, invisible characters removed, no-break
   and other spaces as plain ones): warning ``normalised-id`` naming what was changed.
2. **Name** – the name folded with :func:`netzkarte.vocab.fold` (case, dashes, quotes,
   white space, ``ß``/``ss``, umlauts/``ae``), among all nodes. One match: warning
   ``name-reference`` (a node of the wrong type is then reported by the edge check);
   several: error ``ambiguous-reference``.
3. **Name without legal form** – both sides normalised by :func:`name_tokens`: legal forms
   dropped (e.V., e. V., eV, gGmbH, GmbH, mbH, gAG, AG, AöR, KdöR, UG, GbR, KG, eG,
   "Stiftung bürgerlichen Rechts" …), ``Städt.``/``Kath.``/``Ev.``/``Dt.``/``OV``/``KV``
   and the adjective endings spelled out, a leading Der/Die/Das dropped. Only nodes of the
   types the column allows count (a single node of another type is taken, and the edge
   check reports the wrong type). One match: warning ``name-reference``; several: error
   ``ambiguous-reference`` listing them.
4. **Close name** (rapidfuzz) – only nodes of the allowed types, and not when the text looks
   like an ID (:func:`looks_like_id`) and an ID is close (then step 5 with "meinten Sie").
   A candidate qualifies when every word of the text (``am``, ``und`` … aside) is one of
   its words – exactly, or with a typo (word similarity ≥ 80 for words of four or more
   letters; numbers and short words exactly) – and the words match to at least
   :data:`FUZZY_CUTOFF` % (rapidfuzz ratio weighted by word length); a text of one word
   qualifies only against a name of one word. So "Kinderschutzbund Auenberg" finds
   "Deutscher Kinderschutzbund OV Auenberg e.V.", but "Familienzentrum Nord" never means
   "Familienzentrum". The best candidate is taken when it leads the second by
   :data:`FUZZY_MARGIN` points: warning
   ``name-reference`` ("… als „…“ (ID …) gelesen"); otherwise error ``ambiguous-reference``
   listing the candidates.
5. **Unknown** – error ``unknown-reference``. The message calls the text an ID when it
   looks like one ("Die ID „G-99“ gibt es nicht …", suggestions: close IDs) and a Name
   otherwise ("Den Namen „…“ gibt es in keinem Blatt …", suggestions: close names with
   their IDs).

All guessed names share the code ``name-reference``: it is the documented, stable code
for "a name stood where an ID belongs and was resolved"; the message says how the name
was read. Suggestions and close names come from indexes built once per import (names
blocked by word), and every distinct text is matched once. The first :data:`_SCANS`
unknown texts are compared with every ID of the allowed types (rapidfuzz) and with up to
2,000 names; later ones only with the IDs one typo away (an index of the IDs with one
letter deleted) and 100 names. So a workbook full of mistyped IDs costs time in proportion
to its size, not to its size times the number of IDs.

Cells of node sheets that may hold several references (Organisation, Anbieter, Berichtet
an, Übergeordnet) are split at ``;``, ``|`` and line breaks unless the whole text is an ID
or a name. A part (or the whole cell) that is no ID or name is split at ``/`` and ``,``
too – only when every piece is then an ID or a name (steps 1–3), with a ``guessed-value``
warning: "27 / JC" is two providers, "Jugend-, Schul- und Sportamt" stays one name.

Edges are checked against :data:`netzkarte.vocab.EDGE_RULES` before they are added, so the
map only ever holds well-typed edges. A row of *Beziehungen* whose Art does not fit its ends
is read as what it clearly means, with a ``reinterpreted-relation`` warning that says how to
write it (:func:`netzkarte.vocab.edges.reading`): *Trägerschaft* of a Kita is *gehört zu*
from the Kita to its Träger, an offer written before its Träger or funder is turned round.
Where no reading fits, the error names the Art or column meant
(:func:`netzkarte.vocab.edges.endpoint_hint`).

A row without ID gets a generated one (``A-auto-18``) that changes when rows move, so no
message asks to type it: messages name such an entry by name, sheet and row and ask to give
it an ID (``generated``).

>>> what(frozenset({NodeType.COMMITTEE}))
'eines Gremiums aus dem Blatt „Gremien“'
>>> meant(["G-09"])
' (meinten Sie „G-09“?)'
>>> name_tokens("Deutscher Kinderschutzbund OV Auenberg e. V.")
('deutsch', 'kinderschutzbund', 'ortsverband', 'auenberg')
>>> looks_like_id("G-09"), looks_like_id("Netzwerk Frühe Hilfen")
(True, False)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from netzkarte.errors import Issue, IssueCode, Severity
from netzkarte.io.cells import cell_text, normalise_id, split_multi
from netzkarte.io.issues import IssueLog
from netzkarte.model import NetworkMap
from netzkarte.schema import SHEET_ORDER, SHEETS, Column, Sheet
from netzkarte.vocab import EDGE_RULES, ActorForm, EdgeKind, NodeType
from netzkarte.vocab.edges import endpoint_hint, endpoint_problem, reading

__all__ = ["FUZZY_CUTOFF", "FUZZY_MARGIN", "SHEET_OF", "Ref", "References", "join_or",
           "looks_like_id", "meant", "name_tokens", "quote", "what"]

_GENITIVE = {NodeType.ACTOR: "Akteurs", NodeType.OFFICE: "Amts",
             NodeType.COMMITTEE: "Gremiums", NodeType.OFFER: "Angebots"}
SHEET_OF: dict[NodeType, str] = {s.node_type: s.name for s in SHEETS if s.node_type}
"""The sheet that holds each node type."""
_SHEET_INDEX = {name: i for i, name in enumerate(SHEET_ORDER)}
_ROW_SPAN = 10_000_000  # > any Excel row number (1,048,576)
_KEY_SUFFIX = {kind: f"\x00{kind.value}" for kind in EdgeKind}  # of the keys of edges_seen
_RELATIONS = "Beziehungen"  # the sheet whose rows name an Art (reread there only)
_HINTED = (EdgeKind.PROVIDES, EdgeKind.FUNDS, EdgeKind.REFERRAL)

FUZZY_CUTOFF = 90.0
"""Share (in %) of the letters of a text that a close name must contain (step 4)."""
FUZZY_MARGIN = 5.0
"""Points the best close name must lead the second by; else the text is ambiguous."""
_WORD_CUTOFF = 80.0  # rapidfuzz ratio of two words that differ by a typo
_ID_CUTOFF = 60.0  # "meinten Sie" for IDs (the cutoff difflib used before)
_NAME_CUTOFF = 60.0  # "meinten Sie" for names (token_set_ratio)
_SUGGESTION_POOL = 2000  # names scored for a "meinten Sie" at most
_SCANS = 500  # unknown texts per import compared with every ID (or the full name pool)
_LATE_POOL = 100  # names scored for a "meinten Sie" once the scans are used up
_LISTED = 5  # candidates named in an ambiguity message
_BLOCK_SMALL = 200  # names sharing the rarest word scored without narrowing further

_WORD = re.compile(r"[0-9a-z]+")
_DIGIT_GAP = re.compile(r"(?<=[0-9]) (?=[0-9])")  # two numbers that stay apart in a name
_SPLIT_MORE = re.compile(r"\s*[/,]\s*")
_SEPARATOR = re.compile(r"[;|\r\n/,]")
_FREE_TEXT_REFS: dict[str, str] = {
    "venue": "das Angebot hat keinen Ort",
    "organisation": "der Eintrag gehört zu keiner Organisation",
    "lead": "das Gremium hat in der Karte keine Federführung",
    "reports_to": "das Gremium berichtet in der Karte an niemanden",
    "parent": "das Amt hat in der Karte keine übergeordnete Stelle",
    "reported_by": "die Beziehung gilt als von niemandem gemeldet",
}
"""Optional reference columns (Ort, Organisation, Federführung, Berichtet an, Übergeordnet,
and Gemeldet von of Beziehungen) where a text that names no entry and does not look like an ID
is a place, a Träger or a body without a row of its own: kept as typed, with a warning
(:meth:`References.free_text`) saying what it does not do (the value)."""
# words a close name may lack ("Kita Park" for "Kita am Park")
_FILLER = frozenset({"am", "an", "auf", "bei", "beim", "das", "dem", "den", "der", "des",
                     "die", "fuer", "im", "in", "mit", "u", "und", "vom", "von", "zu", "zum",
                     "zur"})
_ARTICLES = ("der", "die", "das")
# legal forms dropped wherever they stand (longest first, see _drop_legal)
_LEGAL_ANYWHERE: tuple[tuple[str, ...], ...] = (
    ("koerperschaft", "des", "oeffentlichen", "rechts"),
    ("anstalt", "des", "oeffentlichen", "rechts"),
    ("stiftung", "des", "buergerlichen", "rechts"),
    ("stiftung", "des", "oeffentlichen", "rechts"),
    ("stiftung", "buergerlichen", "rechts"), ("stiftung", "oeffentlichen", "rechts"),
    ("des", "buergerlichen", "rechts"), ("des", "oeffentlichen", "rechts"),
    ("mit", "beschraenkter", "haftung"), ("ug", "haftungsbeschraenkt"),
    ("buergerlichen", "rechts"), ("oeffentlichen", "rechts"), ("eingetragener", "verein"),
    ("gemeinnuetzige", "gmbh"), ("e", "v"), ("ggmbh",), ("gmbh",), ("mbh",), ("gag",),
    ("aoer",), ("kdoer",), ("gug",), ("haftungsbeschraenkt",),
)
_LEGAL_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _form in _LEGAL_ANYWHERE:
    _LEGAL_BY_FIRST.setdefault(_form[0], []).append(_form)
# legal forms that are also ordinary words (AG: Arbeitsgruppe; Ev.: evangelisch) count
# only at the end of a name
_LEGAL_AT_END = frozenset({"ag", "co", "eg", "ev", "gbr", "kg", "ohg", "ug"})
_SPELLED: dict[str, str] = {"evang": "evangelisch", "kath": "katholisch",
                            "staedt": "staedtisch", "dt": "deutsch", "luth": "lutherisch",
                            "ov": "ortsverband", "kv": "kreisverband", "sankt": "st"}
_SPELLED.update({stem + ending: stem
                 for stem in ("evangelisch", "katholisch", "staedtisch", "deutsch",
                              "lutherisch")
                 for ending in ("e", "em", "en", "er", "es")})
_SPECIAL = frozenset({*_LEGAL_BY_FIRST, *_LEGAL_AT_END, *_SPELLED, *_ARTICLES})


def join_or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} oder {items[-1]}"


def _join_and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} und {items[-1]}"


def quote(text: object) -> str:
    return f"„{text}“"


def meant(options: list[str]) -> str:
    return f" (meinten Sie {join_or([quote(o) for o in options])}?)" if options else ""


@functools.cache
def what(types: frozenset[NodeType]) -> str:
    """``"eines Gremiums aus dem Blatt „Gremien“"`` for the allowed reference types (cached:
    every unknown reference names them)."""
    ordered = [t for t in NodeType if t in types]
    sheets = [quote(SHEET_OF[t]) for t in ordered]
    where = f"dem Blatt {sheets[0]}" if len(sheets) == 1 else f"den Blättern {join_or(sheets)}"
    return f"eines {join_or([_GENITIVE[t] for t in ordered])} aus {where}"


def _words(text: str) -> list[str]:
    """Lower-case ASCII words: umlauts as ae/oe/ue, ß as ss, accents dropped."""
    if text.isascii():  # nothing to normalise but the case
        return _WORD.findall(text.lower())
    # (casefold() turns ß into ss; str.replace is several times faster than translate())
    s = unicodedata.normalize("NFKC", text).casefold().replace("ä", "ae").replace(
        "ö", "oe").replace("ü", "ue")
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s)
                    if not unicodedata.combining(c))
    return _WORD.findall(s)


def _name_key(words: list[str]) -> str:
    """The words joined as :func:`~netzkarte.vocab.fold` joins them, except that two numbers
    stay apart: „Altstadt 2 3“ and „Altstadt 23“ are two names, „Kita-Nord 2“ and
    „Kita Nord2“ one.

    >>> _name_key(["altstadt", "2", "3"]) != _name_key(["altstadt", "23"])
    True
    >>> _name_key(["kita", "nord", "2"]) == _name_key(["kitanord2"])
    True
    """
    spaced = " ".join(words)
    if not _DIGIT_GAP.search(spaced):  # most names: no two numbers side by side
        return spaced.replace(" ", "")
    return _DIGIT_GAP.sub("\x00", spaced).replace(" ", "").replace("\x00", " ")


def _drop_legal(words: list[str]) -> list[str]:
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        for form in _LEGAL_BY_FIRST.get(words[i], ()):
            if tuple(words[i:i + len(form)]) == form:
                i += len(form)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name with legal forms dropped and common abbreviations spelled out.

    Used for both sides of steps 3 and 4: the names on the sheets and the text of a
    reference cell. A name that is nothing but a legal form keeps its words.

    >>> name_tokens("Städt. Kita „Die Arche“ gGmbH")
    ('staedtisch', 'kita', 'die', 'arche')
    >>> name_tokens("Die Ev. Familienbildung e.V.") == name_tokens("Evangelische Familienbildung")
    True
    >>> name_tokens("Frühe Hilfen AG"), name_tokens("AG Frühe Hilfen")
    (('fruehe', 'hilfen'), ('ag', 'fruehe', 'hilfen'))
    """
    return _tokens(_words(name))


def _tokens(words: list[str]) -> tuple[str, ...]:
    """:func:`name_tokens` of the :func:`_words` of a name."""
    if _SPECIAL.isdisjoint(words):  # most names: nothing to drop or spell out
        return tuple(words)
    kept = _drop_legal(words)
    last = len(kept) - 1
    out = ["evangelisch" if w == "ev" and i < last else _SPELLED.get(w, w)
           for i, w in enumerate(kept)]
    while len(out) > 1 and out[-1] in _LEGAL_AT_END:
        out.pop()
    if len(out) > 1 and out[0] in _ARTICLES:
        del out[0]
    return tuple(out) or tuple(words)


def looks_like_id(text: str) -> bool:
    """Is this text written like an ID (short, no spaces; digits, capitals or ≤ 3 chars)?

    >>> [looks_like_id(t) for t in ("A-17", "NOPE", "jc", "Jugendamtt", "Haus 3")]
    [True, True, True, False, False]
    """
    if len(text) > 20 or any(c.isspace() for c in text):
        return False
    return len(text) <= 3 or text.upper() == text or any(c.isdigit() for c in text)


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _containment(query: list[str], name: tuple[str, ...]) -> float:
    """How much of the query (in % of its letters) the name contains, word by word.

    0 when a word of the query is missing from the name (a typo is allowed in words of
    four or more letters, not in numbers), or when a one-word query meets a longer name.
    """
    rest = [w for w in name if w not in _FILLER]
    if len(query) == 1 and len(rest) != 1:
        return 0.0
    typos: list[str] = []
    for word in query:
        if word in rest:
            rest.remove(word)
        else:
            typos.append(word)
    total = sum(len(w) for w in query)
    got = float(total - sum(len(w) for w in typos))
    for word in typos:
        if len(word) < 4 or _has_digit(word):
            return 0.0
        best, at = 0.0, -1
        for i, other in enumerate(rest):
            if len(other) >= 4 and not _has_digit(other):
                score = fuzz.ratio(word, other, score_cutoff=_WORD_CUTOFF)
                if score > best:
                    best, at = score, i
        if at < 0:
            return 0.0
        got += len(word) * best / 100
        del rest[at]
    return 100.0 * got / total


def _deletions(key: str) -> set[str]:
    """The key and every spelling of it with one character left out."""
    return {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}


def _deletion_index(keys: list[str]) -> dict[int, int | list[int]]:
    """Positions of the keys by the hash of each of their :func:`_deletions`.

    Two spellings one typo apart share a deletion. Hashes instead of the strings keep the
    index small; a collision only adds a candidate, which is scored anyway.
    """
    index: dict[int, int | list[int]] = {}
    for i, key in enumerate(keys):
        for variant in _deletions(key):
            h = hash(variant)
            hit = index.get(h)
            if hit is None:
                index[h] = i
            elif isinstance(hit, list):
                hit.append(i)
            else:
                index[h] = [hit, i]
    return index


class _NameIndex:
    """Normalised names of all nodes (:func:`name_tokens`), by key and by word.

    Built from the :func:`_words` of each node's name (see :meth:`References.name_words`).
    """

    def __init__(self, name_words: dict[str, list[str]]) -> None:
        self.words: dict[str, tuple[str, ...]] = {}
        self.by_key: dict[str, list[str]] = {}
        self.postings: dict[str, list[str]] = {}
        for nid, plain in name_words.items():
            words = _tokens(plain)
            self.words[nid] = words
            self.by_key.setdefault(" ".join(words), []).append(nid)
            for word in dict.fromkeys(words):
                self.postings.setdefault(word, []).append(nid)
        self.vocabulary = list(self.postings)
        self._close: dict[str, list[str]] = {}

    def close_words(self, word: str) -> list[str]:
        """The word if some name has it, else the known words one typo away."""
        if word in self.postings:
            return [word]
        if len(word) < 4 or _has_digit(word):
            return []
        found = self._close.get(word)
        if found is None:
            found = [w for w, _, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=_WORD_CUTOFF, limit=8)
                if len(w) >= 4 and not _has_digit(w)]
            self._close[word] = found
        return found


@dataclass(frozen=True, slots=True)
class _Match:
    """How a reference text reads.

    ``how``: ``id``, ``name`` (step 2), ``legal`` (step 3), ``close`` (step 4),
    ``ambiguous`` or ``unknown``. ``nids``: the node, the candidates or the suggestions.
    """

    how: str
    nids: tuple[str, ...] = ()
    same_name: bool = False  # ambiguous: several nodes carry exactly this name
    id_like: bool = False  # unknown: the text looks like an ID
    close_ids: bool = False  # unknown: the suggestions are IDs (not names)


Ref = tuple[Sheet, Column, int, str, object]
"""A reference cell waiting for all nodes to exist: sheet, column, row, node id, raw value."""


class References:
    """The node index of one import: every reference cell is resolved here, and every
    edge is checked and added here.

    The builder (:mod:`netzkarte.io.build`) fills ``origin``, ``rows`` and ``names`` as it
    adds nodes to ``network``, and hands over the reference cells of node sheets in
    ``pending`` (:meth:`column_refs` reads them once every node exists). ``log`` receives
    the issues: ``self.error`` and ``self.warn`` are its methods. ``tracked``: edge kinds
    whose edges are listed as they are added, for the cycle check after the build.
    """

    def __init__(self, log: IssueLog, network: NetworkMap,
                 tracked: Iterable[EdgeKind] = ()) -> None:
        self.map = network
        self.error, self.warn = log.error, log.warn
        self.issues = log.issues
        # node id -> type and Excel row (the sheet follows from the type); plain dicts keep
        # the garbage collector's work small
        self.origin: dict[str, NodeType] = {}
        self.rows: dict[str, int] = {}
        self.names: dict[str, str] = {}
        # IDs the builder made up for rows without one (they change when rows move)
        self.generated: set[str] = set()
        self._index: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None
        self._name_index: _NameIndex | None = None
        self._name_words: dict[str, list[str]] | None = None
        self._ids: dict[frozenset[NodeType], tuple[list[str], list[str]]] = {}
        self._neighbours: dict[frozenset[NodeType], dict[int, int | list[int]]] = {}
        self._scans = 0  # full "meinten Sie" scans done (see close_ids)
        self._matches: dict[tuple[str, frozenset[NodeType]], _Match] = {}
        self._exact: dict[tuple[str, frozenset[NodeType]], _Match | None] = {}
        # what resolve() returns and reports for a text: the same for every row it stands in
        self._resolved: dict[tuple[str, frozenset[NodeType]],
                             tuple[str | None, tuple[IssueCode, str, Severity] | None]] = {}
        self.pending: list[Ref] = []  # reference cells of node sheets (column_refs)
        # "source\x00target\x00kind" -> sheet index * _ROW_SPAN + row: strings and ints are
        # not tracked by the garbage collector, tuples would be
        self.edges_seen: dict[str, int] = {}
        # edges of these kinds as they are added, for checks after the build (cycles)
        self.tracked: dict[EdgeKind, list[tuple[str, str]]] = {kind: [] for kind in tracked}

    # --- indexes (built on the first reference that is no exact ID; references are
    # resolved only after every node exists) ---------------------------------------------

    def indexes(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """IDs by case-folded spelling and names by :func:`~netzkarte.vocab.fold` key."""
        if self._index is None:
            by_id: dict[str, list[str]] = {}
            by_name: dict[str, list[str]] = {}
            for nid in self.origin:
                by_id.setdefault(nid.casefold(), []).append(nid)
            for nid, words in self.name_words().items():
                key = _name_key(words)  # ~ fold(name), numbers kept apart
                if key:
                    by_name.setdefault(key, []).append(nid)
            self._index = by_id, by_name
        return self._index

    def name_words(self) -> dict[str, list[str]]:
        """:func:`_words` of every node's name, computed once for both name indexes."""
        if self._name_words is None:
            self._name_words = {nid: _words(name) for nid, name in self.names.items()}
        return self._name_words

    def name_index(self) -> _NameIndex:
        """Names without legal forms and their words (steps 3 and 4)."""
        if self._name_index is None:
            self._name_index = _NameIndex(self.name_words())
        return self._name_index

    def id_index(self, types: frozenset[NodeType]) -> tuple[list[str], list[str]]:
        """Case-folded IDs of the allowed types and the IDs themselves, same order."""
        found = self._ids.get(types)
        if found is None:
            nids = [nid for nid, t in self.origin.items() if t in types]
            found = [nid.casefold() for nid in nids], nids
            self._ids[types] = found
        return found

    # --- matching -------------------------------------------------------------------------

    def exact(self, text: str, types: frozenset[NodeType]) -> _Match | None:
        """Steps 1–3: an ID, a folded name or a name without legal form; ``None`` if not.

        Cached per (text, types), like :meth:`match`.
        """
        if text in self.origin:
            return _Match("id", (text,))
        key = (text, types)
        if key in self._exact:
            return self._exact[key]
        found = self._exact[key] = self._exact_match(text, types)
        return found

    def _exact_match(self, text: str, types: frozenset[NodeType]) -> _Match | None:
        by_id, by_name = self.indexes()
        same = by_id.get(text.casefold(), [])
        if len(same) == 1:
            return _Match("id", (same[0],))
        words = _words(text)
        key = _name_key(words)  # ~ fold(text), numbers kept apart
        named = by_name.get(key, []) if key else []
        fitting = [n for n in named if self.origin[n] in types]
        if len(named) > 1 and len(fitting) != 1:
            return _Match("ambiguous", tuple(named), same_name=True)
        if named:
            return _Match("name", (fitting[0] if fitting else named[0],))
        origin = self.origin
        legal = self.name_index().by_key.get(" ".join(_tokens(words)), [])
        fitting = [n for n in legal if origin[n] in types]
        if len(fitting) > 1:
            return _Match("ambiguous", tuple(fitting))
        if fitting or len(legal) == 1:  # a node of another type: the edge check says so
            return _Match("legal", ((fitting or legal)[0],))
        return None

    def match(self, text: str, types: frozenset[NodeType]) -> _Match:
        """How a reference text reads (steps 1–5 of the module docs); cached per text."""
        key = (text, types)
        found = self._matches.get(key)
        if found is None:
            found = self.exact(text, types) or self.guess(text, types)
            self._matches[key] = found
        return found

    def guess(self, text: str, types: frozenset[NodeType]) -> _Match:
        """Steps 4 and 5: a unique close name, else candidates or suggestions."""
        query = name_tokens(text)
        id_like = looks_like_id(text)
        ids: list[str] = []
        if id_like:
            ids = self.close_ids(text.casefold(), types)
        if ids:  # a mistyped ID: never read as a name
            return _Match("unknown", tuple(ids), id_like=True, close_ids=True)
        close = self.close_names(query, types)
        if close:
            best = close[0][0]
            if len(close) == 1 or best - close[1][0] >= FUZZY_MARGIN:
                return _Match("close", (close[0][1],))
            return _Match("ambiguous", tuple(n for s, n in close if best - s < FUZZY_MARGIN))
        return _Match("unknown", tuple(self.suggest_names(query, types)), id_like=id_like)

    def close_ids(self, key: str, types: frozenset[NodeType]) -> list[str]:
        """Up to two IDs of the allowed types spelled like ``key`` (case-folded), for a
        "meinten Sie".

        The first :data:`_SCANS` unknown texts of an import are compared with every ID
        (rapidfuzz, ratio ≥ 60); after that only IDs one typo away (a letter missing, added,
        replaced or two swapped) are found, from an index of the IDs with one letter
        deleted. A workbook full of mistyped IDs so costs time in proportion to its size,
        not to its size times the number of IDs.

        A text of digits only gets none: among numbered IDs „2“ or „6“ for „26“ is noise.
        """
        if key.isdigit():
            return []
        keys, nids = self.id_index(types)
        if self._scans < _SCANS:
            self._scans += 1
            return [nids[i] for _, _, i in process.extract(
                key, keys, scorer=fuzz.ratio, score_cutoff=_ID_CUTOFF, limit=2)]
        index = self._neighbours.get(types)
        if index is None:
            index = self._neighbours[types] = _deletion_index(keys)
        found: dict[int, None] = {}
        for variant in _deletions(key):
            hit = index.get(hash(variant))
            if hit is not None:
                found.update(dict.fromkeys(hit if isinstance(hit, list) else (hit,)))
        candidates = sorted(found)
        return [nids[candidates[j]] for _, _, j in process.extract(
            key, [keys[i] for i in candidates], scorer=fuzz.ratio, score_cutoff=_ID_CUTOFF,
            limit=2)]

    def close_names(self, query: tuple[str, ...], types: frozenset[NodeType]
                    ) -> list[tuple[float, str]]:
        """Nodes of the allowed types whose name contains the query (best first).

        Every word has to be found, so only names holding the two rarest words of the
        query (or typos of them) are scored.
        """
        words = [w for w in query if w not in _FILLER]
        if not words:
            return []
        index = self.name_index()
        postings = index.postings
        blocks = sorted(([postings[w] for w in index.close_words(word)] for word in words),
                        key=lambda lists: sum(map(len, lists)))
        if not blocks[0]:
            return []
        pool: set[str] = set().union(*blocks[0])
        if len(blocks) > 1 and len(pool) > _BLOCK_SMALL:
            pool.intersection_update(set().union(*blocks[1]))
        origin, names = self.origin, index.words
        found: list[tuple[float, str]] = []
        for nid in pool:
            if origin[nid] in types:
                score = _containment(words, names[nid])
                if score >= FUZZY_CUTOFF:
                    found.append((score, nid))
        found.sort(key=lambda f: (-f[0], f[1]))
        return found

    def suggest_names(self, query: tuple[str, ...], types: frozenset[NodeType]) -> list[str]:
        """Up to two nodes of the allowed types with a similar name ("meinten Sie")."""
        index = self.name_index()
        words = [w for w in query if w not in _FILLER] or list(query)
        postings = sorted((index.postings[w] for q in words for w in index.close_words(q)),
                          key=len)
        pool: dict[str, str] = {}
        origin = self.origin
        self._scans += 1  # past the scans, a smaller pool keeps every lookup cheap
        limit = _SUGGESTION_POOL if self._scans <= _SCANS else _LATE_POOL
        for posting in postings:
            for nid in posting:
                if len(pool) >= limit:
                    break
                if nid not in pool and origin[nid] in types:
                    pool[nid] = " ".join(index.words[nid])
        if not pool:
            return []
        found = process.extract(" ".join(query), pool, scorer=fuzz.token_set_ratio,
                                score_cutoff=_NAME_CUTOFF, limit=2)
        return [nid for _, _, nid in found]

    # --- references -----------------------------------------------------------------------

    def _where(self, nid: str) -> str:
        """``Blatt „Akteure“, Zeile 18``: where a node's row is."""
        return f"Blatt {quote(SHEET_OF[self.origin[nid]])}, Zeile {self.rows[nid]}"

    def _named(self, nid: str) -> str:
        """``„Kita Nord“ (ID „K-1“)``; a row without ID by its sheet and row instead."""
        if nid in self.generated:
            return f"{quote(self.names.get(nid, nid))} ({self._where(nid)}, ohne ID)"
        return f"{quote(self.names.get(nid, nid))} (ID {quote(nid)})"

    def shown(self, nid: str) -> str:
        """How a message names a node: its ID in quotes, or a row without ID by
        :meth:`_named` (a generated ID changes when rows move)."""
        return self._named(nid) if nid in self.generated else quote(nid)

    def _typed(self, nid: str) -> str:
        """What to type in a cell to mean this node: its ID, else (no ID yet) its name."""
        return quote(self.names.get(nid, nid)) if nid in self.generated else quote(nid)

    def _use_id(self, nid: str) -> str:
        """The advice after a name was read as this node."""
        if nid in self.generated:
            return (f"Der Eintrag hat noch keine ID: Tragen Sie im {self._where(nid)}, eine "
                    "ein und verwenden Sie sie hier.")
        return f"Tragen Sie besser die ID {quote(nid)} ein."

    def _no_ids(self, nids: Iterable[str]) -> str:
        """`` Geben Sie „…“ eine eigene ID …`` for the nodes without ID among ``nids``."""
        missing = [quote(self.names.get(n, n)) for n in dict.fromkeys(nids)
                   if n in self.generated]
        if not missing:
            return ""
        each = " je" if len(missing) > 1 else ""
        return (f" Tragen Sie für {_join_and(missing)}{each} eine eigene ID ein und verwenden "
                f"Sie {'diese' if each else 'sie'} hier.")

    def resolve(self, raw: object, types: frozenset[NodeType], sheet: str, row: int,
                column: str) -> str | None:
        """The node id a reference cell means, or ``None`` after reporting why not.

        Each distinct text is read once per set of allowed types: every further row with
        the same text gets the same node and the same issue (with its own row).
        """
        text = raw.strip() if isinstance(raw, str) else cell_text(raw)
        if text is None:
            return None
        if text in self.origin:
            return text
        changes: list[str] = []
        if not text.isascii():  # invisible characters, odd spaces, decomposed letters
            clean, changes = normalise_id(text)
            if clean and changes:
                text = clean
                if text in self.origin:
                    self.normalised(raw, text, changes, sheet, row, column)
                    return text
        done = self._resolved.get((text, types))
        if done is None:
            done = self._resolved[text, types] = self._resolution(text, types)
        nid, issue = done
        if issue is not None:
            code, message, severity = issue
            self.issues.append(Issue(code, message, sheet, row, column, raw, severity))
        elif changes and nid is not None:  # an ID, once the invisible characters are gone
            self.normalised(raw, nid, changes, sheet, row, column)
        return nid

    def _resolution(self, text: str, types: frozenset[NodeType]
                    ) -> tuple[str | None, tuple[IssueCode, str, Severity] | None]:
        """The node a reference text means and the issue (code, message, severity) it
        raises: :meth:`resolve` without row and column."""
        m = self.match(text, types)
        if m.how == "id":
            return m.nids[0], None
        if m.how == "name":
            nid = m.nids[0]
            name = self.names[nid]
            sheet_of = quote(SHEET_OF[self.origin[nid]])
            if nid in self.generated:
                spelled = "" if name == text else f" ({quote(name)})"
                return nid, (IssueCode.NAME_REFERENCE,
                             f"{quote(text)} ist keine ID, sondern der Name des Eintrags im "
                             f"{self._where(nid)}{spelled}; dieser Eintrag wird verwendet. "
                             "Er hat noch keine ID: Tragen Sie dort eine ein und verwenden Sie "
                             "sie hier.", "warning")
            spelled = "" if name == text else f" (im Blatt {sheet_of}: {quote(name)})"
            return nid, (IssueCode.NAME_REFERENCE,
                         f"{quote(text)} ist keine ID, sondern der Name von "
                         f"{quote(nid)}{spelled}; diese ID wird verwendet. "
                         f"{self._use_id(nid)}", "warning")
        if m.how in ("legal", "close"):
            nid = m.nids[0]
            return nid, (IssueCode.NAME_REFERENCE, f"{quote(text)} als {self._named(nid)} gelesen. "
                         f"{self._use_id(nid)}", "warning")
        if m.how == "ambiguous":
            if m.same_name:
                rows = [self._where(n) if n in self.generated else n for n in m.nids]
                sep = "; " if self.generated.intersection(m.nids) else ", "
                listing = f"so heißen {len(m.nids)} Einträge ({sep.join(rows)})"
            else:
                shown = [self._named(n) for n in m.nids[:_LISTED]]
                more = len(m.nids) - len(shown)
                listing = "gemeint sein können " + (
                    f"{', '.join(shown)} und {more} weitere" if more else join_or(shown))
            first = (" (einem Eintrag ohne ID geben Sie zuerst eine)"
                     if self.generated.intersection(m.nids) else "")
            return None, (IssueCode.AMBIGUOUS_REFERENCE, f"{quote(text)} ist nicht eindeutig: "
                          f"{listing}. Tragen Sie statt des Namens die ID ein{first}.", "error")
        names = (f" Meinten Sie {join_or([self._named(n) for n in m.nids])}?"
                 if m.nids and not m.close_ids else "")
        if m.id_like:
            close = ""
            if m.close_ids:
                close = f" (meinten Sie {join_or([self.shown(n) for n in m.nids])}?)"
            return None, (IssueCode.UNKNOWN_REFERENCE,
                          f"Die ID {quote(text)} gibt es nicht.{names} "
                          f"Tragen Sie die ID {what(types)} ein{close}.", "error")
        return None, (IssueCode.UNKNOWN_REFERENCE, f"Den Namen {quote(text)} gibt es in keinem "
                      f"Blatt.{names} Tragen Sie die ID {what(types)} ein oder legen Sie den "
                      "Eintrag dort an.", "error")

    def normalised(self, raw: object, nid: str, changes: list[str], sheet: str, row: int,
                   column: str) -> None:
        self.warn(IssueCode.NORMALISED_ID,
                  f"Der Verweis {quote(raw)} enthält Zeichen, die man nicht "
                  f"sieht: {'; '.join(changes)}. Gelesen als ID {quote(nid)}. Tragen Sie die "
                  "ID neu ein (tippen, nicht kopieren), damit sie überall gleich geschrieben "
                  "ist.", sheet, row, column,
                  raw)

    def settles(self, text: str, types: frozenset[NodeType], *, unique: bool = True) -> bool:
        """Is the text an ID or a name (steps 1–3)? With ``unique=False`` an ambiguous name
        counts too."""
        m = self.exact(text, types)
        return m is not None and (m.how != "ambiguous" or not unique)

    def cell_refs(self, value: object, types: frozenset[NodeType], sheet: str, row: int,
                  column: str) -> list[object]:
        """The references in one cell of a column that may hold several (module docs)."""
        if not isinstance(value, str) or not _SEPARATOR.search(value):
            return [value]
        text = value.strip()
        if self.settles(text, types, unique=False):
            return [value]  # a name that itself contains a separator
        parts = split_multi(text)
        out: list[object] = []
        for part in parts:
            pieces = [p for p in _SPLIT_MORE.split(part) if p] if (
                "/" in part or "," in part) else []
            if (len(pieces) > 1 and (len(parts) == 1 or not self.settles(part, types,
                                                                        unique=False))
                    and all(self.settles(p, types) for p in pieces)):
                self.warn(IssueCode.GUESSED_VALUE,
                          f"{quote(part)} wurde als {len(pieces)} Einträge "
                          f"gelesen: {_join_and([quote(p) for p in pieces])}. Trennen Sie "
                          "mehrere Einträge besser mit „;“.", sheet, row, column, part)
                out.extend(pieces)
            else:
                out.append(part)
        return out

    def wrong_type(self, nid: str, types: frozenset[NodeType], sheet: str, row: int,
                   column: str, raw: object, problem: str | None = None,
                   fix: str | None = None) -> None:
        """Error: the reference names a node of a type the column (or Art) does not allow.
        ``fix`` replaces the plain advice to enter the ID of an allowed type."""
        ntype = self.origin[nid]
        reason = f"{problem} " if problem else ""
        who = (f"{self._named(nid)} ist ein {ntype.label}." if nid in self.generated
               else f"{quote(nid)} ist ein {ntype.label} ({self.map.name(nid)}).")
        advice = fix or f"Tragen Sie hier die ID {what(types)} ein."
        self.error(IssueCode.WRONG_REFERENCE_TYPE, f"{who} {reason}{advice}", sheet, row,
                   column, raw)

    def reread(self, source: str, target: str, kind: EdgeKind
               ) -> tuple[EdgeKind, bool, str, str] | None:
        """How a relation whose Art does not fit its ends clearly reads
        (:func:`~netzkarte.vocab.edges.reading`): ``(kind, swapped, said, advice)`` –
        ``said`` tells in German what was read, ``advice`` how to write it – or ``None``
        when no reading fits."""
        s, t = self.map.graph.nodes[source], self.map.graph.nodes[target]
        if (kind is EdgeKind.MEMBER and s["type"] is NodeType.ACTOR
                and s.get("form") is ActorForm.PERSON and t["type"] is NodeType.ACTOR
                and endpoint_problem(EdgeKind.BELONGS_TO, s["type"], t["type"], s.get("form"),
                                     t.get("form")) is None):
            said = (f"Mitglied verbindet mit einem Gremium; {self._named(target)} ist kein "
                    f"Gremium, sondern ein Akteur. Gelesen als: {self._named(source)} gehört "
                    f"zu {self._named(target)}.")
            advice = (f"Tragen Sie künftig {self._typed(target)} im Blatt „Akteure“, Zeile "
                      f"{self.rows[source]}, in der Spalte „Organisation“ ein – oder eine "
                      f"Zeile mit Art „gehört zu“.")
            return EdgeKind.BELONGS_TO, False, said, advice + self._no_ids((source, target))
        found = reading(kind, s["type"], t["type"], s.get("form"), t.get("form"))
        if found is None:
            return None
        new, swapped = found
        u, v = (target, source) if swapped else (source, target)
        if new is EdgeKind.BELONGS_TO:
            sheet, column = (("Ämter", "Übergeordnet") if self.origin[u] is NodeType.OFFICE
                             else ("Akteure", "Organisation"))
            said = ("Trägerschaft verbindet einen Träger („Von“) mit einem Angebot („Zu“); "
                    f"hier steht kein Angebot. Gelesen als: {self._named(u)} gehört zu "
                    f"{self._named(v)}.")
            advice = (f"Tragen Sie künftig {self._typed(v)} im Blatt {quote(sheet)}, Zeile "
                      f"{self.rows[u]}, in der Spalte {quote(column)} ein – oder eine Zeile "
                      f"mit Art „gehört zu“, Von {self._typed(u)}, Zu {self._typed(v)}.")
        elif kind is EdgeKind.PROVIDES:
            said = ("Trägerschaft führt vom Träger („Von“) zum Angebot („Zu“); hier stehen "
                    f"beide umgekehrt. Gelesen als: {self._named(u)} ist Träger von "
                    f"{self._named(v)}.")
            advice = (f"Tragen Sie künftig {self._typed(u)} im Blatt „Angebote“, Zeile "
                      f"{self.rows[v]}, in der Spalte „Anbieter“ ein – oder den Träger in "
                      "„Von“ und das Angebot in „Zu“.")
        else:
            said = ("Finanzierung führt vom Geldgeber („Von“) zu dem, was er finanziert "
                    f"(„Zu“); hier stehen beide umgekehrt. Gelesen als: {self._named(u)} "
                    f"finanziert {self._named(v)}.")
            advice = "Tragen Sie künftig den Geldgeber in „Von“ ein und in „Zu“, was er finanziert."
        return new, swapped, said, advice + self._no_ids((u, v))

    def edge(self, source: str, target: str, kind: EdgeKind, sheet: str, row: int,
             columns: tuple[str, str], raws: tuple[object, object],
             attrs: dict[str, Any] | None = None, extra: dict[str, Any] | None = None) -> None:
        """Check and add one edge; ``columns`` name the cells of source and target."""
        if source == target:
            self.error(IssueCode.SELF_LOOP,
                       f"{self.shown(source)} ist mit sich selbst verbunden. Tragen "
                       f"Sie in {quote(columns[1])} einen anderen Eintrag ein oder löschen Sie "
                       "die Angabe.", sheet, row, columns[1], raws[1])
            return
        origin = self.origin
        rule = EDGE_RULES[kind]
        reread = None
        if (sheet == _RELATIONS and (origin[source] not in rule.sources
                                     or origin[target] not in rule.targets)):
            reread = self.reread(source, target, kind)
            if reread is not None:
                art = kind.label
                kind, swapped, said, advice = reread
                rule = EDGE_RULES[kind]
                if swapped:
                    source, target = target, source
                    columns, raws = (columns[1], columns[0]), (raws[1], raws[0])
        suffix = _KEY_SUFFIX[kind]
        key = f"{source}\x00{target}{suffix}"
        seen = self.edges_seen.get(key)
        if seen is None and not rule.directed:
            seen = self.edges_seen.get(f"{target}\x00{source}{suffix}")
        if reread is not None:  # one warning: what was read, and that it is there already
            if seen is not None:
                advice = (f"Das steht schon in Blatt {quote(SHEET_ORDER[seen // _ROW_SPAN])}, "
                          f"Zeile {seen % _ROW_SPAN}; diese Angabe wird deshalb übergangen. "
                          "Löschen Sie die Zeile hier.")
            self.warn(IssueCode.REINTERPRETED_RELATION, f"{said} {advice}", sheet, row, "Art",
                      art)
        if seen is not None:
            if reread is not None:
                return
            first_sheet, first_row = SHEET_ORDER[seen // _ROW_SPAN], seen % _ROW_SPAN
            self.warn(IssueCode.DUPLICATE_EDGE, f"Die Beziehung „{kind.label}“ zwischen "
                      f"{self.shown(source)} und {self.shown(target)} steht schon in Blatt "
                      f"{quote(first_sheet)}, Zeile {first_row}; diese Angabe wird "
                      "übergangen. Löschen Sie die doppelte Zeile.", sheet, row, columns[1],
                      raws[1])
            return
        if (kind is EdgeKind.BELONGS_TO or origin[source] not in rule.sources
                or origin[target] not in rule.targets):
            problem = self.map.endpoint_problem(source, target, kind)
            if problem:
                bad_source = origin[source] not in rule.sources
                at = 0 if bad_source else 1
                fix = None
                if kind in _HINTED:
                    s, t = self.map.graph.nodes[source], self.map.graph.nodes[target]
                    fix = endpoint_hint(kind, s["type"], t["type"], s.get("form"),
                                        t.get("form"))
                self.wrong_type((source, target)[at],
                                rule.sources if bad_source else rule.targets,
                                sheet, row, columns[at], raws[at], problem, fix)
                return
        self.edges_seen[key] = _SHEET_INDEX[sheet] * _ROW_SPAN + row
        if kind in self.tracked:
            self.tracked[kind].append((source, target))
        if attrs:
            attrs["kind"] = kind
            attrs["extra"] = extra or {}
            self.map._add_typed_edge(source, target, attrs)  # checked above
        else:
            self.map._add_typed_edge(source, target, {"kind": kind, "extra": extra or {}})

    def free_reference(self, raw: object, col: Column) -> tuple[str, str, tuple[str, ...]] | None:
        """``(typed, text, close nodes)`` when ``raw`` in an optional reference cell is text
        that names no entry and does not look like an ID (a place „Rathaus“, a Träger or a
        reporter „Amt 51“ without a row), else ``None``: a mistyped ID stays an error."""
        if not isinstance(raw, str) or not raw.strip():
            return None
        text = typed = raw.strip()
        if not text.isascii():
            clean, _ = normalise_id(text)
            if not clean or clean in self.origin:
                return None
            text = clean
        if looks_like_id(text):
            return None
        m = self.match(text, col.ref_types)
        if m.how != "unknown" or m.id_like:
            return None
        return typed, text, m.nids

    def free_text_warning(self, text: str, nids: tuple[str, ...], col: Column, sheet: str,
                          row: int, raw: object, rows: int = 1) -> None:
        """The warning for a free text kept in ``col``: what it does not do and how to make
        it count (``rows``: in how many rows the same text stands; one warning for all)."""
        names = (f" Meinten Sie {join_or([self._named(n) for n in nids])}? Dann tragen Sie "
                 "dessen ID ein." if nids else "")
        sheets = " oder ".join(quote(SHEET_OF[t]) for t in NodeType if t in col.ref_types)
        effect = _FREE_TEXT_REFS[col.attr]
        where, here = ("", "hier diese ID")
        if rows > 1:
            where, here = f" Er steht in {rows} Zeilen; diese Meldung gilt für alle.", \
                "in diesen Zeilen die neue ID"
        self.warn(IssueCode.UNKNOWN_REFERENCE,
                  f"{quote(text)} ist kein Eintrag der Blätter {sheets}. Der Text bleibt in "
                  f"{quote(col.header)} stehen, zählt aber in keiner Auswertung ({effect})."
                  f"{where}{names} Damit der Text zählt, legen Sie {quote(text)} im Blatt "
                  f"{sheets} mit eigener ID an und tragen Sie {here} ein.", sheet, row,
                  col.header, raw)

    def free_text(self, raw: object, col: Column, sheet: Sheet, row: int, node: str) -> bool:
        """Whether ``raw`` in an Ort or Organisation cell is text that names no entry and
        does not look like an ID (:meth:`free_reference`): it is then kept in the node's
        ``extra`` under the column header (written back on export), with a warning that says
        how to make it count. A mistyped ID stays an error."""
        found = self.free_reference(raw, col)
        if found is None:
            return False
        typed, text, nids = found
        extra = self.map.graph.nodes[node].setdefault("extra", {})
        before = extra.get(col.header)
        extra[col.header] = f"{before}; {typed}" if before else typed
        self.free_text_warning(text, nids, col, sheet.name, row, raw)
        return True

    def column_refs(self) -> None:
        """References typed into node sheets: edges (Organisation …) and lead/venue."""
        origin = self.origin
        for ref_sheet, col, row, node, value in self.pending:
            sheet = ref_sheet.name
            raws = [value] if col.edge is None or value in origin else self.cell_refs(
                value, col.ref_types, sheet, row, col.header)
            for raw in raws:
                if (col.attr in _FREE_TEXT_REFS and raw not in origin
                        and self.free_text(raw, col, ref_sheet, row, node)):
                    continue
                nid = raw if raw in origin else self.resolve(raw, col.ref_types, sheet, row,
                                                              col.header)
                if nid is None:
                    continue
                if col.edge is None:
                    if origin[nid] not in col.ref_types:
                        self.wrong_type(nid, col.ref_types, sheet, row, col.header, raw)
                    elif nid == node:
                        self.error(IssueCode.SELF_LOOP, f"{self.shown(nid)} verweist auf sich "
                                   "selbst. "
                                   f"Tragen Sie in {quote(col.header)} einen anderen Eintrag "
                                   "ein.", sheet, row, col.header, raw)
                    else:
                        self.map.graph.nodes[node][col.attr] = nid
                    continue
                if nid == node:
                    self.edge(node, node, col.edge, sheet, row, (col.header, col.header),
                              (raw, raw))
                elif col.edge is EdgeKind.PROVIDES:  # Anbieter: provider → offer
                    self.edge(nid, node, col.edge, sheet, row, (col.header, "ID"), (raw, node))
                else:
                    self.edge(node, nid, col.edge, sheet, row, ("ID", col.header), (node, raw))

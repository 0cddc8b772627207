"""Recognise the same partner under another spelling: normalised names and a blocked index.

A partner that is new to a questionnaire is often not new to the map: "Städt.
Kindertagesstätte Sonnenschein gGmbH" is "Kita Sonnenschein", "Sonnenschein, Kita" too,
and "Kita Sonnenschien" is a typo. :func:`name_key` removes what does not tell two partners
apart (legal forms, "Städt.", titles, case, umlauts, word order) and maps common synonyms
(Kindertagesstätte ↔ Kita); two names with the same key are the same name. Everything else
is scored with rapidfuzz, but only against names that share a *block* with it – a rare word,
or the first or last four letters of a long word – so finding the candidates of one name
costs the same in a map of 300 and of 50,000 names. Names that differ in a number
("Grundschule 1", "Grundschule 2") are never candidates.

:data:`LIKELY` and :data:`POSSIBLE` are the score thresholds (0–100) of a probable and a
possible duplicate. Nothing here merges anything: the merge lists candidates for a person
to decide.

>>> name_key("Städt. Kindertagesstätte Sonnenschein gGmbH") == name_key("Kita Sonnenschein")
True
>>> name_key("Sonnenschein, Kita") == name_key("KITA SONNENSCHEIN")
True
>>> index = NameIndex({"A-1": "Kita Sonnenschein", "A-2": "Kita Regenbogen"})
>>> [(m.id, m.score >= LIKELY) for m in index.similar("Kita Sonnenschien")]
[('A-1', True)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from netzkarte.io.refs import name_tokens

__all__ = ["LIKELY", "POSSIBLE", "NameIndex", "NameMatch", "find_duplicates", "name_key",
           "name_words", "word_differences"]

LIKELY = 90.0
"""Score from which two names are listed as *wahrscheinlich dieselbe* (probably the same)."""
POSSIBLE = 80.0
"""Score from which two names are listed as *möglicherweise dieselbe* (possibly the same)."""

_SYNONYMS: dict[str, str] = {
    "kindertagesstaette": "kita", "kindertageseinrichtung": "kita", "kindergarten": "kita",
    "kiga": "kita", "kitas": "kita", "kindertagesstaetten": "kita",
    "fz": "familienzentrum", "famz": "familienzentrum",
    "gemeinschaftsgrundschule": "grundschule", "ggs": "grundschule", "gs": "grundschule",
    "kgs": "grundschule", "egs": "grundschule",
    "ogs": "ganztag", "ganztagsschule": "ganztag",
    "jz": "jugendzentrum", "jugendfreizeitheim": "jugendzentrum",
    "jugendfreizeitzentrum": "jugendzentrum", "juz": "jugendzentrum",
    "eb": "erziehungsberatung", "erziehungsberatungsstelle": "erziehungsberatung",
    "beratungsstelle": "beratung", "sankt": "st",
}
# words that do not tell two partners apart (titles, the carrier's city, fillers)
_WEAK = frozenset({"staedtisch", "stadt", "dr", "prof", "med", "dipl", "frau", "herr", "am", "an",
                   "auf", "bei", "beim", "das", "dem", "den", "der", "des", "die", "fuer",
                   "im", "in", "mit", "und", "vom", "von", "zu", "zum", "zur", "u"})
_MAX_BLOCK = 400  # a block larger than this (a word in every tenth name) is too common
_MAX_SCORED = 200  # candidates scored per name at most, those sharing the most blocks


def name_words(name: str) -> tuple[str, ...]:
    """The distinctive words of a name: normalised, synonyms mapped, weak words dropped.

    >>> name_words("Dr. Jan Feldmann"), name_words("Ev. Kita Arche Noah e. V.")
    (('jan', 'feldmann'), ('evangelisch', 'kita', 'arche', 'noah'))
    """
    words: list[str] = []
    for word in name_tokens(name):
        word = _SYNONYMS.get(word, word)
        if word and word not in _WEAK:
            words.append(word)
    return tuple(words) or name_tokens(name)


def name_key(name: str) -> str:
    """The comparison key of a name: its distinctive words, sorted and joined."""
    return " ".join(sorted(name_words(name)))


def _digits(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in words if any(c.isdigit() for c in w))


def _blocks(words: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for word in words:
        if len(word) < 3 and not word.isdigit():
            continue
        keys.add("w" + word)
        if len(word) >= 6:
            keys.add("p" + word[:4])
            keys.add("s" + word[-4:])
    return keys


def score(a: str, b: str) -> float:
    """Similarity 0–100 of two name keys (:func:`name_key`); 0 if they differ in a number.

    The plain similarity of the sorted words (typos, word order), and – for names of two
    or more words – the containment of one in the other, eight points lower ("Kita
    Regenbogen" in "Familienzentrum Regenbogen Kita").
    """
    wa, wb = a.split(), b.split()
    if _digits(wa) != _digits(wb):
        return 0.0
    value = fuzz.ratio(a, b)
    if min(len(wa), len(wb)) >= 2:
        value = max(value, fuzz.token_set_ratio(a, b) - 8.0)
    return float(value)


def word_differences(a: str, b: str) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """Shared words, likely typos (word pairs) and the words only one name has.

    >>> word_differences("Kita Sonnenschien", "Städt. Kita Sonnenschein")
    (['kita'], [('sonnenschien', 'sonnenschein')], [])
    """
    left, right = list(name_words(a)), list(name_words(b))
    shared = [w for w in left if w in right]
    for w in shared:
        left.remove(w)
        right.remove(w)
    typos: list[tuple[str, str]] = []
    for w in list(left):
        best = max(right, key=lambda o: fuzz.ratio(w, o), default=None)
        if best is not None and len(w) >= 4 and fuzz.ratio(w, best) >= 75:
            typos.append((w, best))
            left.remove(w)
            right.remove(best)
    return shared, typos, left + right


@dataclass(frozen=True, slots=True)
class NameMatch:
    """An indexed name close to a query: its id, the score and whether the keys are equal."""

    id: str
    score: float
    exact: bool


class NameIndex:
    """Names by key and by block, for exact and close lookups without an all-pairs loop.

    Parameters
    ----------
    names : mapping of id to name, optional
        The names to index; more can be added with :meth:`add`.
    """

    def __init__(self, names: Mapping[str, str] | None = None) -> None:
        self._key: dict[str, str] = {}
        self._by_key: dict[str, list[str]] = {}
        self._blocks: dict[str, set[str]] = {}
        for node, name in (names or {}).items():
            self.add(node, name)

    def __len__(self) -> int:
        return len(self._key)

    def __contains__(self, node: object) -> bool:
        return node in self._key

    def add(self, node: str, name: str) -> None:
        """Index (or re-index) one name."""
        if node in self._key:
            self.remove(node)
        key = name_key(name)
        self._key[node] = key
        self._by_key.setdefault(key, []).append(node)
        for block in _blocks(key.split()):
            self._blocks.setdefault(block, set()).add(node)

    def remove(self, node: str) -> None:
        """Drop one name from the index."""
        key = self._key.pop(node, None)
        if key is None:
            return
        self._by_key[key].remove(node)
        for block in _blocks(key.split()):
            self._blocks[block].discard(node)

    def exact(self, name: str) -> list[str]:
        """Ids whose name has the same key as ``name``, in the order they were added."""
        return list(self._by_key.get(name_key(name), ()))

    def _candidates(self, key: str) -> list[str]:
        postings = [self._blocks[b] for b in _blocks(key.split()) if b in self._blocks]
        small = [p for p in postings if len(p) <= _MAX_BLOCK]
        counts: Counter[str] = Counter()
        if small:
            for posting in small:
                counts.update(posting)
        elif postings:  # only common words: names that have all of them
            common = set.intersection(*sorted(postings, key=len))
            counts.update(list(common)[:_MAX_BLOCK])
        return [node for node, _ in counts.most_common(_MAX_SCORED)]

    def similar(self, name: str, *, cutoff: float = POSSIBLE, limit: int = 5,
                exclude: Iterable[str] = ()) -> list[NameMatch]:
        """Indexed names scoring at least ``cutoff`` against ``name``, best first.

        Exact matches (same key) come first with score 100. The scores are those of
        :func:`score`, computed by rapidfuzz over the candidates of the name's blocks.
        """
        key = name_key(name)
        skip = set(exclude)
        found: list[NameMatch] = [NameMatch(n, 100.0, True) for n in self._by_key.get(key, ())
                                  if n not in skip]
        seen = {m.id for m in found} | skip
        candidates = [n for n in self._candidates(key) if n not in seen]
        choices = [self._key[n] for n in candidates]
        values: dict[int, float] = {}
        for _, value, i in process.extract(key, choices, scorer=fuzz.ratio,
                                           score_cutoff=cutoff, limit=None):
            values[i] = float(value)
        if len(key.split()) >= 2:  # containment, eight points lower (see score())
            for _, value, i in process.extract(key, choices, scorer=fuzz.token_set_ratio,
                                               score_cutoff=cutoff + 8.0, limit=None):
                if len(choices[i].split()) >= 2:
                    values[i] = max(values.get(i, 0.0), float(value) - 8.0)
        digits = _digits(key.split())
        scored = [NameMatch(candidates[i], value, False) for i, value in values.items()
                  if _digits(choices[i].split()) == digits]
        scored.sort(key=lambda m: (-m.score, m.id))
        return (found + scored)[:limit] if limit else found + scored

    def items(self) -> Iterator[tuple[str, str]]:
        """``(id, key)`` of every indexed name."""
        return iter(self._key.items())


def find_duplicates(names: Mapping[str, str], *, cutoff: float = POSSIBLE
                    ) -> list[tuple[str, str, float]]:
    """Pairs of ids whose names are probably the same, best first: ``(a, b, score)``.

    Each name is compared only with the names of its blocks (see the module notes), so
    50,000 names take seconds, not the hours of an all-pairs comparison.

    >>> find_duplicates({"1": "Kita Sonnenschein e.V.", "2": "Kita Sonnenschein",
    ...                  "3": "Grundschule am Park"})
    [('1', '2', 100.0)]
    """
    index = NameIndex(names)
    pairs: dict[tuple[str, str], float] = {}
    for node, name in names.items():
        for match in index.similar(name, cutoff=cutoff, limit=0, exclude=(node,)):
            pair = (node, match.id) if node < match.id else (match.id, node)
            pairs[pair] = max(pairs.get(pair, 0.0), match.score)
    return sorted(((a, b, s) for (a, b), s in pairs.items()), key=lambda p: (-p[2], p[0], p[1]))

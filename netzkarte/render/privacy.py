"""Privacy: what personal data shared outputs may show.

Maps, reports, figures, comparisons, action lists and the ``analyse`` outputs are handed
out at network meetings. With ``anonymous=True`` (``--anonym`` on the command line) they
name no person: every actor of form Person is shown by category and organisation
(``"Fachkraft (Jugendamt)"``) instead of their name, and a person's id — often built from
the name — is replaced by the same label. This module holds the one rule for those labels
(:func:`anonymous_names`), the text replacement built on it (:class:`Anonymizer`) and the
anonymous copy of an analysis result (:func:`anonymous_result`) that every renderer uses.

Contact data and free-text notes are a separate switch (``with_contacts``) handled by the
renderers themselves.

Examples
--------
>>> from netzkarte import NetworkMap
>>> m = NetworkMap()
>>> m.add_node("JA", "office", name="Jugendamt")
>>> m.add_node("P1", "actor", name="Anna Kurz", form="Person", category="Fachkraft")
>>> _ = m.add_edge("P1", "JA", "belongs_to")
>>> anonymous_names(m)
{'P1': 'Fachkraft (Jugendamt)'}
>>> Anonymizer(m).text("Anna Kurz leitet die Runde")
'Fachkraft (Jugendamt) leitet die Runde'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from netzkarte.vocab import ActorForm, NodeType

if TYPE_CHECKING:
    import pandas as pd

    from netzkarte.model import NetworkMap
    from netzkarte.results import AnalysisResult

__all__ = ["Anonymizer", "anonymous_names", "anonymous_result"]


def anonymous_names(m: NetworkMap) -> dict[str, str]:
    """Replacement names for the persons of a map: category and organisation.

    The map, the report and the figures show these instead of person names when asked
    for an anonymous output. Only actors of form Person get one; the name is the person's
    category (``"Person"`` if empty) followed by the organisation it belongs to (first
    ``belongs_to`` edge) in brackets. Names that would repeat are numbered ``#1``, ``#2``
    … in node order.

    Parameters
    ----------
    m : NetworkMap
        The map.

    Returns
    -------
    dict of str to str
        Node id → replacement name, for every person and nothing else.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("JA", "office", name="Jugendamt")
    >>> m.add_node("P1", "actor", name="Anna Kurz", form="Person", category="Fachkraft")
    >>> m.add_node("P2", "actor", name="Ben Lang", form="Person", category="Fachkraft")
    >>> m.add_node("K", "actor", name="Kita Sonnenschein", category="Kita")
    >>> _ = m.add_edge("P1", "JA", "belongs_to")
    >>> _ = m.add_edge("P2", "JA", "belongs_to")
    >>> anonymous_names(m)
    {'P1': 'Fachkraft (Jugendamt) #1', 'P2': 'Fachkraft (Jugendamt) #2'}
    """
    names: dict[str, str] = {}
    for node, data in m.graph.nodes(data=True):
        if data["type"] is NodeType.ACTOR and data.get("form") is ActorForm.PERSON:
            category = str(data.get("category") or "Person")
            org = m.organisation(node)
            names[node] = f"{category} ({m.name(org)})" if org else category
    seen: Counter[str] = Counter(names.values())
    running: Counter[str] = Counter()
    for node in names:
        base = names[node]
        if seen[base] > 1:
            running[base] += 1
            names[node] = f"{base} #{running[base]}"
    return names


class Anonymizer:
    """Replaces the persons of one or more maps by category and organisation.

    The labels come from :func:`anonymous_names` (the map's own rule). Inside texts a person's
    name is replaced wherever it occurs (longest name first, like the map and the report do); a
    person's id — often built from the name, e.g. ``A-P-NEUMANN`` — is replaced where it stands
    as a whole token. With several maps (a comparison) the first map's label wins for a person
    in both.

    Parameters
    ----------
    *maps : NetworkMap
        The maps whose persons are hidden.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("JA", "office", name="Jugendamt")
    >>> m.add_node("P-KURZ", "actor", name="Anna Kurz", form="Person", category="Fachkraft")
    >>> _ = m.add_edge("P-KURZ", "JA", "belongs_to")
    >>> anon = Anonymizer(m)
    >>> anon.text("Anna Kurz (P-KURZ) sitzt in 6 Gremien")
    'Fachkraft (Jugendamt) (Fachkraft (Jugendamt)) sitzt in 6 Gremien'
    >>> anon.deep({"nodes": ["P-KURZ", "JA"], "n": 3})
    {'nodes': ['Fachkraft (Jugendamt)', 'JA'], 'n': 3}
    """

    def __init__(self, *maps: NetworkMap) -> None:
        self.labels: dict[str, str] = {}
        by_name: dict[str, str] = {}
        for m in maps:
            for node, label in anonymous_names(m).items():
                self.labels.setdefault(node, label)
                name = m.name(node)
                if name:
                    by_name.setdefault(name, label)
        self._by_name = by_name
        # one pass over the text, so a label is never replaced again; at each position the
        # longest candidate wins ("Anna Maria Schulz" before "Anna Maria")
        parts = [(name, re.escape(name)) for name in by_name]
        parts += [(node, rf"(?<![\w-]){re.escape(node)}(?![\w-])") for node in self.labels]
        parts.sort(key=lambda part: -len(part[0]))
        self._pattern = re.compile("|".join(p for _, p in parts)) if parts else None

    def __bool__(self) -> bool:
        return bool(self.labels)

    def node(self, node_id: str) -> str:
        """The label of a person, any other id unchanged."""
        return self.labels.get(node_id, node_id)

    def _swap(self, match: re.Match[str]) -> str:
        found = match.group(0)
        return self.labels.get(found) or self._by_name.get(found, found)

    def text(self, value: Any) -> str:
        """``value`` as text with every person name and person id replaced."""
        out = "" if value is None else str(value)
        return out if self._pattern is None else self._pattern.sub(self._swap, out)

    def deep(self, value: Any) -> Any:
        """Replace inside strings, dict keys, lists and tuples; other values unchanged."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {self.deep(k): self.deep(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.deep(v) for v in value)
        return value

    def frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A copy of a table with person names and ids replaced in labels and cells."""
        cleaned = frame.rename(index=self.deep, columns=self.deep)
        return cleaned.map(self.deep)


def anonymous_result(result: AnalysisResult, m: NetworkMap) -> AnalysisResult:
    """A copy of ``result`` that names no person of ``m``.

    Titles, texts, recommendations and evidence of findings and quality checks, the
    summary, the tables and the display names carry category and organisation instead of a
    person's name; in ``nodes`` and ``edges`` a person's id is replaced by that label too
    (ids are often built from names). Finding ids stay, so the same input keeps the same
    ids.

    Parameters
    ----------
    result : AnalysisResult
        Output of :func:`netzkarte.analyze` on ``m``.
    m : NetworkMap
        The analysed map (it says who is a person and to which organisation they belong).

    Returns
    -------
    AnalysisResult
        A new result; ``result`` is not changed. It does not know its map (``network`` is
        ``None``): shown in Jupyter it is a table, never the map with the names.

    Examples
    --------
    >>> from netzkarte import NetworkMap
    >>> from netzkarte.results import AnalysisResult, Finding
    >>> m = NetworkMap()
    >>> m.add_node("P1", "actor", name="Anna Kurz", form="Person", category="Fachkraft")
    >>> f = Finding.create("bottleneck", "medium", "Anna Kurz sitzt in 6 Gremien", nodes=["P1"])
    >>> shown = anonymous_result(AnalysisResult("Testheim", {}, [f]), m)
    >>> shown.findings[0].title, shown.findings[0].nodes
    ('Fachkraft sitzt in 6 Gremien', ('Fachkraft',))
    """
    anon = Anonymizer(m)
    if not anon:
        return replace(result, network=None)
    findings = [replace(f, title=anon.text(f.title), text=anon.text(f.text),
                        recommendation=anon.text(f.recommendation),
                        nodes=tuple(anon.node(n) for n in f.nodes),
                        edges=tuple((anon.node(u), anon.node(v)) for u, v in f.edges),
                        evidence=anon.deep(f.evidence))
                for f in result.findings]
    checks = [replace(q, title=anon.text(q.title), evidence=anon.text(q.evidence),
                      standard=anon.text(q.standard), nodes=tuple(anon.node(n) for n in q.nodes))
              for q in result.quality_checks]
    names = {anon.node(k): anon.labels.get(k) or anon.text(v) for k, v in result.names.items()}
    return replace(result, summary=anon.deep(result.summary), findings=findings,
                   quality_checks=checks, names=names,
                   tables={k: anon.frame(t) for k, t in result.tables.items()},
                   data_quality=anon.deep(result.data_quality), network=None)

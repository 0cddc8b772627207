"""The meeting report (``netzkarte bericht``): one offline HTML file in German.

What the coordinator hands out or projects at the network meeting: a title page
(municipality, snapshot, Leitbild), the key figures, the *Datenlage* (what the analyses
could not judge, which entries to classify and what that would change), the most important
findings with their recommendations — uncertain ones marked „unsicher“ —, the quality
framework, one section per district, the map, a glossary and, as an appendix, every finding
(the sections above show the most important per kind and point there for the rest). Figures
(:mod:`netzkarte.render.figures`) are embedded as inline SVG, the interactive map as an
``<iframe srcdoc>``; nothing is loaded from anywhere, so the file works on a laptop without
network and prints to PDF on clean A4 pages (page breaks before the main sections, the
static overview instead of the interactive map, no heading left alone at the bottom of a
page, figure text at 7 pt or more).

The page is our own Jinja template with autoescape: every text from the workbook is
escaped, and ``anonymous=True`` replaces person names everywhere — figures, findings,
tables and the embedded map — by category and organisation. Contact data appears only with
``with_contacts=True``.

Examples
--------
>>> import netzkarte as nk
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Kindertal")
>>> m.add_node("SG", "committee", name="Steuerungsgruppe <Prävention>", tier="a")
>>> page = render_report(m, result=nk.analyze(m, progress=False), include_map=False)
>>> "Steuerungsgruppe &lt;Prävention&gt;" in page, "http" in page
(True, False)
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from netzkarte.model import NetworkMap
from netzkarte.render.page import environment, write_page
from netzkarte.results import (
    KIND_LABELS,
    REASONS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    AnalysisResult,
    DataQuality,
    DataQualityNode,
    Finding,
)
from netzkarte.schema import DISTRICT_BASE_COLUMNS, PERSONAL_FIELDS
from netzkarte.text import count_noun, date_text, join_and, join_or, number
from netzkarte.vocab import LIFE_PHASE_ORDER, ActorForm, EdgeKind, NodeType, Transition, fold

__all__ = ["GLOSSARY", "data_quality_of", "finding_numbers", "reason_labels", "render_report",
           "write_report"]

log = logging.getLogger(__name__)

GLOSSARY: tuple[tuple[str, str], ...] = (
    ("Präventionskette", "Abgestimmte Angebote und Einrichtungen, die Kinder von der "
     "Schwangerschaft bis zum Berufseinstieg begleiten – ohne Lücken an den Übergängen."),
    ("Akteur, Amt, Gremium, Angebot", "Die vier Knotentypen der Karte: Einrichtungen, "
     "Organisationen und Personen; Verwaltungseinheiten; regelmäßig tagende Runden; "
     "Leistungen für die Zielgruppe."),
    ("Steuerungsebenen a, b, c", "a: gesamtkommunale Leitung, b: gesamtkommunale "
     "Koordinierung, c: operative Steuerung im Sozialraum."),
    ("Steuerungsgremium", "Ein Gremium der Ebene a oder vom Typ Steuerungsgruppe bzw. "
     "Lenkungskreis, gleich auf welcher Ebene es eingetragen ist. Die Steuerungsgruppe, nach "
     "der der Qualitätsrahmen fragt, ist eines davon."),
    ("Dichte", "Anteil der möglichen Verbindungen zwischen Akteuren und Ämtern, die "
     "tatsächlich bestehen (0 bis 1)."),
    ("Komponente", "Ein Teil des Netzwerks, in dem jeder jeden über Verbindungen erreicht. "
     "Mehr als eine Komponente heißt: es gibt abgehängte Teile."),
    ("Teilnetz (Community)", "Eine Gruppe, die untereinander deutlich enger verbunden ist "
     "als nach außen (Leiden-Verfahren); die Modularität misst, wie klar sich die Gruppen "
     "trennen."),
    ("E-I-Index", "Verbindungen über Handlungsfelder hinweg minus Verbindungen innerhalb, "
     "geteilt durch alle (Krackhardt & Stern 1988): −1 nur innerhalb, +1 nur nach außen."),
    ("Vermittlungsrolle (Betweenness)", "Anteil der kürzesten Wege zwischen allen anderen, "
     "die über einen Eintrag laufen: Wer eine große Vermittlungsrolle hat, verbindet – und "
     "fehlt, wenn er ausfällt."),
    ("Vermittlerrollen", "Gould & Fernandez (1989): Koordinator, Berater, Repräsentant, "
     "Türsteher und Verbindungsperson – je nachdem, ob Vermittler und die beiden Vermittelten "
     "im selben Handlungsfeld arbeiten."),
    ("Gemeinsame Mitglieder (Jaccard-Index)", "Gemeinsame Mitglieder zweier Gremien geteilt "
     "durch alle Mitglieder beider (0 bis 1, im Text in Prozent): hohe Werte deuten auf "
     "Parallelstrukturen."),
    ("Parallelstruktur", "Gremien oder Angebote mit überlappendem Auftrag und "
     "überlappender Besetzung, etwa dasselbe Netzwerk auf Kreis- und Gemeindeebene."),
    ("Übergangslücke", "Einrichtungen einer Lebensphase ohne Kooperation, Vermittlung oder "
     "gemeinsames Gremium mit den Einrichtungen der nächsten Phase."),
    ("Versorgungslücke", "Sozialraum und Lebensphase ohne laufendes Angebot – weder vor Ort "
     "noch stadtweit –, gewichtet nach dem Bedarf („Ungleiches ungleich behandeln“)."),
    ("Stadtweites Angebot", "Ein Angebot ohne eigenen Sozialraum oder an einem Ort, der für "
     "die ganze Stadt arbeitet (Ebene Kreis oder Land, etwa eine Geburtsklinik): Es zählt "
     "für jeden Sozialraum, aber nicht als Angebot vor Ort."),
    ("Macht- und Fachpromotor", "Witte (1973): wer Veränderung durch seine Position "
     "(Macht) oder durch Fachwissen (Fach) vorantreibt."),
    ("Lotse", "Eine Person, die Familien an passende Angebote weitervermittelt."),
)
"""The glossary box of the report: term and plain-German explanation."""

_TOP_PER_KIND = 5
_DATENLAGE_SHOWN = 25  # nodes to classify and uncertain findings listed in the report
_UNCERTAIN_HINT = ("Einträge ohne Einordnung könnten diesen Befund ändern; "
                   "siehe Abschnitt Datenlage.")
_NODE_LABELS = {t.value: t.label for t in NodeType}
_EDGE_LABELS = {k.value: k.label for k in EdgeKind}
_BASE_LABELS = {c.attr: c.header for c in DISTRICT_BASE_COLUMNS}


# --- small formatting helpers ---------------------------------------------------------------


def _name_cleaner(m: NetworkMap, anonymous: bool) -> tuple[dict[str, str], Callable[[Any], str]]:
    """Display names per node and a function that anonymises person names inside texts
    (:class:`~netzkarte.render.privacy.Anonymizer`)."""
    from netzkarte.render.privacy import Anonymizer

    names = {n: m.name(n) for n in m.graph.nodes}
    if not anonymous:
        return names, lambda text: "" if text is None else str(text)
    anon = Anonymizer(m)
    names.update(anon.labels)
    return names, anon.text


# --- context ---------------------------------------------------------------------------------


def _key_figures(result: AnalysisResult) -> dict[str, Any]:
    s = result.summary
    nodes = [(_NODE_LABELS.get(k, k), v) for k, v in (s.get("nodes") or {}).items()]
    edges = [(_EDGE_LABELS.get(k, k), v) for k, v in (s.get("edges") or {}).items() if v]
    share = s.get("largest_component_share")

    def shown(key: str, digits: int = 2) -> str:  # counts without decimals: 1.473
        return number(s.get(key), digits, thousands=True, whole=True)

    figures = [
        ("Akteure und Ämter im Kooperationsnetz", shown("actors_and_offices"),
         "Einrichtungen, Organisationen, Personen und Ämter (ohne Gremien und Angebote)"),
        ("Verbindungen zwischen ihnen", shown("collaboration_ties"),
         "direkte Beziehungen und gemeinsame Gremien"),
        ("Dichte", shown("density", 3), "0 = niemand verbunden, 1 = alle mit allen"),
        ("Komponenten", shown("components"),
         f"größte umfasst {number(share * 100 if share is not None else None, 0)} % "
         "der Akteure und Ämter"),
        ("Teilnetze", shown("communities"),
         f"eng verbundene Gruppen; Modularität {shown('modularity')}"),
        ("E-I-Index (Handlungsfelder)", shown("ei_index"),
         "−1 nur innerhalb der Felder, +1 nur über Feldgrenzen"),
        ("Ungleichverteilung der Vermittlungsrolle (Gini)", shown("betweenness_gini"),
         "nahe 1: wenige tragen die Vermittlung"),
        ("Steuerungsgremien / Mitglieder",
         f"{shown('steering_bodies')} / {shown('steering_members')}",
         "Gremien der Ebene a oder vom Typ Steuerungsgruppe bzw. Lenkungskreis (gleich auf "
         "welcher Ebene) und ihre Mitglieder"),
        ("Mittlerer Abstand zur Steuerung", shown("mean_steps_to_steering", 1),
         "Schritte von Akteuren und Ämtern zu einem Steuerungsmitglied"),
    ]
    return {"nodes": nodes, "nodes_total": sum(v for _, v in nodes), "edges": edges,
            "edges_total": sum(v for _, v in edges), "figures": figures}


def finding_numbers(result: AnalysisResult) -> dict[str, int]:
    """Finding id → its number („Befund 17“): its place in ``result.findings``, counted
    from 1 — the number the map's findings panel, the Maßnahmenliste (column „Nr.“) and the
    summary of ``netzkarte analyse`` show for it.

    >>> from netzkarte.results import Finding
    >>> r = AnalysisResult("Testheim", {}, [Finding.create("isolated", "low", "B"),
    ...                                     Finding.create("bottleneck", "high", "A")])
    >>> [(f.title, finding_numbers(r)[f.id]) for f in r.findings]
    [('A', 1), ('B', 2)]
    """
    return {f.id: position for position, f in enumerate(result.findings, 1)}


def _finding_item(f: Finding, clean: Callable[[Any], str], numbers: Mapping[str, int]
                  ) -> dict[str, Any]:
    where = []
    if f.transition:
        t = Transition.parse(f.transition)
        where.append(t.label if t is not None else f.transition)
    if f.district:
        where.append(f"Sozialraum {f.district}")
    return {"id": f.id, "number": numbers.get(f.id, 0), "severity": f.severity,
            "severity_label": SEVERITY_LABELS[f.severity],
            "kind_label": KIND_LABELS[f.kind], "title": clean(f.title), "text": clean(f.text),
            "recommendation": clean(f.recommendation), "where": " · ".join(clean(w)
                                                                            for w in where),
            "uncertain": f.confidence == "unsicher"}


def _findings_by_kind(result: AnalysisResult, clean: Callable[[Any], str], top: int
                      ) -> list[dict[str, Any]]:
    numbers = finding_numbers(result)
    groups = []
    for kind, label in KIND_LABELS.items():
        items = result.by_kind(kind)
        if not items:
            continue
        counts = {s: sum(f.severity == s for f in items) for s in SEVERITY_LABELS}
        groups.append({"kind": kind, "label": label, "total": len(items),
                       "counts": [(SEVERITY_LABELS[s], n, s) for s, n in counts.items() if n],
                       "uncertain": sum(f.confidence == "unsicher" for f in items),
                       "shown": [_finding_item(f, clean, numbers) for f in items[:top]],
                       "more": max(0, len(items) - top)})
    return groups


def _offer_cell(local: int, wide: int, planned: int, no_children: bool,
                gap: Finding | None, gap_number: int = 0) -> dict[str, Any]:
    """One cell of a district's offer table: what the coverage analysis counts.

    Offers in the district and town-wide ones (which count for every district) are told
    apart: „0 vor Ort, 2 stadtweit“ is covered, „0“ with „✗ keins“ is a gap – the one the
    coverage finding ``gap`` reports (its severity, certainty and number ``gap_number``
    shown beside it).

    >>> _offer_cell(0, 2, 0, False, None)["text"]
    '0 vor Ort, 2 stadtweit'
    >>> cell = _offer_cell(0, 0, 1, False, None)
    >>> cell["text"], cell["gap"], cell["note"]
    ('0', True, '1 geplant')
    """
    text = f"{local} vor Ort, {wide} stadtweit" if wide else str(local)
    note = f"{planned} geplant" if planned and not (local or wide) else ""
    if no_children and not (local or wide):
        note = "keine Kinder im Sozialraum"
    return {"text": text, "gap": not (local or wide) and not no_children, "note": note,
            "severity": gap.severity if gap is not None else "",
            "severity_label": SEVERITY_LABELS[gap.severity] if gap is not None else "",
            "uncertain": gap is not None and gap.confidence == "unsicher",
            "number": gap_number if gap is not None else 0}


def _districts(m: NetworkMap, result: AnalysisResult, clean: Callable[[Any], str],
               names: Mapping[str, str]) -> list[dict[str, Any]]:
    table = result.coverage
    need_col = result.need_column
    numbers = finding_numbers(result)
    by_key: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.district:
            by_key.setdefault(fold(f.district), []).append(f)
    rows_by_fold = {fold(i): i for i in m.districts.index}
    out = []
    for position, (key, name) in enumerate(result.districts.items(), start=1):
        cells: Any = table.loc[name]
        findings = by_key.get(key, [])
        phase_gaps = {str(f.evidence.get("phase")): f for f in findings
                      if f.kind == "coverage_gap" and f.evidence.get("phase")
                      and f.evidence.get("check") != "only_town_wide"}
        offers = []
        for p in LIFE_PHASE_ORDER:
            row = cells.loc[p.value]
            local, wide = int(row["offers"]), int(row.get("town_wide", 0))
            kids = row.get("children")
            gap = phase_gaps.get(p.value)
            cell = _offer_cell(local, wide, int(row.get("planned", 0)),
                               kids is not None and not math.isnan(kids) and kids == 0,
                               gap, numbers.get(gap.id, 0) if gap is not None else 0)
            offers.append({"phase": p.label, "offers": local, "town_wide": wide, **cell,
                           "per_1000": number(row["per_1000_children"], 1,
                                              thousands=True, whole=True)})
        indicators: list[tuple[str, str, bool]] = []
        if key in rows_by_fold:
            row = m.districts.loc[rows_by_fold[key]]
            for column, value in row.items():
                if column == "municipality" or value is None or (
                        isinstance(value, float) and math.isnan(value)):
                    continue
                label = _BASE_LABELS.get(str(column), str(column))
                indicators.append((label, number(value, 1, thousands=True, whole=True),
                                   str(column) == need_col))
        gaps = []
        for f in findings:
            if f.kind != "transition_gap":
                continue
            t = Transition.parse(f.transition or "")
            evidence = f.typed_evidence("transition_gap")
            unlinked = [clean(names.get(n, n)) for n in evidence.get("unlinked") or ()]
            gaps.append({"transition": t.label if t is not None else f.transition,
                         "number": numbers.get(f.id, 0), "unlinked": unlinked,
                         "unlinked_text": join_and(unlinked),
                         "earlier": evidence.get("earlier_count"),
                         "committees": len(evidence.get("committees") or ()),
                         "severity": f.severity, "uncertain": f.confidence == "unsicher",
                         "severity_label": SEVERITY_LABELS[f.severity]})
        out.append({"anchor": f"sozialraum-{position}", "name": name, "offers": offers,
                    "gaps_in_phases": [o["phase"] for o in offers if o["gap"]],
                    "indicators": indicators,
                    "findings": [_finding_item(f, clean, numbers) for f in findings
                                 if f.kind != "transition_gap"],
                    "gaps": gaps})
    return out


def reason_labels(entry: DataQualityNode) -> list[str]:
    """German reasons of one node of the *Datenlage* (``data_quality["nodes"][i]``).

    An ambiguous category names its candidates; unknown reason codes are shown as they
    are. Shared by the report, the map and the Maßnahmenliste.

    >>> for label in reason_labels({"reasons": ["ambiguous_category", "no_life_phase"],
    ...                             "candidates": ["Erziehungsberatung", "Frühe Hilfen"]}):
    ...     print(label)
    Kategorie mehrdeutig (Erziehungsberatung oder Frühe Hilfen)
    ohne Lebensphase
    """
    out = []
    candidates = list(entry.get("candidates") or ())
    for reason in entry.get("reasons") or ():
        label = REASONS.get(reason, reason)
        if reason == "ambiguous_category" and candidates:
            label += f" ({join_or(candidates)})"
        out.append(label)
    return out


def data_quality_of(m: NetworkMap | None, result: AnalysisResult) -> DataQuality:
    """The *Datenlage* of a result (a copy; empty for a result built by hand without one,
    :func:`netzkarte.analyze` always fills it). ``m`` is not read."""
    return result.data_quality.copy()


def _datenlage(m: NetworkMap, result: AnalysisResult, names: Mapping[str, str],
               anonymous: bool, clean: Callable[[Any], str], shown_ids: set[str]
               ) -> dict[str, Any]:
    """The section *Datenlage*: counts, advice, the nodes to classify, uncertain findings.

    Nodes whose classification would decide uncertain findings come first. With
    ``anonymous`` a person is named by category and organisation and shows no id, and the
    advice sentences go through the :class:`~netzkarte.render.privacy.Anonymizer`.
    """
    from netzkarte.render.privacy import anonymous_names

    dq = data_quality_of(m, result)
    persons = anonymous_names(m) if anonymous else {}
    uncertain = [f for f in result.findings if f.confidence == "unsicher"]
    decides: Counter[str] = Counter(str(n) for f in uncertain
                                    for n in f.typed_evidence().get("unclassified") or ())
    entries = list(dq.get("nodes") or ())
    order = sorted(range(len(entries)), key=lambda i: (-decides[entries[i]["id"]], i))
    rows = []
    for i in order[:_DATENLAGE_SHOWN]:
        entry = entries[i]
        node = entry["id"]
        person = node in persons
        rows.append({"id": "" if person else clean(node),
                     "name": names.get(node) or clean(entry.get("name") or node),
                     "type": _NODE_LABELS.get(entry["type"], entry["type"]),
                     "category": clean(entry.get("category") or ""),
                     "reasons": "; ".join(reason_labels(entry)),
                     "decides": decides[node]})
    numbers = finding_numbers(result)
    items = []
    for f in uncertain[:_DATENLAGE_SHOWN]:
        item = _finding_item(f, clean, numbers)
        # to the finding in section 3, else to its entry in the appendix
        item["anchor"] = f"befund-{f.id}" if f.id in shown_ids else f"anhang-befund-{f.id}"
        items.append(item)
    counts = [(REASONS.get(k, k), n) for k, n in (dq.get("counts") or {}).items() if n]
    return {"counts": counts, "advice": [clean(a) for a in dq.get("advice") or ()],
            "nodes": rows, "nodes_total": len(entries),
            "nodes_more": max(0, len(entries) - _DATENLAGE_SHOWN),
            "uncertain": items, "uncertain_total": len(uncertain),
            "uncertain_more": max(0, len(uncertain) - _DATENLAGE_SHOWN),
            "empty": not counts and not uncertain and not entries}


def _contacts(m: NetworkMap, names: Mapping[str, str], anonymous: bool
              ) -> list[tuple[str, str, str]]:
    rows = []
    for node, data in m.graph.nodes(data=True):
        contact = "; ".join(str(data[f]) for f in sorted(PERSONAL_FIELDS)
                            if data.get(f) not in (None, ""))
        if not contact:
            continue
        if anonymous and data["type"] is NodeType.ACTOR and \
                data.get("form") is ActorForm.PERSON:
            continue  # a person's mail address names the person
        rows.append((names[node], data["type"].label, str(contact)))
    return sorted(rows, key=lambda r: (r[1], r[0].casefold()))


def _figures(m: NetworkMap, result: AnalysisResult, anonymous: bool, layout: str
             ) -> dict[str, dict[str, str]]:
    from netzkarte.render import figures as fg

    makers: dict[str, tuple[str, Callable[[], Any]]] = {
        "overview": ("Übersicht der Netzwerkkarte",
                     lambda: fg.overview_figure(m, layout=layout, anonymous=anonymous,
                                                findings=result.findings)),
        "quality": ("Qualitätsrahmen als Ampel", lambda: fg.quality_traffic_light(result)),
        "centrality": ("Zentrale Akteure nach Vermittlungsrolle",
                       lambda: fg.centrality_bars(m, result=result, anonymous=anonymous)),
        "brokerage": ("Vermittlerrollen zwischen Handlungsfeldern",
                      lambda: fg.brokerage_bars(m, result=result, anonymous=anonymous)),
        "overlap": ("Überschneidung der Gremienmitgliedschaften",
                    lambda: fg.overlap_matrix(m)),
        "transitions": ("Verbindungen an den Übergängen",
                        lambda: fg.transition_chart(result)),
        "coverage": ("Angebote je Sozialraum und Lebensphase",
                     lambda: fg.coverage_heatmap(result)),
    }
    out = {}
    for position, (key, (label, make)) in enumerate(makers.items(), start=1):
        started = time.perf_counter()
        svg = fg.svg_for_html(make(), id_prefix=f"nkfig{position}", label=label)
        out[key] = {"svg": svg, "label": label}
        log.debug("Abbildung %s in %.2f s", key, time.perf_counter() - started)
    return out


# --- page ------------------------------------------------------------------------------------


def render_report(m: NetworkMap, *, result: AnalysisResult,
                  title: str | None = None, anonymous: bool = False,
                  with_contacts: bool = False, include_map: bool = True,
                  layout: str = "netz", top_findings: int = _TOP_PER_KIND,
                  figures: bool = True) -> str:
    """The meeting report as one self-contained HTML document (a string).

    Parameters
    ----------
    m : NetworkMap
    result : AnalysisResult
        The analysis of ``m`` (:func:`netzkarte.analyze`): findings, quality checks,
        Datenlage and the tables the figures and district sections show.
    title : str, optional
        Heading (default ``"Netzwerkbericht <Kommune>"``).
    anonymous : bool
        Replace person names by category and organisation everywhere (text, figures,
        embedded map); person contacts are then left out even ``with_contacts``.
    with_contacts : bool
        Add the contact data (personal) as an appendix and to the embedded map.
    include_map : bool
        Embed the interactive map (``<iframe srcdoc>``, about 1 MB). Printed, and without
        the map, the report shows the static overview figure instead.
    layout : {"netz", "kette", "kreis"}
        Layout of the map and of the overview figure.
    top_findings : int
        Findings shown per kind (the rest is counted).
    figures : bool
        Draw the seven figures (about 1–2 s for a town). ``False`` leaves them out, with a
        note where they would be: the reports of many Kommunen in the Kreis overview.

    Returns
    -------
    str
        The page: German, offline (no reference to any other file or server), every input
        text escaped.

    Examples
    --------
    >>> from netzkarte import NetworkMap, analyze
    >>> m = NetworkMap("Kindertal")
    >>> m.add_node("K", "actor", name="Kita Regenbogen", category="Kita", district="Nord")
    >>> page = render_report(m, result=analyze(m, progress=False), include_map=False)
    >>> page.startswith("<!DOCTYPE html>"), 'id="sozialraum-1"' in page
    (True, True)

    Notes
    -----
    For Kindertal (322 nodes) the analysis takes about 1–3 s, the seven figures about
    3–5 s (``benchmarks/report_benchmark.py``).
    """
    started = time.perf_counter()
    names, clean = _name_cleaner(m, anonymous)
    meta = m.meta
    municipality = meta.municipality or "(ohne Namen)"
    heading = title or f"Netzwerkbericht {municipality}"
    from netzkarte.render.style import SEVERITY_COLOURS, STATUS_COLOURS, STATUS_SYMBOLS

    map_page = None
    if include_map:
        from netzkarte.render.html_map import render_map

        # the map cannot leave out only the persons' contacts: anonymous maps get none; it
        # anonymises the findings and the Datenlage itself and needs the persons' ids
        map_page = render_map(m, layout=layout, anonymous=anonymous,
                              with_contacts=with_contacts and not anonymous, findings=result,
                              title=f"Netzwerkkarte {municipality}")
    groups = _findings_by_kind(result, clean, max(0, int(top_findings)))
    checks = [{"id": q.id, "title": q.title, "status": q.status,
               "status_label": STATUS_LABELS.get(q.status, q.status),
               "symbol": STATUS_SYMBOLS.get(q.status, "?"), "evidence": clean(q.evidence),
               "standard": q.standard} for q in result.quality_checks]
    context = {
        "title": heading,
        "municipality": municipality,
        "county": meta.county,
        "map_title": meta.title,
        "snapshot": date_text(meta.snapshot, none=""),
        "mission": meta.mission,
        "goals": list(meta.goals),
        "generated": date_text(datetime.now().astimezone(), time=", %H:%M Uhr"),
        "version": result.version,
        "anonymous": anonymous,
        "with_contacts": with_contacts,
        "key": _key_figures(result),
        "severity_totals": [(SEVERITY_LABELS[s], n, s) for s, n in
                            (result.summary.get("findings_by_severity") or {}).items() if n],
        "findings_total": len(result.findings),
        "groups": groups,
        "appendix": _findings_by_kind(result, clean, len(result.findings)),
        "datenlage": _datenlage(m, result, names, anonymous, clean,
                                {f["id"] for g in groups for f in g["shown"]}),
        "uncertain_hint": _UNCERTAIN_HINT,
        "checks": checks,
        "check_totals": [(STATUS_LABELS[s], sum(c["status"] == s for c in checks), s)
                         for s in STATUS_LABELS],
        "districts": _districts(m, result, clean, names),
        "figures": _figures(m, result, anonymous, layout) if figures else None,
        "map_page": map_page,
        "contacts": _contacts(m, names, anonymous) if with_contacts else [],
        "glossary": GLOSSARY,
        "count_noun": count_noun,
        "status_colours": STATUS_COLOURS,
        "severity_colours": SEVERITY_COLOURS,
        "text_on": {c: ("#FFFFFF" if c in ("#A50026", "#E66101") else "#000000")
                    for c in (*STATUS_COLOURS.values(), *SEVERITY_COLOURS.values())},
    }
    page: str = environment().get_template("report.html.j2").render(**context)
    log.info("Bericht %s mit %d Befunden erstellt (%.1f s, %.1f MB)", municipality,
             len(result.findings), time.perf_counter() - started,
             len(page.encode("utf-8")) / 1e6)
    return page


def write_report(m: NetworkMap, path: str | os.PathLike[str], *,
                 result: AnalysisResult, title: str | None = None,
                 anonymous: bool = False, with_contacts: bool = False,
                 include_map: bool = True, layout: str = "netz",
                 top_findings: int = _TOP_PER_KIND, figures: bool = True) -> Path:
    """Write the report to ``path`` atomically and return the path.

    Parameters are those of :func:`render_report`. A failure leaves an existing file at
    ``path`` untouched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netzkarte import NetworkMap, analyze
    >>> m = NetworkMap("Kindertal")
    >>> out = write_report(m, pathlib.Path(tempfile.mkdtemp()) / "bericht.html",
    ...                    result=analyze(m, progress=False), include_map=False)
    >>> out.name, "Netzwerkbericht Kindertal" in out.read_text(encoding="utf-8")
    ('bericht.html', True)
    """
    page = render_report(m, result=result, title=title, anonymous=anonymous,
                         with_contacts=with_contacts, include_map=include_map, layout=layout,
                         top_findings=top_findings, figures=figures)
    target = write_page(path, page)
    log.info("Bericht geschrieben: %s", target)
    return target

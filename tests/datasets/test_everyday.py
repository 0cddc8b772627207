"""The everyday workbook: what administrators type must validate and analyse correctly.

Fifty random towns (150–300 nodes, every problem planted) are written the way people who
never read our lists fill the template (:func:`~netzkarte.datasets.synthetic.
everyday_workbook`, word pools in ``tests/everyday_words.py``). The product promise, checked
on every town:

1. the workbook validates without errors (warnings allowed), and ``netzkarte pruefen``
   accepts it as a real .xlsx;
2. every planted problem is found in its place at severity high or medium;
3. no high or medium finding contradicts what the workbook describes (``tests/planted.py``
   defines "contradicts" per kind of finding);
4. every messy form occurs in the rows (so none of the above passes vacuously).

The generator's own guarantees (the ground truth, determinism, a perfect reader finding
everything) are checked first.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from everyday_words import AMBIGUOUS, CATEGORY_WORDS, UNKNOWN, WORDS
from planted import contradictions, missed

from netzkarte import NetworkMap
from netzkarte.analysis import AnalysisResult, analyze
from netzkarte.datasets.synthetic import EverydayWorkbook, everyday_workbook, synthetic
from netzkarte.errors import ValidationReport
from netzkarte.io.build import build_map
from netzkarte.vocab import EdgeKind, Level, LifePhase, NodeType, OfferStatus

TOWNS = 50
SAFE = {"Sportverein", "Kirchengemeinde", "Migrantenorganisation", "Ehrenamtsinitiative",
        "Kultureinrichtung", "Musikschule", "Stiftung", "Wohnungsunternehmen", "Therapiepraxis"}


def _size(seed: int) -> int:
    return 150 + (seed * 37) % 151


@dataclass
class Town:
    seed: int
    book: EverydayWorkbook
    built: NetworkMap
    report: ValidationReport
    result: AnalysisResult


@pytest.fixture(scope="module")
def towns() -> list[Town]:
    logging.disable(logging.WARNING)
    try:
        out = []
        for seed in range(TOWNS):
            book = everyday_workbook(_size(seed), seed=seed, plant="all", words=WORDS)
            built, report = build_map(book.sheets, meta=book.meta)
            out.append(Town(seed, book, built, report, analyze(built, progress=False)))
        return out
    finally:
        logging.disable(logging.NOTSET)


def _cells(towns: list[Town], sheet: str, *headers: str
           ) -> Iterator[tuple[Town, dict[str, object], object]]:
    for town in towns:
        for row in town.book.sheets[sheet]:
            for header in headers:
                yield town, row, row.get(header)


def _summary(counter: Counter[str], limit: int = 12) -> str:
    return "\n".join(f"{n:5d} × {what}" for what, n in counter.most_common(limit))


# --- the generator's own guarantees (independent of the reader) -------------------------------


def test_same_seed_same_workbook_and_the_default_mode_is_untouched() -> None:
    before = synthetic(200, seed=3, plant="all")
    a = everyday_workbook(200, seed=3, plant="all", words=WORDS)
    b = everyday_workbook(200, seed=3, plant="all", words=WORDS)
    after = synthetic(200, seed=3, plant="all")
    assert a.sheets == b.sheets and a.meta == b.meta and a.truth == b.truth
    assert list(before.map.graph.nodes(data=True)) == list(after.map.graph.nodes(data=True))
    assert list(before.map.graph.edges(data=True)) == list(after.map.graph.edges(data=True))
    assert before.truth == after.truth
    assert a.sheets != everyday_workbook(200, seed=4, plant="all", words=WORDS).sheets


def test_rows_hold_every_node_and_edge_of_the_map(towns: list[Town]) -> None:
    for town in towns[:5]:
        m, sheets = town.book.map, town.book.sheets
        ids = [r["ID"] for s in ("Akteure", "Ämter", "Gremien", "Angebote") for r in sheets[s]]
        assert sorted(ids) == sorted(m.graph.nodes)
        members = sum(1 for _, _, d in m.graph.edges(data=True) if d["kind"] is EdgeKind.MEMBER)
        assert len(sheets["Mitgliedschaften"]) == members
        assert [r["Sozialraum"] for r in sheets["Sozialräume"]] == list(m.districts.index)


def test_truth_knows_which_offers_count(towns: list[Town]) -> None:
    seen_inactive_in_gap = 0
    for town in towns:
        m, truth = town.book.map, town.book.truth
        inactive = {n for n, d in m.graph.nodes(data=True) if d["type"] is NodeType.OFFER
                    and d.get("status") is not OfferStatus.RUNNING}
        assert inactive == set(truth.inactive_offers)
        running = {(d["district"], p.value) for _, d in m.graph.nodes(data=True)
                   if d["type"] is NodeType.OFFER and d.get("status") is OfferStatus.RUNNING
                   for p in d.get("life_phases", ())}
        gaps = set(truth.coverage_gaps)
        assert gaps and not gaps & running
        assert {(d, p.value) for d in m.districts.index for p in LifePhase} - gaps <= running
        for district, phase in gaps:
            seen_inactive_in_gap += any(
                m.graph.nodes[o]["district"] == district
                and phase in {p.value for p in m.graph.nodes[o].get("life_phases", ())}
                for o in inactive)
    assert seen_inactive_in_gap == sum(len(t.book.truth.coverage_gaps) for t in towns)


def test_unclassifiable_nodes_matter_for_no_planted_problem(towns: list[Town]) -> None:
    total = 0
    for town in towns:
        m, truth = town.book.map, town.book.truth
        steering = {u for sg in truth.steering_groups for u in m.members(sg)}
        rows = {r["ID"]: r for r in town.book.sheets["Akteure"]}
        for nid in truth.unclassifiable:
            total += 1
            data = m.graph.nodes[nid]
            assert data["category"] in SAFE and nid not in steering, nid
            cell = rows[nid]["Kategorie"]
            assert cell is None or cell in AMBIGUOUS, (nid, cell)
            assert not str(data["name"]).casefold().startswith(data["category"].casefold())
    assert total > 0


def test_a_perfect_reader_finds_every_plant_and_nothing_false(towns: list[Town]) -> None:
    """The map the rows describe, analysed as it is: the ground truth is consistent."""
    for town in towns[:6]:
        result = analyze(town.book.map, progress=False)
        assert missed(result, town.book.truth) == [], town.seed
        assert contradictions(result, town.book.map, town.book.truth) == [], town.seed


# --- 1. the workbook validates ----------------------------------------------------------------


def test_every_everyday_workbook_validates_without_errors(towns: list[Town]) -> None:
    problems: Counter[str] = Counter()
    for town in towns:
        for issue in town.report.errors:
            problems[f"{issue.code} {issue.sheet}/{issue.column}: {issue.value!r}"] += 1
    failing = sum(1 for t in towns if t.report.errors)
    assert not problems, (f"{failing} of {len(towns)} workbooks have errors, e.g.:\n"
                          + _summary(problems))


def test_pruefen_accepts_a_written_everyday_workbook(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    from netzkarte.cli import main

    book = everyday_workbook(220, seed=11, plant="all", words=WORDS)
    path = book.write(tmp_path / "alltag.xlsx")
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames[0] == "Anleitung"
    assert wb["Akteure"].max_row == len(book.sheets["Akteure"]) + 1
    code = main(["pruefen", str(path)])
    out = capsys.readouterr()
    assert code == 0, out.out[-3000:] + out.err[-3000:]


# --- 2. every planted problem is found in its place -------------------------------------------


def test_every_planted_problem_is_found_in_its_place(towns: list[Town]) -> None:
    misses: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for town in towns:
        for line in missed(town.result, town.book.truth):
            plant = line.split()[0]
            misses[plant] += 1
            examples.setdefault(plant, f"seed {town.seed}: {line}")
    planted = Counter(p for t in towns for p in t.book.truth.planted)
    assert not misses, "missed (high/medium, in place) per plant of " + str(dict(planted)) \
        + ":\n" + "\n".join(f"{n:4d} × {p} — e.g. {examples[p]}" for p, n in misses.items())


# --- 3. no serious finding contradicts the ground truth ---------------------------------------


def test_no_serious_finding_contradicts_the_truth(towns: list[Town]) -> None:
    found: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for town in towns:
        for line in contradictions(town.result, town.book.map, town.book.truth):
            key = line.split(":")[0]
            found[key] += 1
            examples.setdefault(key, f"seed {town.seed}: {line}")
    assert not found, "contradicting findings:\n" + "\n".join(
        f"{n:4d} × {k} — e.g. {examples[k]}" for k, n in found.most_common())


# --- 4. every messy form occurs ---------------------------------------------------------------

_SEPARATED = re.compile(r"\s*(?: / |/|, |\n|; )\s*")
_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember")
_DATE_FORMS = {
    "year": re.compile(r"\d{4}"), "month/year": re.compile(r"\d{2}/\d{4}"),
    "month name": re.compile(rf"(?:{'|'.join(_MONTHS)}) \d{{4}}"),
    "seit": re.compile(r"seit .*\d{4}"),
    "season": re.compile(r"(?:Frühjahr|Sommer|Herbst|Winter) \d{4}"),
    "school year": re.compile(r"Schuljahr \d{4}/\d{2}"),
}


def test_categories_are_written_in_everyday_words(towns: list[Town]) -> None:
    words = {w for pool in CATEGORY_WORDS.values() for w in pool} - set(CATEGORY_WORDS)
    cells = Counter(str(c) for s in ("Akteure", "Ämter", "Angebote")
                    for _, _, c in _cells(towns, s, "Kategorie") if c is not None)
    assert sum(cells[w] for w in words) > 1000
    for example in ("Städt. Kindertageseinrichtung", "Kinder- und Jugendarztpraxis",
                    "Gemeinschaftsgrundschule", "Weiterführende Schule", "Krabbelgruppe",
                    "Eltern-Kind-Gruppe", "Schwangerschaftsberatungsstelle",
                    "Kommunales Jobcenter", "Jugendberufsagentur", "Stadtteilmütter",
                    "Moscheeverein", "Turnverein"):
        assert cells[example], example
    assert any(cells[w] for w in AMBIGUOUS)
    telling_empty = sum(
        1 for town in towns for s in ("Akteure", "Ämter", "Angebote")
        for row in town.book.sheets[s] if row.get("Kategorie") is None
        and str(row["Name"]).casefold().startswith(
            str(town.book.map.graph.nodes[row["ID"]].get("category", "")).casefold() or "\0"))
    assert telling_empty > 50


def test_levels_and_life_phases_are_written_as_people_do(towns: list[Town]) -> None:
    municipal = [row for town, row, level in _cells(towns, "Akteure", "Ebene")
                 if level in WORDS.municipal_levels and row.get("Sozialraum")
                 and town.book.map.graph.nodes[row["ID"]].get("level") is Level.DISTRICT]
    assert len(municipal) > 50
    empty = sum(1 for s in ("Akteure", "Angebote") for _, row, c in _cells(towns, s, "Lebensphasen")
                if c is None and row.get("Kategorie") is not None)
    assert empty > 500
    phases = [str(c) for s in ("Akteure", "Angebote", "Gremien")
              for _, _, c in _cells(towns, s, "Lebensphasen") if c is not None]
    parts = Counter(p for c in phases for p in _SEPARATED.split(c.replace("Schule/Beruf", "§")))
    for word in ("alle", "Ü3", "U3", "Kindergartenalter", "Grundschulalter", "Klasse 1–4",
                 "Klasse 5–10", "Hort", "0–16", "16–25 Jahre", "0 bis 27"):
        assert parts[word], word
    for sep in ("/", ", ", "\n"):
        assert any(sep in c.replace("Schule/Beruf", "§") for c in phases), repr(sep)


def test_dates_numbers_and_unknowns_are_written_as_people_do(towns: list[Town]) -> None:
    dates = [str(c) for s, h in (("Mitgliedschaften", "Seit"), ("Beziehungen", "Seit"))
             for _, _, c in _cells(towns, s, h) if c is not None]
    for form, pattern in _DATE_FORMS.items():
        assert any(pattern.fullmatch(d) for d in dates), form
    caps = [str(c) for _, _, c in _cells(towns, "Angebote", "Kapazität") if isinstance(c, str)]
    assert any(re.fullmatch(r"ca\. \d+", c) for c in caps)
    assert any(re.fullmatch(r"\d+ Plätze", c) for c in caps)
    indicators = [c for town in towns for row in town.book.sheets["Sozialräume"]
                  for h, c in row.items() if h.endswith("(%)")]
    assert any(isinstance(c, str) and re.fullmatch(r"\d+,\d ?%", c) for c in indicators)
    assert any(c in UNKNOWN for c in indicators)
    optional = [c for s, hs in (("Angebote", ("Kapazität", "Aufsuchend")),
                                ("Akteure", ("Breitengrad", "Kontakt")),
                                ("Gremien", ("Politisch legitimiert",)),
                                ("Beziehungen", ("Formal",)))
                for _, _, c in _cells(towns, s, *hs)]
    for marker in ("k. A.", "–", "unbekannt"):
        assert marker in optional, marker


def test_rhythms_strengths_ranks_and_roles_are_words(towns: list[Town]) -> None:
    meetings = Counter(str(c) for _, _, c in _cells(towns, "Gremien", "Sitzungen pro Jahr"))
    for word in ("monatlich", "vierteljährlich", "2x jährlich"):
        assert meetings[word], word
    strengths = Counter(str(c) for _, _, c in _cells(towns, "Beziehungen", "Stärke"))
    for word in ("eng", "sehr eng", "lose", "gelegentlich", "regelmäßig"):
        assert strengths[word], word
    ranks = Counter(str(c) for s in ("Akteure", "Ämter")
                    for _, _, c in _cells(towns, s, "Hierarchieebene"))
    for word in ("Sachbearbeitung", "Sachgebietsleitung", "Fachdienstleitung"):
        assert ranks[word], word
    roles = [str(c) for s in ("Akteure", "Ämter") for _, _, c in _cells(towns, s, "Rollen")
             if c is not None]
    assert any("/" in r for r in roles) and any("\n" in r for r in roles)
    topics = [str(c) for _, _, c in _cells(towns, "Gremien", "Themen") if c is not None]
    assert any("\n" in t for t in topics)


def test_references_use_names_as_people_write_them(towns: list[Town]) -> None:
    kinds: Counter[str] = Counter()
    for town in towns:
        m = town.book.map
        names = {str(d["name"]) for _, d in m.graph.nodes(data=True)}
        dashed = {n.replace("–", "-"): n for n in names if "–" in n}
        for sheet, headers in (("Mitgliedschaften", ("Mitglied", "Gremium")),
                               ("Beziehungen", ("Von", "Zu")), ("Angebote", ("Anbieter",)),
                               ("Akteure", ("Organisation",))):
            for _, _, value in _cells([town], sheet, *headers):
                if value is None or value in m.graph:
                    continue
                text = str(value)
                kinds[f"name in {sheet}"] += 1
                if text in dashed:
                    kinds["hyphen for dash"] += 1
                elif text not in names and f"{text} e. V." in names:
                    kinds["without e. V."] += 1
                elif text not in names and re.sub(r" (e\.V\.|eV)$", " e. V.", text) in names:
                    kinds["other e. V."] += 1
    for kind in ("name in Mitgliedschaften", "name in Beziehungen", "name in Angebote",
                 "name in Akteure", "hyphen for dash", "without e. V.", "other e. V."):
        assert kinds[kind], (kind, kinds)


def test_planned_and_ended_offers_are_in_the_rows(towns: list[Town]) -> None:
    status = Counter(str(c) for _, _, c in _cells(towns, "Angebote", "Status"))
    assert status["geplant"] + status["in Planung"] > 20
    assert status["beendet"] + status["eingestellt"] + status["ausgelaufen"] > 10

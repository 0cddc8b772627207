"""The example town Kindertal: clean build, shipped workbooks, and the case study's facts.

The content tests check what a reader of the quality framework's case study (chapter 3,
see docs/grundlagen.md) expects to find on Kindertal's Netzwerkkarte.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import netzkarte
from netzkarte import NetworkMap, NetzkarteError
from netzkarte.datasets import kindertal
from netzkarte.datasets.kindertal import (
    DATA,
    REGENERATE,
    SOURCE,
    YEARS,
    example_path,
    kindertal_report,
    write_examples,
)
from netzkarte.io.excel import read_tables, validate_excel
from netzkarte.vocab import (
    ActorForm,
    CommitteeType,
    EdgeKind,
    Level,
    LifePhase,
    MemberFunction,
    NodeType,
    Rank,
    Role,
    Tier,
)

ROOT = Path(__file__).resolve().parents[2]
BURDENED = ("Nordstadt", "Kreuzfeld")
GOALS = (
    "Chancengerechtes Aufwachsen: Auf die ersten Jahre kommt es an",
    "Passgenaue Unterstützung: Elternbeteiligung als Schlüssel",
    "Bildungsübergänge biografieorientiert gestalten: Jedes Kind ist anders",
    "Buntes Kindertal: Vielfalt als Chance",
)


@pytest.fixture(scope="module")
def m19() -> NetworkMap:
    return kindertal(2019)


@pytest.fixture(scope="module")
def m17() -> NetworkMap:
    return kindertal(2017)


def _by_year(year: int, m17: NetworkMap, m19: NetworkMap) -> NetworkMap:
    return m17 if year == 2017 else m19


# --- comparing two maps (the drift check) --------------------------------------------------


def _edge_key(u: str, v: str, data: dict[str, Any]) -> tuple[str, str, str]:
    return u, v, repr(sorted(data.items()))


def differences(expected: NetworkMap, actual: NetworkMap) -> list[str]:
    """What differs between two maps: nodes with attributes, edge multiset, districts, meta.

    ``meta.source`` (the file name) and ``meta.extra`` are not compared: the reader fills
    only the fields of ``schema.META_FIELDS``.
    """
    out: list[str] = []
    a: dict[str, dict[str, Any]] = {n: d for n, d in expected.graph.nodes(data=True)}
    b: dict[str, dict[str, Any]] = {n: d for n, d in actual.graph.nodes(data=True)}
    out += [f"node {n} missing" for n in a if n not in b]
    out += [f"node {n} unexpected" for n in b if n not in a]
    for n in a.keys() & b.keys():
        changed = sorted(k for k in a[n].keys() | b[n].keys() if a[n].get(k) != b[n].get(k))
        if changed:
            out.append(f"node {n}: {', '.join(changed)} differ")
    ea = Counter(_edge_key(u, v, d) for u, v, d in expected.graph.edges(data=True))
    eb = Counter(_edge_key(u, v, d) for u, v, d in actual.graph.edges(data=True))
    out += [f"edge {u} → {v} missing ({d})" for (u, v, d) in (ea - eb)]
    out += [f"edge {u} → {v} unexpected ({d})" for (u, v, d) in (eb - ea)]
    try:
        pd.testing.assert_frame_equal(expected.districts, actual.districts)
    except AssertionError as err:
        out.append(f"districts differ: {err}")
    for attr in ("municipality", "county", "title", "snapshot", "mission", "goals"):
        if getattr(expected.meta, attr) != getattr(actual.meta, attr):
            out.append(f"meta.{attr}: {getattr(expected.meta, attr)!r} != "
                       f"{getattr(actual.meta, attr)!r}")
    return out


def test_differences_finds_a_changed_name_a_dropped_edge_and_a_changed_stand(
        m19: NetworkMap) -> None:
    changed = m19.copy()
    changed.graph.nodes["A-KITA-NS1"]["name"] = "Kita Umbenannt"
    u, v, key, _ = next(changed.iter_edges(EdgeKind.COOPERATION))
    changed.graph.remove_edge(u, v, key)
    changed.meta.snapshot = date(2020, 1, 1)
    found = differences(m19, changed)
    assert "node A-KITA-NS1: name differ" in found
    assert sum(f.startswith(f"edge {u} → {v} missing") for f in found) == 1
    assert any(f.startswith("meta.snapshot") for f in found)
    assert differences(m19, m19.copy()) == []


# --- building ------------------------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_kindertal_rows_pass_the_validator_without_errors_or_warnings(year: int) -> None:
    report = kindertal_report(year)
    assert (report.errors, report.warnings) == ([], []), [str(i) for i in report.issues]
    assert report.counts["edges"] > 600


@pytest.mark.parametrize(("year", "stand"), [(2019, date(2019, 3, 31)),
                                              (2017, date(2017, 6, 30))])
def test_meta_carries_leitbild_goals_and_stand(year: int, stand: date) -> None:
    meta = kindertal(year).meta
    assert (meta.municipality, meta.county) == ("Kindertal", "Kindertal-Lernfurt")
    assert meta.title == "Netzwerkkarte der Präventionskette Kindertal"
    assert meta.snapshot == stand
    assert meta.mission == "Gut aufwachsen in Kindertal"
    assert meta.goals == GOALS
    assert meta.source == SOURCE
    assert meta.extra["Bundesland"] == "Nordrhein-Westfalen"
    assert meta.extra["Programmgebiete"] == "Nordstadt; Kreuzfeld"


@pytest.mark.parametrize("year", [2018, 2019.0, "2019", True, None])
def test_other_years_give_a_german_error(year: Any) -> None:
    with pytest.raises(NetzkarteError, match="nur für die Jahre 2017 und 2019"):
        kindertal(year)


def test_each_call_returns_an_independent_copy() -> None:
    first = kindertal()
    first.remove_node("A-KITA-NS1")
    first.meta.title = "geändert"
    first.meta.extra["Bundesland"] = "geändert"
    first.graph.nodes["A-GS-NS1"]["extra"]["Notiz"] = "geändert"
    *_, data = next(first.iter_edges(EdgeKind.COOPERATION))
    data["extra"]["Notiz"] = "geändert"
    first.districts.loc["Nordstadt", "population"] = 1
    second = kindertal()
    assert "A-KITA-NS1" in second
    assert second.meta.title == "Netzwerkkarte der Präventionskette Kindertal"
    assert second.meta.extra["Bundesland"] == "Nordrhein-Westfalen"
    assert second.node("A-GS-NS1")["extra"] == {}
    assert all("Notiz" not in d["extra"] for _, _, _, d in second.iter_edges())
    assert second.districts.loc["Nordstadt", "population"] == 9800


def test_import_netzkarte_exposes_datasets_without_heavy_libraries() -> None:
    code = ("import sys, netzkarte; assert callable(netzkarte.datasets.kindertal); "
            "print(sorted(m for m in ('matplotlib', 'igraph', 'pyvis', 'openpyxl') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
    assert "datasets" in netzkarte.__all__


# --- shipped workbooks ---------------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_shipped_workbook_is_valid_and_reads_as_kindertal(year: int, m17: NetworkMap,
                                                           m19: NetworkMap) -> None:
    path = ROOT / "examples" / f"kindertal_{year}.xlsx"
    assert path == example_path(year)
    read, report = validate_excel(path)
    assert (report.errors, report.warnings) == ([], []), [str(i) for i in report.issues]
    assert read is not None
    found = differences(_by_year(year, m17, m19), read)
    assert not found, (f"examples/{path.name} no longer matches the Kindertal data "
                       f"({len(found)} differences, e.g. {found[:5]}). Regenerate the "
                       f"shipped workbooks with: {REGENERATE}")


@pytest.mark.parametrize("year", YEARS)
def test_shipped_workbook_cells_match_a_fresh_export(year: int, tmp_path: Path) -> None:
    fresh = write_examples(tmp_path)
    assert [p.name for p in fresh] == ["kindertal_2019.xlsx", "kindertal_2017.xlsx"]
    shipped = read_tables(example_path(year))
    new = read_tables(example_path(year, tmp_path))
    assert shipped.meta == new.meta, f"Regenerate with: {REGENERATE}"
    assert list(shipped.sheets) == list(new.sheets)
    for name, frame in new.sheets.items():
        same = frame.equals(shipped.sheets[name])
        assert same, (f"Sheet „{name}“ of examples/kindertal_{year}.xlsx differs from a fresh "
                      f"export. Regenerate the shipped workbooks with: {REGENERATE}")


def test_shipped_data_files_are_what_the_tool_writes() -> None:
    """The example is edited in tools/kindertal_data.py; the package ships its rows as JSON."""
    import json
    import sys

    tools = Path(__file__).resolve().parents[2] / "tools"
    sys.path.insert(0, str(tools))
    try:
        from regenerate import kindertal_json  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(tools))
    for year in YEARS:
        shipped = json.loads((DATA / f"kindertal_{year}.json").read_text(encoding="utf-8"))
        assert shipped == json.loads(json.dumps(kindertal_json(year))), (
            f"netzkarte/datasets/data/kindertal_{year}.json is out of date: {REGENERATE}")


# --- the case study's facts ----------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_size_and_every_node_type_and_edge_kind(year: int, m17: NetworkMap,
                                                m19: NetworkMap) -> None:
    m = _by_year(year, m17, m19)
    assert 250 <= len(m) <= 400
    assert all(n > 0 for n in m.counts().values())
    assert {k for k, n in m.edge_counts().items() if n} == {k.value for k in EdgeKind}
    forms = Counter(d.get("form") for _, d in m.graph.nodes(data=True)
                    if d["type"] is NodeType.ACTOR)
    assert all(forms[f] > 0 for f in ActorForm)


def test_promoters_of_every_kind(m19: NetworkMap) -> None:
    roles = Counter(r for _, d in m19.graph.nodes(data=True) for r in d.get("roles") or ())
    assert set(roles) == set(Role)
    assert roles[Role.POWER_PROMOTER] >= 5 and roles[Role.EXPERT_PROMOTER] >= 5


def _steering_group(m: NetworkMap) -> str:
    groups = [n for n, d in m.graph.nodes(data=True)
              if d.get("committee_type") is CommitteeType.STEERING_GROUP
              and d.get("tier") is Tier.A and d.get("level") is Level.MUNICIPALITY]
    assert len(groups) == 1, groups
    return groups[0]


def _functions(m: NetworkMap, committee: str) -> dict[str, MemberFunction]:
    return {u: d["function"] for u, _, d in m.graph.in_edges(committee, data=True)
            if d["kind"] is EdgeKind.MEMBER}


@pytest.mark.parametrize("year", YEARS)
def test_steering_group_chaired_by_the_mayor_with_the_members_the_case_study_names(
        year: int, m17: NetworkMap, m19: NetworkMap) -> None:
    m = _by_year(year, m17, m19)
    sg = _steering_group(m)
    functions = _functions(m, sg)
    chairs = [n for n, f in functions.items() if f is MemberFunction.CHAIR]
    assert len(chairs) == 1
    mayor = m.node(chairs[0])
    assert mayor["form"] is ActorForm.PERSON
    assert Role.POWER_PROMOTER in mayor["roles"] and mayor["rank"] is Rank.TOP
    assert m.node(m.organisation(chairs[0]) or "")["category"] == "Verwaltungsspitze"
    assert "Bürgermeisterin" in mayor["note"]
    # Jugendamt, Jobcenter (örtliche Geschäftsstelle), Schulverwaltungsamt, Stadtplanung,
    # Freie Wohlfahrtspflege; from the Kreis: Gesundheitsamt, Regionales Bildungsbüro,
    # Kommunales Integrationszentrum, Gesundheitskonferenz, Statistisches Amt
    organisations = {m.organisation(n) for n in functions}
    assert organisations == {"AMT-VS", "AMT-JA", "AMT-JC", "AMT-SVA", "AMT-SPL", "A-CARITAS",
                             "AMT-KGA", "AMT-RBB", "AMT-KI", "AMT-GKGS", "AMT-STAT"}
    assert m.node("A-P-WOLFF")["note"].endswith("Sprecherin der AG Freie Wohlfahrtspflege")
    leaders = [n for n, f in functions.items() if f is MemberFunction.MEMBER]
    assert all(m.node(n)["rank"] is Rank.OFFICE_HEAD for n in leaders)


def test_coordinator_is_a_staff_unit_at_the_jugendamt(m19: NetworkMap) -> None:
    sg = _steering_group(m19)
    coordination = [n for n, f in _functions(m19, sg).items()
                    if f is MemberFunction.COORDINATION]
    assert len(coordination) == 1
    person = m19.node(coordination[0])
    assert Role.COORDINATOR in person["roles"]
    assert person["rank"] is Rank.STAFF_UNIT
    assert m19.node(m19.organisation(coordination[0]) or "")["category"] == "Jugendamt"


def test_tiered_steering_a_b_c(m19: NetworkMap) -> None:
    tiers = Counter(d.get("tier") for _, d in m19.graph.nodes(data=True)
                    if d["type"] is NodeType.COMMITTEE)
    assert all(tiers[t] >= 1 for t in Tier)
    district_bodies = {d.get("district") for _, d in m19.graph.nodes(data=True)
                       if d.get("tier") is Tier.C}
    assert set(BURDENED) <= district_bodies


@pytest.mark.parametrize("year", YEARS)
def test_the_two_burdened_northern_districts(year: int, m17: NetworkMap,
                                             m19: NetworkMap) -> None:
    m = _by_year(year, m17, m19)
    quota = m.districts["SGB-II-Quote Kinder (%)"].sort_values(ascending=False)
    assert tuple(quota.index[:2]) == BURDENED
    assert m.meta.extra["Programmgebiete"] == "; ".join(BURDENED)
    actors = m.actors
    for category in ("Kinderarztpraxis", "Erziehungsberatungsstelle"):
        located = actors.loc[actors["category"] == category, "district"]
        assert len(located) >= 2  # they exist, just not there
        assert not located.isin(BURDENED).any(), located.to_dict()


def _family_centres_in_the_north(m: NetworkMap) -> list[str]:
    return sorted(n for n, d in m.graph.nodes(data=True)
                  if d.get("category") == "Familienzentrum" and d.get("district") in BURDENED)


def test_two_family_centres_in_the_north_in_2017_and_more_in_2019(m17: NetworkMap,
                                                                   m19: NetworkMap) -> None:
    before, after = _family_centres_in_the_north(m17), _family_centres_in_the_north(m19)
    assert before == ["A-KITA-KF1", "A-KITA-NS1"]
    assert len(after) == 5 and set(before) < set(after)
    # the converted Kitas kept their stable ids and were plain Kitas in 2017
    assert all(m17.node(n)["category"] == "Kita" for n in set(after) - set(before))


def test_2019_keeps_the_stable_ids_of_2017_and_adds_new_ones(m17: NetworkMap,
                                                             m19: NetworkMap) -> None:
    kept = set(m17) & set(m19)
    assert len(kept) / len(m17) >= 0.95
    assert len(set(m19) - set(m17)) >= 25
    assert len(m19.node_ids("committee")) > len(m17.node_ids("committee"))


@pytest.mark.parametrize("year", YEARS)
def test_offers_cover_all_six_life_phases(year: int, m17: NetworkMap, m19: NetworkMap) -> None:
    m = _by_year(year, m17, m19)
    phases = Counter(p for _, d in m.graph.nodes(data=True) if d["type"] is NodeType.OFFER
                     for p in d.get("life_phases") or ())
    assert set(phases) == set(LifePhase)
    assert min(phases.values()) >= 3


# Real people named in the source documents (the contact person of the Hochsauerlandkreis
# talk, the authors of the promoter model) must not appear. Stored as SHA-256 prefixes of the
# case-folded words, so this test file does not spread the names either.
_REAL = frozenset({"5745d3cf0cfd2b37", "b739f20c305b0f69", "2c70f132a00e28c8",
                   "8d3dcfd302904a57", "1b1d61f68321c4fa", "a2f5f206f79898a1"})


def _texts(m: NetworkMap) -> list[str]:
    texts: list[str] = []
    for _, d in m.graph.nodes(data=True):
        texts += [v for v in d.values() if isinstance(v, str)]
        texts += [str(v) for v in d.get("extra", {}).values()]
    for _, _, d in m.graph.edges(data=True):
        texts += [v for v in d.values() if isinstance(v, str)]
    return texts


def _hashes(text: str) -> set[str]:
    words = re.findall(r"\w+", text.casefold())
    grams = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
    return {hashlib.sha256(g.encode()).hexdigest()[:16] for g in grams}


def test_only_fictitious_names_and_contacts(m17: NetworkMap, m19: NetworkMap) -> None:
    assert _hashes("Anna Reich") & _REAL  # the check itself works
    for m in (m17, m19):
        leaked = [t for t in _texts(m) if _hashes(t) & _REAL]
        assert leaked == []
        contacts = [d["contact"] for _, d in m.graph.nodes(data=True) if d.get("contact")]
        assert contacts and all(c.endswith("@kindertal.example") for c in contacts)

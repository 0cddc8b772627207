"""Exchange formats: JSON round trip, Excel round trip, GraphML and GEXF, save/load."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import assert_maps_equal, map_differences, network_maps

from netzkarte import InputError, NetworkMap, ValidationError
from netzkarte.io import exchange
from netzkarte.io.exchange import load, read_json, save, write_gexf, write_graphml, write_json
from netzkarte.vocab import LifePhase, Sector, Strength

_PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                           HealthCheck.function_scoped_fixture])
GEXF_NS = "{http://www.gexf.net/1.2draft}"
VIZ_NS = "{http://www.gexf.net/1.2draft/viz}"


# --- JSON ---------------------------------------------------------------------------------


@settings(_PROPERTY, max_examples=60)
@given(network_maps())
def test_json_round_trip_is_identical(tmp_path_factory: pytest.TempPathFactory,
                                      original: NetworkMap) -> None:
    path = tmp_path_factory.mktemp("json") / "karte.json"
    assert_maps_equal(original, read_json(write_json(original, path)))


@settings(_PROPERTY, max_examples=25)
@given(network_maps(excel=True))
def test_xlsx_round_trip_is_identical(tmp_path_factory: pytest.TempPathFactory,
                                      original: NetworkMap) -> None:
    from netzkarte.io.excel import read_excel
    from netzkarte.io.template import write_excel

    path = tmp_path_factory.mktemp("xlsx") / "karte.xlsx"
    assert_maps_equal(original, read_excel(write_excel(original, path)))


def test_json_document_of_small_map(small_map: NetworkMap, tmp_path: Path) -> None:
    small_map.meta.snapshot = date(2024, 3, 1)
    small_map.meta.source = "/home/frau.kurz/Netzwerk/karte.xlsx"
    small_map.graph.nodes["KITA1"]["extra"]["Träger-Nr."] = 17
    text = write_json(small_map, tmp_path / "k.json").read_text(encoding="utf-8")
    assert "Bürgermeisterin" in text  # umlauts unescaped
    assert "frau.kurz" not in text  # the source path is not shared
    assert read_json(tmp_path / "k.json").meta.source == str(tmp_path / "k.json")
    doc = json.loads(text)
    assert doc["schema"] == "netzkarte/1"
    assert doc["netzkarte_version"] == "0.1.0"
    assert doc["meta"]["municipality"] == "Testheim"
    assert doc["meta"]["snapshot"] == "2024-03-01"
    cafe = next(n for n in doc["nodes"] if n["id"] == "CAFE")
    assert cafe == {"id": "CAFE", "type": "offer", "name": "Elterncafé Nord",
                    "category": "Elterncafé", "district": "Nord", "venue": "KITA1",
                    "outreach": True, "sector": "youth_welfare", "life_phases": ["u3", "kita"],
                    "extra": {}, "defaults": ["sector", "life_phases"]}  # from its category
    kita = next(n for n in doc["nodes"] if n["id"] == "KITA1")
    assert kita["extra"] == {"Träger-Nr.": 17}
    coop = next(e for e in doc["edges"] if e["kind"] == "cooperation")
    assert coop == {"source": "KITA1", "target": "GS1", "key": 0, "kind": "cooperation",
                    "strength": 3, "formal": True, "extra": {}}
    assert [e["kind"] for e in doc["edges"]][:2] == ["member", "member"]  # BM → SG first
    assert len(doc["edges"]) == 15


def test_typed_values_come_back_typed(small_map: NetworkMap, tmp_path: Path) -> None:
    small_map.graph.nodes["TR"]["extra"]["Gegründet"] = date(1990, 5, 17)
    small_map.add_edge("GS1", "TR", "cooperation", strength="Austausch", since="2019-03-01")
    back = read_json(write_json(small_map, tmp_path / "k.json"))
    assert back.node("KITA1")["sector"] is Sector.YOUTH_WELFARE
    assert back.node("KITA1")["life_phases"] == (LifePhase.U3, LifePhase.KITA)
    assert back.node("TR")["extra"]["Gegründet"] == date(1990, 5, 17)
    ((_, _, _, data),) = [e for e in back.iter_edges("cooperation") if e[0] == "GS1"]
    assert data["strength"] is Strength.EXCHANGE
    assert data["since"] == date(2019, 3, 1)


def test_edge_keys_and_parallel_edges_preserved(tmp_path: Path) -> None:
    m = NetworkMap("Testheim")
    m.add_node("A", "actor", name="A")
    m.add_node("B", "actor", name="B")
    for strength in (1, 2, 3):
        m.add_edge("A", "B", "cooperation", strength=strength)
    m.graph.remove_edge("A", "B", key=0)  # leaves keys 1 and 2
    back = read_json(write_json(m, tmp_path / "k.json"))
    assert [(k, d["strength"]) for _, _, k, d in back.iter_edges()] == [(1, 2), (2, 3)]


def test_districts_and_extra_columns_round_trip(small_map: NetworkMap, tmp_path: Path) -> None:
    import pandas as pd

    table = pd.DataFrame({"district": ["Nord", "Süd"], "municipality": ["Testheim"] * 2,
                          "population": [12000, 8000], "children": [2100, 1500],
                          "SGB-II-Quote Kinder": [18.5, float("nan")]}).set_index("district")
    small_map.set_districts(table)
    small_map.extra_columns = {"Akteure": ["Öffnungszeiten", "Träger-Nr."]}
    back = read_json(write_json(small_map, tmp_path / "k.json"))
    assert back.extra_columns == {"Akteure": ["Öffnungszeiten", "Träger-Nr."]}
    assert list(back.districts.index) == ["Nord", "Süd"]
    assert back.districts.loc["Nord", "SGB-II-Quote Kinder"] == 18.5
    assert pd.isna(back.districts.loc["Süd", "SGB-II-Quote Kinder"])
    assert str(back.districts["population"].dtype) == "int64"
    assert_maps_equal(small_map, back)


def test_assert_maps_equal_notices_changes(small_map: NetworkMap) -> None:
    other = small_map.copy()
    assert map_differences(small_map, other) == []
    other.graph.nodes["GS1"]["sector"] = Sector.HEALTH
    other.graph.remove_edge("JA", "TR")
    other.meta.title = "Anders"
    problems = map_differences(small_map, other)
    assert any(p.startswith("node 'GS1': sector") for p in problems)
    assert any(p.startswith("edges only in a") and "'JA', 'TR'" in p for p in problems)
    assert any(p.startswith("meta:") for p in problems)
    with pytest.raises(AssertionError):
        assert_maps_equal(small_map, other)
    text_not_enum = small_map.copy()
    text_not_enum.graph.nodes["GS1"]["sector"] = "education"  # a str, not Sector
    assert map_differences(small_map, text_not_enum)


# --- bad JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "code", "phrase"), [
    ('{"schema": "netzkarte/1", "nodes": [', "not-json", "kein gültiges JSON (Zeile 1"),
    ("Name;ID\nKita;1\n", "not-json", "kein gültiges JSON"),
    ('{"directed": true, "multigraph": true, "nodes": [], "links": []}', "wrong-schema",
     "keine netzkarte-Datei"),
    ('[1, 2, 3]', "wrong-schema", "keine netzkarte-Datei"),
    ('{"schema": "netzkarte/2", "nodes": []}', "wrong-schema", "pip install -U netzkarte"),
    ('{"schema": "graphology", "nodes": []}', "wrong-schema", "erwartet „netzkarte/1“"),
    ('{"schema": "netzkarte/1", "nodes": {"A": 1}}', "bad-json-structure",
     "„nodes“ muss eine Liste sein"),
    ('{"schema": "netzkarte/1", "nodes": ["A"]}', "bad-json-structure",
     "nodes[0] muss ein Objekt sein"),
    ("", "file-empty", "ist leer"),
])
def test_unreadable_json_is_an_input_error(tmp_path: Path, content: str, code: str,
                                           phrase: str) -> None:
    path = tmp_path / "karte.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_json(path)
    assert info.value.code == code
    assert phrase in str(info.value)


def test_missing_json_and_binary_json(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="gibt es nicht") as info:
        read_json(tmp_path / "fehlt.json")
    assert info.value.code == "file-missing"
    (tmp_path / "bild.json").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(InputError, match="keine UTF-8-Textdatei"):
        read_json(tmp_path / "bild.json")


def _doc(**parts: object) -> str:
    return json.dumps({"schema": "netzkarte/1", **parts})


def test_dangling_edge_and_bad_values_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "karte.json"
    path.write_text(_doc(nodes=[
        {"id": "A", "type": "actor", "name": "Kita", "sector": "gesundheitt"},
        {"id": "B", "type": "office", "name": "Jugendamt"},
        {"id": "B", "type": "office", "name": "doppelt"},
        {"id": "G", "type": "committee", "legitimated": "ja"},
    ], edges=[
        {"source": "A", "target": "X-9", "kind": "cooperation"},
        {"source": "B", "target": "G", "kind": "member", "since": "1.3.2019"},
        {"source": "G", "target": "A", "kind": "member"},
    ]), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        read_json(path)
    issues = {i.code: i for i in info.value.report.errors}
    assert set(issues) == {"unknown-value", "duplicate-id", "bad-bool", "unknown-reference",
                           "bad-date", "wrong-reference-type"}
    dangling = issues["unknown-reference"]
    assert dangling.value == "X-9"
    assert "„X-9“" in dangling.message and "gibt es in „nodes“ nicht" in dangling.message
    assert issues["unknown-value"].sheet == "Akteure"
    assert issues["unknown-value"].column == "Sektor"
    assert "Gremium → Akteur" in issues["wrong-reference-type"].message


# --- GraphML --------------------------------------------------------------------------------


def test_graphml_parses_back_with_labels(small_map: NetworkMap, tmp_path: Path) -> None:
    small_map.graph.nodes["KOORD"]["contact"] = "kurz@example.org"
    small_map.graph.nodes["KITA1"]["extra"]["Träger-Nr."] = 7
    small_map.graph.nodes["GS1"]["extra"]["Träger-Nr."] = "GS-7"  # mixed types → text
    g = nx.read_graphml(write_graphml(small_map, tmp_path / "k.graphml"),
                        force_multigraph=True)
    assert g.number_of_nodes() == 10 and g.number_of_edges() == 15
    assert g.is_directed()
    kita = g.nodes["KITA1"]
    assert kita["label"] == "Kita Sonnenschein"
    assert kita["type"] == "Akteur"
    assert kita["sector"] == "Kinder- und Jugendhilfe"
    assert kita["life_phases"] == "0–3 Jahre; 3–6 Jahre (Kita)"
    assert kita["extra_Träger-Nr."] == "7"
    assert "contact" not in g.nodes["KOORD"]
    assert "district" not in g.nodes["JA"]  # None/absent values are left out
    kinds = Counter(d["kind"] for _, _, d in g.edges(data=True))
    assert kinds == {"Mitglied": 7, "gehört zu": 2, "Kooperation": 1, "Trägerschaft": 1,
                     "Finanzierung": 1, "Vermittlung": 1, "berichtet an": 1, "Kontrakt": 1}
    coop = next(d for _, _, d in g.edges(data=True) if d["kind"] == "Kooperation")
    assert coop["weight"] == 3 and coop["strength"] == 3 and coop["directed"] is False
    assert g.graph["municipality"] == "Testheim"


def test_graphml_declares_one_type_per_attribute(small_map: NetworkMap, tmp_path: Path) -> None:
    small_map.graph.nodes["KITA1"]["extra"]["Plätze"] = 40
    small_map.graph.nodes["GS1"]["extra"]["Plätze"] = 2.5
    path = write_graphml(small_map, tmp_path / "k.graphml", include_contact=True)
    root = ET.parse(path).getroot()
    keys = [k.attrib for k in root.iter("{http://graphml.graphdrawing.org/xmlns}key")]
    names = [(k["attr.name"], k["for"]) for k in keys]
    assert len(names) == len(set(names))  # no attribute declared twice with two types
    places = next(k for k in keys if k["attr.name"] == "extra_Plätze")
    assert places["attr.type"] == "double"


def test_graphml_contact_only_on_request(small_map: NetworkMap, tmp_path: Path) -> None:
    small_map.graph.nodes["KOORD"]["contact"] = "kurz@example.org"
    g = nx.read_graphml(write_graphml(small_map, tmp_path / "k.graphml", include_contact=True))
    assert g.nodes["KOORD"]["contact"] == "kurz@example.org"


# --- GEXF -----------------------------------------------------------------------------------


def test_gexf_has_what_gephi_needs(small_map: NetworkMap, tmp_path: Path) -> None:
    path = write_gexf(small_map, tmp_path / "k.gexf")
    root = ET.parse(path).getroot()
    assert root.tag == f"{GEXF_NS}gexf" and root.attrib["version"] == "1.2"
    graph = root.find(f"{GEXF_NS}graph")
    assert graph is not None and graph.attrib["defaultedgetype"] == "directed"
    classes = {a.attrib["class"] for a in graph.findall(f"{GEXF_NS}attributes")}
    assert classes == {"node", "edge"}
    nodes = graph.findall(f"{GEXF_NS}nodes/{GEXF_NS}node")
    edges = graph.findall(f"{GEXF_NS}edges/{GEXF_NS}edge")
    assert len(nodes) == 10 and len(edges) == 15
    assert len({e.attrib["id"] for e in edges}) == 15
    ids = {n.attrib["id"] for n in nodes}
    assert all(e.attrib["source"] in ids and e.attrib["target"] in ids for e in edges)
    by_id = {n.attrib["id"]: n for n in nodes}
    assert by_id["CAFE"].attrib["label"] == "Elterncafé Nord"
    colours = {}
    for nid, node in by_id.items():
        colour = node.find(f"{VIZ_NS}color")
        assert colour is not None and node.find(f"{VIZ_NS}size") is not None
        colours[small_map.node_type(nid).value] = tuple(int(colour.attrib[c]) for c in "rgb")
    assert len(set(colours.values())) == 4  # one colour per node type
    types = Counter(e.attrib.get("type", "directed") for e in edges)
    assert types == {"directed": 13, "mutual": 2}  # cooperation and contract


def test_gexf_reads_back_with_networkx(small_map: NetworkMap, tmp_path: Path) -> None:
    g = nx.read_gexf(write_gexf(small_map, tmp_path / "k.gexf"))
    assert g.number_of_nodes() == 10
    assert g.number_of_edges() == 17  # the 2 mutual edges come back in both directions
    assert g.has_edge("GS1", "KITA1") and g.has_edge("KITA1", "GS1")
    assert g.nodes["SG"]["label"] == "Steuerungsgruppe"
    assert g.nodes["SG"]["type"] == "Gremium"
    assert g.nodes["SG"]["tier"] == "a – gesamtkommunale Leitung"


# --- save / load ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".gexf", ".xlsx", ".JSON"])
def test_save_dispatches_by_suffix(small_map: NetworkMap, tmp_path: Path, suffix: str) -> None:
    path = save(small_map, tmp_path / f"karte{suffix}")
    assert path.is_file() and path.stat().st_size > 0
    if suffix.lower() in (".json", ".xlsx"):
        assert_maps_equal(small_map, load(path))


def test_unknown_formats_are_refused(small_map: NetworkMap, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"Unbekanntes Zielformat „\.csv“") as info:
        save(small_map, tmp_path / "karte.csv")
    assert info.value.code == "unknown-format"
    (tmp_path / "karte.csv").write_text("a;b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"Lesbar sind \.xlsx"):
        load(tmp_path / "karte.csv")
    with pytest.raises(InputError, match="das ist ein Ordner"):
        load(tmp_path)


def test_failed_write_leaves_existing_file(small_map: NetworkMap, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "karte.graphml"
    target.write_text("alter Stand", encoding="utf-8")

    def broken(graph: object, path: Path, **_: object) -> None:
        Path(path).write_text("<halb", encoding="utf-8")
        raise RuntimeError("Platte voll")

    monkeypatch.setattr(exchange.nx, "write_graphml", broken)
    with pytest.raises(RuntimeError):
        write_graphml(small_map, target)
    assert target.read_text(encoding="utf-8") == "alter Stand"
    assert [p.name for p in tmp_path.iterdir()] == ["karte.graphml"]


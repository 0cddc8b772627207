"""Hand-built maps shared by test modules (import: ``from maps import build_small_map``)."""

from __future__ import annotations

from netzkarte import NetworkMap


def build_small_map() -> NetworkMap:
    """A hand-built map with every node type and edge kind (12 nodes)."""
    m = NetworkMap("Testheim")
    m.add_node("BM", "office", name="Bürgermeisterin", category="Verwaltungsspitze",
               rank="Verwaltungsspitze", roles=["Machtpromotor"])
    m.add_node("JA", "office", name="Jugendamt", category="Jugendamt", rank="Amtsleitung")
    m.add_node("JC", "office", name="Jobcenter", category="Jobcenter", rank="Amtsleitung")
    m.add_node("KOORD", "actor", name="Frau Kurz", form="Person", category="Person",
               rank="Stabsstelle", roles=["Netzwerkkoordination", "Fachpromotor"])
    m.add_node("KITA1", "actor", name="Kita Sonnenschein", category="Kita", district="Nord")
    m.add_node("GS1", "actor", name="Grundschule am Park", category="Grundschule",
               district="Nord")
    m.add_node("TR", "actor", name="Familienhilfe e. V.", category="Freier Träger")
    m.add_node("SG", "committee", name="Steuerungsgruppe", committee_type="Steuerungsgruppe",
               tier="a", legitimated=True)
    m.add_node("SRK", "committee", name="Sozialraumkonferenz Nord",
               committee_type="Sozialraumkonferenz", tier="c", district="Nord")
    m.add_node("CAFE", "offer", name="Elterncafé Nord", category="Elterncafé", district="Nord",
               venue="KITA1", outreach=True)
    m.add_edge("BM", "SG", "member", function="Vorsitz")
    m.add_edge("JA", "SG", "member")
    m.add_edge("JC", "SG", "member")
    m.add_edge("KOORD", "SG", "member", function="Koordination")
    m.add_edge("KITA1", "SRK", "member")
    m.add_edge("GS1", "SRK", "member")
    m.add_edge("KOORD", "SRK", "member", function="Koordination")
    m.add_edge("KOORD", "JA", "belongs_to")
    m.add_edge("KITA1", "TR", "belongs_to")
    m.add_edge("KITA1", "GS1", "cooperation", strength=3, formal=True)
    m.add_edge("TR", "CAFE", "provides")
    m.add_edge("JA", "CAFE", "funds")
    m.add_edge("KITA1", "CAFE", "referral")
    m.add_edge("SRK", "SG", "reports_to")
    m.add_edge("JA", "TR", "contract")
    return m


NORD = (51.470, 7.200)
SUED = (51.440, 7.220)


def build_city_map() -> NetworkMap:
    """Two Sozialräume with located institutions, a venue offer, a committee without place."""
    import pandas as pd

    m = NetworkMap("Planstadt")
    m.set_districts(pd.DataFrame(
        {"children": [900, 700], "SGB-II-Quote Kinder (%)": [38.0, 9.0]},
        index=pd.Index(["Nordstadt", "Südpark"], name="district")))
    m.add_node("K1", "actor", name="Kita Nord", category="Kita", district="Nordstadt",
               lat=NORD[0], lon=NORD[1])
    m.add_node("K2", "actor", name="Kita Nordost", category="Kita", district="Nordstadt",
               lat=NORD[0] + 0.004, lon=NORD[1] + 0.01)
    m.add_node("S1", "actor", name="Grundschule Süd", category="Grundschule",
               district="Südpark", lat=SUED[0], lon=SUED[1])
    m.add_node("KIA", "actor", name="Kinderarztpraxis Dr. Süd", category="Kinderarztpraxis",
               district="Südpark", lat=SUED[0] + 0.002, lon=SUED[1] - 0.003)
    m.add_node("EB", "actor", name="Erziehungsberatung", category="Erziehungsberatungsstelle",
               district="Südpark", lat=SUED[0], lon=SUED[1])  # same point as S1
    m.add_node("O1", "offer", name="Elterncafé Nord", category="Elterncafé", venue="K1",
               district="Nordstadt", life_phases=["0-3"])
    m.add_node("G1", "committee", name="Stadtteilkonferenz", tier="c")
    m.add_node("JA", "office", name="Jugendamt", category="Jugendamt")
    m.add_edge("K1", "G1", "member")
    m.add_edge("S1", "G1", "member")
    m.add_edge("K1", "O1", "provides")
    m.add_edge("K1", "S1", "cooperation", strength=3)
    return m


MITTE = (51.455, 7.210)
"""The centre of an enclave: the Innenstadt lies in a hole of the Ring district around it."""
INNER_HALF, OUTER_HALF = 0.004, 0.012  # half the side of the two squares, degrees


def square_ring(lat: float, lon: float, half: float) -> list[list[float]]:
    """A closed square ring of GeoJSON positions [longitude, latitude], counter-clockwise."""
    return [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half],
            [lon - half, lat + half], [lon - half, lat - half]]


def enclave_features() -> list[dict[str, object]]:
    """GeoJSON features of an enclave pair: the Ring with a hole, the Innenstadt filling it."""
    inner = square_ring(*MITTE, INNER_HALF)
    return [{"type": "Feature", "properties": {"name": "Ring"},
             "geometry": {"type": "Polygon",
                          "coordinates": [square_ring(*MITTE, OUTER_HALF), inner[::-1]]}},
            {"type": "Feature", "properties": {"name": "Innenstadt"},
             "geometry": {"type": "Polygon", "coordinates": [inner]}}]


def build_enclave_map() -> NetworkMap:
    """The Innenstadt (high need, one Kita north-east of its centre) inside the Ring (low
    need, one school in its south-west corner); no services with a reach circle."""
    import pandas as pd

    m = NetworkMap("Ringstadt")
    m.set_districts(pd.DataFrame(
        {"children": [800, 1200], "SGB-II-Quote Kinder (%)": [40.0, 10.0]},
        index=pd.Index(["Innenstadt", "Ring"], name="district")))
    m.add_node("KM", "actor", name="Kita Mitte", category="Kita", district="Innenstadt",
               lat=MITTE[0] + 0.002, lon=MITTE[1] + 0.002)
    m.add_node("SR", "actor", name="Schule am Ring", category="Grundschule", district="Ring",
               lat=MITTE[0] - 0.009, lon=MITTE[1] - 0.009)
    return m

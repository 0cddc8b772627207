"""Hand-built maps for the render tests: hostile names, a large synthetic town."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from netzkarte import NetworkMap
from netzkarte.analysis.findings import Finding

__all__ = ["CHROMIUM_ARGS", "HOSTILE_NAMES", "SECRET_MAIL", "MapPage", "build_big_map",
           "build_hostile_map", "hostile_findings"]

HOSTILE_NAMES: tuple[str, ...] = (
    "<script>window.__pwned = 1; alert(1)</script>",
    "<img src=x onerror=\"window.__pwned = 2; alert(2)\">",
    "javascript:alert(3)",
    "{{ 7*7 }}",
    "{% raw %}",
    "\"quotes' and `backticks`",
    "</script><script>window.__pwned = 4</script>",
    "<a href=\"javascript:window.__pwned=5\">Link</a> mit href",
    "Zeile\u2028Trenner\u2029Absatz",
    "<svg onload=\"window.__pwned = 6\">",
)
"""Names an attacker (or a careless copy-paste) could put into the workbook."""

SECRET_MAIL = "erika.geheim@example.org"


def build_hostile_map() -> NetworkMap:
    """Every node type, each with a hostile name; a person with contact data and a note."""
    m = NetworkMap("Gefahrstadt <b>")
    m.add_node("SG", "committee", name=HOSTILE_NAMES[0], committee_type="Steuerungsgruppe",
               tier="a")
    m.add_node("JA", "office", name=HOSTILE_NAMES[1], category="Jugendamt",
               contact="jugendamt@example.org")
    m.add_node("P1", "actor", name="Erika Geheim", form="Person", category="Hebamme",
               contact=SECRET_MAIL, note="privat: " + SECRET_MAIL)
    m.add_node("K1", "actor", name=HOSTILE_NAMES[2], category="Kita", district=HOSTILE_NAMES[3])
    m.add_node("K2", "actor", name=HOSTILE_NAMES[4], category="Grundschule",
               district=HOSTILE_NAMES[3])
    m.add_node("O1", "offer", name=HOSTILE_NAMES[5], category="Elterncafé",
               district=HOSTILE_NAMES[8])
    m.add_node("X1", "actor", name=HOSTILE_NAMES[6], category="Freier Träger",
               extra={"Geheimspalte": "GEHEIMWERT-123"})
    m.add_node("X2", "actor", name=HOSTILE_NAMES[7], category="Sportverein")
    m.add_node("X3", "actor", name=HOSTILE_NAMES[8], category="Jugendzentrum")
    m.add_node("X4", "committee", name=HOSTILE_NAMES[9], committee_type="Netzwerk", tier="b")
    m.add_edge("JA", "SG", "member", function="Vorsitz")
    m.add_edge("P1", "SG", "member")
    m.add_edge("P1", "JA", "belongs_to")
    m.add_edge("K1", "K2", "cooperation", strength=4, note="Notiz GEHEIMNOTIZ")
    m.add_edge("K1", "X4", "member")
    m.add_edge("X1", "O1", "provides")
    m.add_edge("X2", "X3", "cooperation", strength=1)
    m.add_edge("X4", "SG", "reports_to")
    return m


def hostile_findings() -> list[Finding]:
    return [Finding.create("isolated", "high", HOSTILE_NAMES[1] + " Befund",
                           nodes=["X3"], recommendation=HOSTILE_NAMES[0])]


def build_big_map(n: int, seed: int = 1) -> NetworkMap:
    """A synthetic municipality with about ``n`` nodes and three edges per node."""
    rng = random.Random(seed)
    m = NetworkMap(f"Synthetisch {n}")
    districts = [f"Bezirk {i}" for i in range(max(2, n // 120))]
    kinds = ["Kita", "Grundschule", "Gymnasium", "Familienzentrum", "Sportverein",
             "Kinderarztpraxis", "Jugendzentrum", "Freier Träger", "Bildungsträger"]
    offers = ["Elterncafé", "Sprachförderung", "Berufsorientierung", "Hausaufgabenhilfe",
              "Babybesuchsdienst", "Freizeitangebot"]
    offices = ["Jugendamt", "Schulverwaltungsamt", "Gesundheitsamt", "Jobcenter", "Sozialamt"]
    n_comm, n_off = max(2, n // 25), max(2, min(60, n // 30))
    n_offer = n // 4
    n_actor = max(2, n - n_comm - n_off - n_offer)
    actors = []
    for i in range(n_off):
        m.add_node(f"O{i}", "office", name=f"{offices[i % 5]} {i}", category=offices[i % 5])
    for i in range(n_actor):
        d = rng.choice(districts)
        if i % 8 == 7:
            m.add_node(f"A{i}", "actor", name=f"Person {i}", form="Person",
                       category="Person", district=d, roles=["Lotse"] if i % 3 else [])
        else:
            m.add_node(f"A{i}", "actor", name=f"{rng.choice(kinds)} {i}",
                       category=rng.choice(kinds), district=d)
        actors.append(f"A{i}")
    for i in range(n_comm):
        tier = "abc"[min(2, i // max(1, n_comm // 3))] if i else "a"
        m.add_node(f"G{i}", "committee", name=f"Gremium {i}", tier=tier,
                   district=rng.choice(districts) if tier == "c" else None)
    for i in range(n_offer):
        m.add_node(f"F{i}", "offer", name=f"{rng.choice(offers)} {i}",
                   category=rng.choice(offers), district=rng.choice(districts))
        m.add_edge(rng.choice(actors), f"F{i}", "provides")
    for i, a in enumerate(actors):
        m.add_edge(a, f"G{rng.randrange(n_comm)}", "member")
        if i % 8 == 7:
            m.add_edge(a, f"O{rng.randrange(n_off)}", "belongs_to")
        else:
            other = rng.choice(actors)
            if other != a:
                m.add_edge(a, other, "cooperation", strength=rng.randint(1, 4))
    for i in range(n_off):
        m.add_edge(f"O{i}", f"G{rng.randrange(n_comm)}", "member")
    return m


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class MapPage:
    """An opened map and everything it did."""

    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def vid(self, uid: str) -> str:
        found = self.js("u => netzkarte.idByUid(u)", uid)
        assert found, uid
        return str(found)

    def text(self, selector: str) -> str:
        return str(self.page.locator(selector).inner_text())

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.url]
        assert self.js("window.__pwned") is None

"""Where a tie comes from after a Bestandsaufnahme, on the map: line, legend, text, filter."""

from __future__ import annotations

from typing import Any

import pytest

from netzkarte import NetworkMap
from netzkarte.render.html_map import EDGE_KEYS, build_payload


def surveyed_map() -> NetworkMap:
    """Kita A with one tie of each state, a membership only the map knew, an untouched tie."""
    m = NetworkMap("Umfragestadt")
    for node, name in (("A", "Kita Regenbogen"), ("B", "Grundschule am Park"),
                       ("C", "Familienzentrum Mitte"), ("D", "Jugendzentrum Ost"),
                       ("E", "Erziehungsberatung"), ("F", "Sportverein 1900")):
        m.add_node(node, "actor", name=name, category="Kita")
    m.add_node("P", "actor", name="Erika Muster", form="Person", category="Hebamme")
    m.add_node("G", "committee", name="Stadtteilkonferenz", tier="c")
    m.add_edge("A", "B", "cooperation", strength=3, extra={"Bestätigung": "bestätigt"})
    m.add_edge("A", "C", "cooperation", reported_by="A", extra={"Bestätigung": "einseitig"})
    m.add_edge("D", "A", "referral", reported_by="D", extra={"Bestätigung": "unbestätigt"})
    m.add_edge("A", "E", "contract", extra={"Bestätigung": "bestritten"})
    m.add_edge("B", "C", "cooperation", extra={"Bestätigung": "abweichend"})
    m.add_edge("P", "A", "cooperation", reported_by="P", extra={"Bestätigung": "einseitig"})
    m.add_edge("A", "F", "cooperation")  # typed by the coordinator, no survey
    m.add_edge("F", "G", "member", extra={"Bestätigung": "bestritten"})
    return m


def _edge(payload: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    vid = {n["uid"]: n["id"] for n in payload["nodes"] if "uid" in n}
    return next(e for e in payload["edges"] if {e["from"], e["to"]} == {vid[a], vid[b]})


def test_payload_carries_the_state_and_the_side_that_named_it() -> None:
    payload = build_payload(surveyed_map())
    assert all(set(e) <= EDGE_KEYS for e in payload["edges"])
    assert _edge(payload, "A", "B")["conf"] == "confirmed"
    one = _edge(payload, "A", "C")
    assert one["conf"] == "one_sided" and one["by"] == _edge(payload, "A", "B")["from"]
    assert _edge(payload, "A", "D")["conf"] == "unconfirmed"
    assert _edge(payload, "A", "E")["conf"] == "disputed" and "by" not in _edge(payload, "A", "E")
    assert "conf" not in _edge(payload, "A", "F")


@pytest.mark.browser
def test_lines_legend_texts_and_the_filter_for_confirmed_ties(open_map: Any) -> None:
    m = surveyed_map()
    shown = open_map(m)
    ids = {key: shown.js("([a, b]) => netzkarte.edges.get().find(e => "
                         "(e.from === a && e.to === b) || (e.from === b && e.to === a)).id",
                         [shown.vid(a), shown.vid(b)])
           for key, (a, b) in {"confirmed": ("A", "B"), "one_sided": ("A", "C"),
                               "unconfirmed": ("A", "D"), "disputed": ("A", "E"),
                               "plain": ("A", "F"), "member": ("F", "G")}.items()}
    drawn = {key: shown.js("id => { const e = netzkarte.edges.get(id); return {dashes: "
                           "e.dashes || false, colour: e.color.color, tip: "
                           "e.title.textContent}; }", i) for key, i in ids.items()}
    assert drawn["confirmed"]["dashes"] is False  # solid
    assert drawn["one_sided"]["dashes"] == drawn["unconfirmed"]["dashes"] == [7, 5]  # dashed
    assert drawn["disputed"]["dashes"] == [1.5, 4]  # dotted …
    assert drawn["disputed"]["colour"].startswith("rgba(140,140,140")  # … and grey
    assert drawn["plain"]["dashes"] is False  # no survey: as always
    assert "von beiden Seiten bestätigt" in drawn["confirmed"]["tip"]
    assert "nur von „Kita Regenbogen“ genannt" in drawn["one_sided"]["tip"]
    assert "nur von „Jugendzentrum Ost“ genannt" in drawn["unconfirmed"]["tip"]
    assert "nicht geantwortet" in drawn["unconfirmed"]["tip"]
    assert "bestritten" in drawn["disputed"]["tip"]
    legend = shown.text("#nk-legend")
    assert "Bestandsaufnahme (Linie)" in legend
    assert "von beiden Seiten bestätigt (2)" in legend and "bestritten (2)" in legend
    # the filter hides what only one side names or what is disputed, and is in the address
    before = set(shown.js("netzkarte.visibleEdgeIds()"))
    person = shown.js("([a, b]) => netzkarte.edges.get().find(e => e.from === a && "
                      "e.to === b).id", [shown.vid("P"), shown.vid("A")])
    shown.page.get_by_label("nur bestätigte Beziehungen").check()
    after = set(shown.js("netzkarte.visibleEdgeIds()"))
    gone = {ids[k] for k in ("one_sided", "unconfirmed", "disputed", "member")} | {person}
    assert after == before - gone
    assert {ids["confirmed"], ids["plain"]} <= after  # and what no survey touched stays
    link = shown.js("location.hash")
    assert "c=1" in link
    again = open_map(m, "again.html", hash=link)
    assert set(again.js("netzkarte.visibleEdgeIds()")) == after
    assert again.page.get_by_label("nur bestätigte Beziehungen").is_checked()
    # the focus follows it: Familienzentrum Mitte is no partner of Kita A any more
    shown.js("id => netzkarte.select(id)", shown.vid("A"))
    assert shown.vid("C") not in shown.js("netzkarte.visibleNodeIds()")
    shown.page.click("#nk-filter-reset")
    assert not shown.page.get_by_label("nur bestätigte Beziehungen").is_checked()
    assert shown.vid("C") in shown.js("netzkarte.visibleNodeIds()")
    # the details of Kita A say it for every tie
    details = shown.text("#nk-details")
    assert "von beiden Seiten bestätigt" in details
    assert "nur von „Kita Regenbogen“ genannt – die andere Seite nennt sie nicht" in details
    assert "bestritten" in details
    shown.assert_clean()
    again.assert_clean()


@pytest.mark.browser
def test_anonymous_map_names_the_reporting_person_by_role(open_map: Any) -> None:
    shown = open_map(surveyed_map(), anonymous=True)
    tip = shown.js("""() => netzkarte.edges.get().map(e => e.title.textContent)
        .find(t => t.includes('Hebamme'))""")
    assert "nur von „Hebamme“ genannt" in tip and "Erika" not in tip
    assert "Erika" not in shown.js("document.documentElement.outerHTML")
    shown.assert_clean()

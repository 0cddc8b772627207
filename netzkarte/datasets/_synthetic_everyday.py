"""The everyday mode of the synthetic generator: a map written as an administrator types it.

Private to :mod:`netzkarte.datasets.synthetic` (see :func:`~netzkarte.datasets.synthetic.
everyday_workbook`). :class:`Everyday` takes a generated map and its ground truth, settles
what the workbook states (offer statuses, inactive offers in the planted coverage gaps, no
Federführung on the planted committee without coordination, "e. V." at the end of names),
then writes every row with messiness drawn from its own random stream. Each messy form keeps
the meaning: a reader that understands it rebuilds :attr:`EverydayWorkbook.map`. It needs
only a finished :class:`~netzkarte.datasets._synthetic_data.SyntheticMap`, none of the
generator's steps.
"""

from __future__ import annotations

import os
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from netzkarte.datasets._synthetic_data import (
    CAT_PHASES,
    INDICATORS,
    OFFER_PROVIDERS,
    SCHOOLS,
    TARGET_GROUPS,
    EverydayWords,
    GroundTruth,
    SyntheticMap,
)
from netzkarte.model import NetworkMap
from netzkarte.schema import GUIDE_SHEET, META_FIELDS, sheet
from netzkarte.text import number
from netzkarte.vocab import (
    ActorForm,
    EdgeKind,
    Level,
    LifePhase,
    MemberFunction,
    NodeType,
    OfferStatus,
    Rank,
    Strength,
    Term,
    category_info,
)

__all__ = ["Everyday", "EverydayWorkbook", "write_workbook"]

SAFE: frozenset[str] = frozenset({
    "Sportverein", "Kirchengemeinde", "Migrantenorganisation", "Ehrenamtsinitiative",
    "Kultureinrichtung", "Musikschule", "Stiftung", "Wohnungsunternehmen", "Therapiepraxis"})
"""Categories no planted problem depends on: their nodes may stay unclassifiable (outside
the steering groups)."""
MUNICIPAL: frozenset[str] = frozenset({"Kita", "Grundschule", *SCHOOLS, "Jugendzentrum",
                                       "Familienzentrum", "Bibliothek"})
"""Facilities a town runs itself: written with Ebene Kommune although they have a
Sozialraum."""
_CLUBS = ("Sportverein", "Migrantenorganisation", "Ehrenamtsinitiative")
SHEET_NAMES = ("Akteure", "Ämter", "Gremien", "Angebote", "Mitgliedschaften", "Beziehungen",
               "Sozialräume")
"""The sheets an everyday workbook fills (no *Kategorien*: nobody defines categories)."""
_EV_INSIDE = re.compile(r"(.*) e\. V\. (\d+)")
_SPACES = re.compile(r"\s+")

Row = dict[str, object]


def _key(name: str) -> str:
    """What two spellings of one name share (case, dash, legal form, spaces)."""
    text = name.casefold().replace("–", "-").replace(" e. v.", "").replace(" e.v.", "")
    return _SPACES.sub(" ", text).strip()


@dataclass
class EverydayWorkbook:
    """A workbook as an administrator types it, and exactly what it describes.

    Attributes
    ----------
    sheets : dict of str to list of dict
        Sheet name → rows keyed by the German template headers (what
        :func:`netzkarte.io.build.build_map` accepts); values are text, numbers or ``None``.
    meta : dict of str to object
        The metadata block of *Anleitung* keyed by its German labels (Kommune, Stand …).
    map : NetworkMap
        The map the workbook describes, as a careful reader would build it.
    truth : GroundTruth
        What was planted, with ``inactive_offers`` and ``unclassifiable``.
    """

    sheets: dict[str, list[dict[str, object]]]
    meta: dict[str, object]
    map: NetworkMap
    truth: GroundTruth

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the workbook as a real ``.xlsx`` (openpyxl), as a spreadsheet program would.

        The *Anleitung* sheet holds the metadata block, every data sheet its German headers
        in row 1 and the rows as typed; there is no *Listen* sheet and no dropdown.
        """
        return write_workbook(self, Path(path))


class Everyday:
    """One everyday workbook from one generated map (see :func:`everyday_workbook`)."""

    def __init__(self, base: SyntheticMap, words: EverydayWords, seed: int) -> None:
        self.map: NetworkMap = base.map
        self.truth = base.truth
        self.w = words
        self.rng = random.Random(seed * 1_000_003 + 31337)  # its own stream
        self.forms: Counter[str] = Counter()
        self.unclassifiable: list[str] = []
        g = self.map.graph
        self.steering_members = {u for sg in self.truth.steering_groups
                                 for u, _, d in g.in_edges(sg, data=True)
                                 if d["kind"] is EdgeKind.MEMBER}

    # --- what the workbook states ---------------------------------------------------------

    def run(self) -> EverydayWorkbook:
        self.settle()
        keys = Counter(_key(str(d["name"])) for _, d in self.map.graph.nodes(data=True))
        ids = {str(n).casefold() for n in self.map.graph}
        self.unique = {n for n, d in self.map.graph.nodes(data=True)
                       if keys[_key(str(d["name"]))] == 1 and _key(str(d["name"])) not in ids}
        sheets = self.rows()
        inactive = [n for n, d in self.map.graph.nodes(data=True)
                    if d["type"] is NodeType.OFFER and d.get("status") is not OfferStatus.RUNNING]
        truth = replace(self.truth, inactive_offers=inactive,
                        unclassifiable=list(self.unclassifiable))
        return EverydayWorkbook(sheets, self.meta(), self.map, truth)

    def settle(self) -> None:
        """Make the map say exactly what the workbook will state."""
        g, rng, truth = self.map.graph, self.rng, self.truth
        for committee in truth.committees_without_coordination:
            g.nodes[committee].pop("lead", None)  # a Federführung would coordinate it
        for _, data in g.nodes(data=True):
            if data.get("meetings_per_year") == 10 and rng.random() < 0.5:
                data["meetings_per_year"] = 12  # "monatlich" is what most write
            name = str(data["name"])
            inside = _EV_INSIDE.fullmatch(name)
            if inside:
                data["name"] = f"{inside[1]} {inside[2]} e. V."
            elif data["type"] is NodeType.ACTOR and data.get("category") in _CLUBS \
                    and rng.random() < 0.5:
                data["name"] = f"{name} e. V."
        gaps = {(d, LifePhase(p)) for d, p in truth.coverage_gaps}
        offers = [(n, d) for n, d in g.nodes(data=True) if d["type"] is NodeType.OFFER]
        running = {(d["district"], p) for _, d in offers
                   if d.get("status") is OfferStatus.RUNNING for p in d.get("life_phases", ())}
        for district in self.map.districts.index:
            for phase in LifePhase:
                if (district, phase) in gaps or (district, phase) in running:
                    continue
                for _, d in offers:  # a planned offer of the cell is running after all
                    if d["district"] == district and phase in d.get("life_phases", ()):
                        d["status"] = OfferStatus.RUNNING
                        running.update((district, p) for p in d["life_phases"])
                        break
        numbers = [int(n.rsplit("-", 1)[1]) for n, _ in offers if n.rsplit("-", 1)[1].isdigit()]
        width = len(offers[0][0].rsplit("-", 1)[1]) if offers else 4
        serial = max(numbers, default=0)
        for district, phase in sorted(gaps, key=lambda x: (x[0], x[1].position)):
            for _ in range(rng.randint(1, 2)):
                serial += 1
                self._inactive_offer(f"ANG-{serial:0{width}d}", district, phase, serial)

    def _inactive_offer(self, nid: str, district: str, phase: LifePhase, serial: int) -> None:
        m, rng = self.map, self.rng
        cat = rng.choice([c for c, phases in CAT_PHASES.items() if phase in phases])
        here = [n for n, d in m.graph.nodes(data=True)
                if d["type"] is NodeType.ACTOR and d.get("district") == district
                and d.get("form") is not ActorForm.PERSON]
        providers = [n for n in here if m.graph.nodes[n].get("category") in OFFER_PROVIDERS[cat]]
        status = rng.choice((OfferStatus.PLANNED, OfferStatus.ENDED))
        m.add_node(nid, NodeType.OFFER, name=f"{cat} {district} {serial}", category=cat,
                   life_phases=(phase,), municipality=m.districts.loc[district, "municipality"],
                   district=district, status=status, target_group=TARGET_GROUPS[phase])
        m.add_edge(rng.choice(providers or here), nid, EdgeKind.PROVIDES)

    # --- cells ----------------------------------------------------------------------------

    def chance(self, p: float, form: str | None = None) -> bool:
        hit = self.rng.random() < p
        if hit and form:
            self.forms[form] += 1
        return hit

    def pick(self, options: Sequence[str], form: str) -> str:
        choice = self.rng.choice(list(options))
        self.forms[f"{form}:{choice}"] += 1
        return choice

    def ref(self, nid: str | None) -> str | None:
        """An ID, or — where that name is unique — the name as people write it."""
        if nid is None:
            return None
        if nid not in self.unique or not self.chance(0.35, "ref_name"):
            return nid
        name = str(self.map.graph.nodes[nid]["name"])
        if "–" in name and self.chance(0.6, "ref_hyphen"):
            name = name.replace("–", "-")
        if name.endswith(" e. V.") and self.chance(0.7):
            name = name[:-6] if self.chance(0.5, "ref_without_ev") else \
                name[:-6] + self.pick((" e.V.", " eV"), "ref_other_ev")
        return name

    def category(self, nid: str, data: dict[str, Any]) -> tuple[str | None, set[LifePhase] | None]:
        """The Kategorie cell and the life phases it implies (``None``: nothing implied)."""
        cat = data.get("category")
        if not cat:
            return None, None
        info = category_info(cat)
        default = set(info.life_phases) if info is not None else set()
        if cat == "Person":
            return (None if self.chance(0.6, "category_person_empty") else "Person"), set()
        tells = str(data["name"]).casefold().startswith(str(cat).casefold())
        safe = cat in SAFE and nid not in self.steering_members and \
            data["type"] is NodeType.ACTOR
        ambiguous = [w for w, cats in self.w.ambiguous.items() if cat in cats]
        words = list(self.w.categories.get(cat, ()))
        r = self.rng.random()
        if (tells or safe) and ambiguous and r < 0.1:
            word = self.pick(ambiguous, "category_ambiguous")
            if not tells:
                self.unclassifiable.append(nid)
                return word, None
            return word, default
        if (tells or safe) and r < 0.25:
            self.forms["category_empty"] += 1
            if not tells:
                self.unclassifiable.append(nid)
                return None, None
            return None, default
        if words and r < 0.85:
            word = self.pick(words, "category_word")
            implied = self.w.word_phases.get(word)
            return word, {LifePhase(p) for p in implied} if implied is not None else default
        return str(cat), default

    def phases(self, truth: Iterable[LifePhase], implied: set[LifePhase] | None,
               p_empty: float) -> str | None:
        wanted = set(truth)
        if implied is not None and implied == wanted and self.chance(p_empty, "phases_empty"):
            return None
        if not wanted:
            return None
        options = [(text, {LifePhase(p) for p in meant})
                   for text, meant in self.w.phases.items()]
        self.rng.shuffle(options)
        picks: list[tuple[str, set[LifePhase]]] = []
        covered: set[LifePhase] = set()
        for text, meant in options:
            if meant <= wanted and meant - covered:
                picks.append((text, meant))
                covered |= meant
            if covered == wanted:
                break
        for phase in sorted(wanted - covered, key=lambda p: p.position):
            picks.append((phase.label, {phase}))  # no everyday word: the label
        picks.sort(key=lambda x: min(p.position for p in x[1]))
        for text, _ in picks:
            self.forms[f"phase:{text}"] += 1
        sep = self.pick(self.w.phase_separators, "phase_sep") if len(picks) > 1 else ""
        return sep.join(text for text, _ in picks)

    def rank(self, d: dict[str, Any]) -> str | None:
        """Hierarchieebene in words; the top of a Kreis is no Bürgermeisterin."""
        rank = d.get("rank")
        if rank is None:
            return None
        words: Sequence[str] = self.w.ranks.get(rank.value, ())
        if rank is Rank.TOP:
            if d["type"] is NodeType.OFFICE:
                words = ()
            else:
                county = d.get("level") is Level.COUNTY
                words = [w for w in words if ("Landr" in w) == county and w != rank.label]
        return self.term(rank, {rank.value: words}, "rank")

    def term(self, value: Term | None, pool: dict[str, Sequence[str]] | None = None,
             form: str = "") -> str | None:
        if value is None:
            return None
        words = (pool or {}).get(value.value)
        if words and self.rng.random() < 0.75:
            return self.pick(words, form)
        return value.label

    def roles(self, roles: Sequence[Term]) -> str | None:
        if not roles:
            return None
        parts = [self.term(r, dict(self.w.roles), "role") or "" for r in roles]
        sep = self.pick(self.w.role_separators, "role_sep") if len(parts) > 1 else ""
        return sep.join(parts)

    def unknown_or(self, value: object, p: float = 0.15) -> object:
        """An empty optional cell: left empty, or what people write when they do not know."""
        if value is not None:
            return value
        return self.pick(self.w.unknown, "unknown") if self.rng.random() < p else None

    def flag(self, value: bool | None) -> object:
        if value is None:
            return self.unknown_or(None, 0.2)
        return self.rng.choice(("ja", "x", "Ja")) if value else "nein"

    def since(self, p: float) -> str | None:
        return self.pick(self.w.dates, "date") if self.rng.random() < p else None

    def multi(self, values: Sequence[str]) -> str | None:
        if not values:
            return None
        sep = "\n" if self.chance(0.4, "multi_newline") else "; "
        return sep.join(values)

    # --- sheets ---------------------------------------------------------------------------

    def rows(self) -> dict[str, list[Row]]:
        m = self.map
        g = m.graph
        column: dict[tuple[str, EdgeKind], str] = {}  # (row node, kind) -> other end
        placed: set[tuple[str, str, int]] = set()
        for u, v, k, d in g.edges(keys=True, data=True):
            kind = d["kind"]
            row_node = v if kind is EdgeKind.PROVIDES else u
            if kind in (EdgeKind.BELONGS_TO, EdgeKind.REPORTS_TO, EdgeKind.PROVIDES) \
                    and (row_node, kind) not in column \
                    and not (kind is EdgeKind.BELONGS_TO
                             and g.nodes[u]["type"] is NodeType.OFFICE
                             and g.nodes[v]["type"] is not NodeType.OFFICE):
                column[(row_node, kind)] = u if kind is EdgeKind.PROVIDES else v
                placed.add((u, v, k))
        out: dict[str, list[Row]] = {name: [] for name in SHEET_NAMES}
        for nid, data in g.nodes(data=True):
            ntype = data["type"]
            if ntype is NodeType.ACTOR:
                out["Akteure"].append(self.actor(nid, data, column))
            elif ntype is NodeType.OFFICE:
                out["Ämter"].append(self.office(nid, data, column))
            elif ntype is NodeType.COMMITTEE:
                out["Gremien"].append(self.committee(nid, data, column))
            else:
                out["Angebote"].append(self.offer(nid, data, column))
        for u, v, k, d in g.edges(keys=True, data=True):
            if d["kind"] is EdgeKind.MEMBER:
                out["Mitgliedschaften"].append(self.membership(u, v, d))
            elif (u, v, k) not in placed:
                out["Beziehungen"].append(self.relation(u, v, d))
        out["Sozialräume"] = self.districts()
        return out

    def actor(self, nid: str, d: dict[str, Any], column: dict[tuple[str, EdgeKind], str]
              ) -> Row:
        person = d.get("form") is ActorForm.PERSON
        category, implied = self.category(nid, d)
        level = d.get("level")
        level_text = level.label if isinstance(level, Level) else None
        if level is Level.DISTRICT and d.get("category") in MUNICIPAL and not person \
                and self.chance(0.3):
            level_text = self.pick(self.w.municipal_levels, "level_municipal")
        form = d.get("form")
        return {
            "ID": nid, "Name": d["name"],
            "Form": form.label if isinstance(form, ActorForm) and (person or self.chance(0.25))
            else None,
            "Kategorie": category,
            "Sektor": d["sector"].label if d.get("sector") is not None
            and (person or self.chance(0.1)) else None,
            "Ebene": level_text, "Kommune": d.get("municipality"),
            "Sozialraum": d.get("district"),
            "Lebensphasen": self.phases(d.get("life_phases", ()), implied, 0.8),
            "Rollen": self.roles(d.get("roles", ())),
            "Hierarchieebene": self.rank(d),
            "Organisation": self.ref(column.get((nid, EdgeKind.BELONGS_TO))),
            "Breitengrad": self.unknown_or(d.get("lat"), 0.02),
            "Längengrad": d.get("lon"),
            "Kontakt": self.unknown_or(d.get("contact"), 0.05) if person else d.get("contact"),
            "Bemerkung": d.get("note"),
        }

    def office(self, nid: str, d: dict[str, Any], column: dict[tuple[str, EdgeKind], str]
               ) -> Row:
        category, _ = self.category(nid, d)
        level = d.get("level")
        return {
            "ID": nid, "Name": d["name"], "Kategorie": category,
            "Sektor": d["sector"].label if d.get("sector") is not None and self.chance(0.1)
            else None,
            "Ebene": level.label if isinstance(level, Level) else None,
            "Kommune": d.get("municipality"),
            "Rollen": self.roles(d.get("roles", ())),
            "Hierarchieebene": self.rank(d),
            "Übergeordnet": self.ref(column.get((nid, EdgeKind.BELONGS_TO))),
            "Kontakt": d.get("contact"), "Bemerkung": d.get("note"),
        }

    def committee(self, nid: str, d: dict[str, Any], column: dict[tuple[str, EdgeKind], str]
                  ) -> Row:
        tier = d.get("tier")
        meetings = d.get("meetings_per_year")
        rhythm: object = meetings
        if meetings is not None:
            count = int(meetings) if float(meetings).is_integer() else None
            words = self.w.meetings.get(count) if count is not None else None
            rhythm = self.pick(words, "meetings") if words and self.rng.random() < 0.6 \
                else (count if count is not None else meetings)
        level = d.get("level")
        kind = d.get("network_kind")
        return {
            "ID": nid, "Name": d["name"],
            "Gremientyp": d["committee_type"].label if d.get("committee_type") else None,
            "Steuerungsebene": (self.rng.choice((tier.value, tier.value.upper(), tier.label))
                                if tier is not None else None),
            "Ebene": level.label if isinstance(level, Level) else None,
            "Kommune": d.get("municipality"), "Sozialraum": d.get("district"),
            "Themen": self.multi(list(d.get("topics", ()))),
            "Lebensphasen": self.phases(d.get("life_phases", ()), None, 0.0),
            "Sitzungen pro Jahr": rhythm,
            "Federführung": self.ref(d.get("lead")),
            "Berichtet an": self.ref(column.get((nid, EdgeKind.REPORTS_TO))),
            "Politisch legitimiert": self.flag(d.get("legitimated")),
            "Netzwerkart": kind.label if kind is not None else None,
            "Bemerkung": d.get("note"),
        }

    def offer(self, nid: str, d: dict[str, Any], column: dict[tuple[str, EdgeKind], str]
              ) -> Row:
        category, implied = self.category(nid, d)
        status = d.get("status")
        status_text: str | None = None
        if isinstance(status, OfferStatus):
            status_text = self.pick(self.w.statuses.get(status.value, (status.label,)),
                                    f"status_{status.value}") or None
        capacity = d.get("capacity")
        cap: object = self.unknown_or(None, 0.15)
        if capacity is not None:
            cap = capacity if self.rng.random() < 0.5 else self.pick(
                self.w.capacities, "capacity").format(n=capacity)
        outreach = d.get("outreach")
        return {
            "ID": nid, "Name": d["name"],
            "Anbieter": self.ref(column.get((nid, EdgeKind.PROVIDES))),
            "Kategorie": category, "Sektor": None,
            "Lebensphasen": self.phases(d.get("life_phases", ()), implied, 0.5),
            "Zielgruppe": d.get("target_group"), "Kommune": d.get("municipality"),
            "Sozialraum": d.get("district"), "Ort": self.ref(d.get("venue")),
            "Aufsuchend": self.flag(outreach) if outreach is not None
            else self.unknown_or(None, 0.1),
            "Status": status_text, "Kapazität": cap,
            "Breitengrad": None, "Längengrad": None, "Bemerkung": d.get("note"),
        }

    def membership(self, u: str, v: str, d: dict[str, Any]) -> Row:
        function = d.get("function")
        text = None if function in (None, MemberFunction.MEMBER) and self.rng.random() < 0.7 \
            else (function or MemberFunction.MEMBER).label
        return {"Mitglied": self.ref(u), "Gremium": self.ref(v), "Funktion": text,
                "Seit": self.since(0.25), "Bemerkung": d.get("note")}

    def relation(self, u: str, v: str, d: dict[str, Any]) -> Row:
        strength = d.get("strength")
        written: object = None
        if isinstance(strength, Strength):
            words = self.w.strengths.get(int(strength))
            r = self.rng.random()
            written = (self.pick(words, "strength") if words and r < 0.6 else
                       int(strength) if r < 0.8 else f"{int(strength)} {strength.label}")
        formal = d.get("formal")
        return {"Von": self.ref(u), "Zu": self.ref(v), "Art": d["kind"].label,
                "Stärke": written,
                "Formal": self.flag(formal) if formal is not None else self.unknown_or(None, 0.1),
                "Seit": self.since(0.2), "Bemerkung": d.get("note"), "Gemeldet von": None}

    def districts(self) -> list[Row]:
        table = self.map.districts
        neediest = self.truth.neediest_district
        rows: list[Row] = []
        for name, rec in zip(table.index, table.to_dict("records"), strict=True):
            row: Row = {"Sozialraum": name, "Kommune": rec.get("municipality")}
            for col, header in (("population", "Einwohner"), ("children", "Kinder unter 18")):
                value = int(rec[col])
                if self.rng.random() < 0.3:
                    rounded = round(value, -2) or value
                    table.loc[name, col] = rounded
                    row[header] = self.pick(self.w.approximate, "approximate").format(
                        n=number(rounded, 0, thousands=True))
                else:
                    row[header] = value
            for col in INDICATORS:
                share = float(rec[col])
                r = self.rng.random()
                if name != neediest and r < 0.12:
                    table.loc[name, col] = None
                    row[col] = self.pick(self.w.unknown, "unknown_indicator")
                elif r < 0.5:
                    row[col] = self.pick(self.w.percents, "percent").format(x=number(share, 1))
                else:
                    row[col] = share
            rows.append(row)
        return rows

    def meta(self) -> dict[str, object]:
        meta = self.map.meta
        values: dict[str, object] = {
            "municipality": meta.municipality, "county": meta.county, "title": meta.title,
            "snapshot": meta.snapshot.strftime("%d.%m.%Y") if meta.snapshot else None,
            "mission": meta.mission, "goals": "\n".join(meta.goals) or None}
        return {label: values[attr] for attr, label in META_FIELDS if values[attr]}


def write_workbook(book: EverydayWorkbook, path: Path) -> Path:
    """Write the rows as a plain ``.xlsx``: *Anleitung* with the metadata, then the sheets."""
    from openpyxl import Workbook

    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    guide.append([f"{book.meta.get('Titel', 'Netzwerkkarte')} – Anleitung"])
    guide.append(["Angaben zur Karte:"])
    for label, value in book.meta.items():
        guide.append([label, value])
    for name in SHEET_NAMES:
        ws = wb.create_sheet(name)
        rows = book.sheets.get(name, [])
        headers = list(sheet(name).headers)
        for row in rows:
            headers += [h for h in row if h not in headers]
        ws.append(headers)
        for row in rows:
            ws.append([row.get(h) for h in headers])
    wb.save(path)
    return path

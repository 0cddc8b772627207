"""Import speed on a Kreis-scale workbook, timed as whole processes.

Generates a valid workbook of about 15,000 nodes and 50,000 rows over all sheets (12
Kommunen, a realistic mix of Kitas, schools, persons, offices, committees and offers, with
memberships and relations), then times, as separate Python processes:

(a) ``pandas.read_excel(p, sheet_name=None, engine="calamine")`` — the bare reader, and
(b) ``netzkarte.io.excel.read_excel(p)`` — check, read, validate and build the map,

and prints the medians and their ratio (target: at most 1.5×). Processes run with
bytecode caching on, so the warm-up leaves netzkarte compiled as an installed package is.

Run::

    python benchmarks/import_benchmark.py [--out kreis.xlsx] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["generate_workbook", "main", "time_process"]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
# The warm-up run writes netzkarte's .pyc files, as an installed package has them (pandas
# comes compiled): with PYTHONDONTWRITEBYTECODE set, every timed run would compile
# netzkarte's sources again, about a tenth of a second that no user pays twice.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)

KOMMUNEN = 12
DISTRICTS_PER_KOMMUNE = 8


def _records(seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """All sheets of the synthetic Kreis as row dicts keyed by German header."""
    from netzkarte.vocab import CATEGORIES, NodeType, Role

    rnd = random.Random(seed)
    cats = {t: [c.label for c in CATEGORIES if c.node_type is t] for t in NodeType}
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in (
        "Akteure", "Ämter", "Gremien", "Angebote", "Mitgliedschaften", "Beziehungen",
        "Sozialräume")}
    districts: list[tuple[str, str]] = []
    for k in range(KOMMUNEN):
        kommune = f"Kommune {k + 1:02d}"
        for d in range(DISTRICTS_PER_KOMMUNE):
            name = f"{kommune} – Bezirk {d + 1}"
            districts.append((kommune, name))
            out["Sozialräume"].append({
                "Sozialraum": name, "Kommune": kommune, "Einwohner": rnd.randint(2000, 20000),
                "Kinder unter 18": rnd.randint(300, 4000),
                "SGB-II-Quote Kinder": round(rnd.uniform(3, 35), 1),
                "Anteil BuT": f"{rnd.uniform(5, 40):.1f}".replace(".", ",")})
    offices: list[str] = []
    for k in range(KOMMUNEN + 1):
        kommune = f"Kommune {k + 1:02d}" if k < KOMMUNEN else "Kreis"
        top = f"AMT-{k:02d}-00"
        offices.append(top)
        out["Ämter"].append({"ID": top, "Name": f"Verwaltungsspitze {kommune}",
                             "Kategorie": "Verwaltungsspitze", "Ebene": "Kommune",
                             "Kommune": kommune, "Rollen": "Machtpromotor",
                             "Hierarchieebene": "Verwaltungsspitze"})
        for j in range(1, 46):
            oid = f"AMT-{k:02d}-{j:02d}"
            offices.append(oid)
            cat = rnd.choice(cats[NodeType.OFFICE])
            out["Ämter"].append({
                "ID": oid, "Name": f"{cat} {kommune} {j}", "Kategorie": cat,
                "Ebene": "Kommune", "Kommune": kommune,
                "Rollen": rnd.choice(["", "Fachpromotor", "Fachpromotor; Lotse"]),
                "Hierarchieebene": rnd.choice(["Amtsleitung", "Abteilungsleitung",
                                               "Fachkraft"]),
                "Übergeordnet": top, "Bemerkung": "aus der Verwaltungsgliederung"})
    orgs: list[str] = []
    actors: list[str] = []
    roles = [r.label for r in Role]
    for i in range(9000):
        kommune, district = rnd.choice(districts)
        aid = f"A-{i:05d}"
        form: str | None = None
        parent: str | None = None
        if i % 10 == 0:
            cat, form = rnd.choice(["Freier Träger", "Wohlfahrtsverband", "Sportverein"]), \
                "Organisation"
            orgs.append(aid)
        elif i % 3 == 0 and orgs:
            cat, form, parent = "Person", "Person", rnd.choice(orgs + offices)
        else:
            cat = rnd.choice(cats[NodeType.ACTOR])
            parent = rnd.choice(orgs) if orgs and rnd.random() < 0.6 else None
        actors.append(aid)
        person = form == "Person"
        out["Akteure"].append({
            "ID": aid, "Name": f"{cat} {district} {i}", "Form": form, "Kategorie": cat,
            "Ebene": rnd.choice(["Kommune", "Sozialraum"]), "Kommune": kommune,
            "Sozialraum": district, "Rollen": rnd.choice(roles) if person else None,
            "Hierarchieebene": "Fachkraft" if person else None, "Organisation": parent,
            "Breitengrad": round(51 + rnd.random(), 5),
            "Längengrad": round(7 + rnd.random(), 5),
            "Kontakt": "kontakt@example.org" if person else None})
    committees: list[str] = []
    for i in range(900):
        kommune, district = rnd.choice(districts)
        gid = f"G-{i:04d}"
        tier = "c" if i % 3 else ("a" if i % 9 == 0 else "b")
        out["Gremien"].append({
            "ID": gid, "Name": f"Gremium {i} {district}",
            "Gremientyp": rnd.choice(["Netzwerk", "Arbeitskreis", "Sozialraumkonferenz",
                                      "Steuerungsgruppe"]),
            "Steuerungsebene": tier, "Ebene": "Sozialraum" if tier == "c" else "Kommune",
            "Kommune": kommune, "Sozialraum": district if tier == "c" else None,
            "Themen": "Übergang Kita-Schule; Sprache",
            "Lebensphasen": "3–6 Jahre (Kita); 6–10 Jahre (Grundschule)",
            "Sitzungen pro Jahr": rnd.randint(2, 12), "Federführung": rnd.choice(offices),
            "Berichtet an": committees[i // 3] if i >= 3 and i % 3 else None,
            "Politisch legitimiert": rnd.choice(["ja", "nein"]),
            "Netzwerkart": rnd.choice(["Austausch", "Produktion"])})
        committees.append(gid)
    for i in range(4500):
        kommune, district = rnd.choice(districts)
        out["Angebote"].append({
            "ID": f"ANG-{i:05d}", "Name": f"Angebot {i}", "Anbieter": rnd.choice(orgs + offices),
            "Kategorie": rnd.choice(cats[NodeType.OFFER]), "Zielgruppe": "Eltern mit Kindern",
            "Kommune": kommune, "Sozialraum": district, "Ort": rnd.choice(actors),
            "Aufsuchend": rnd.choice(["ja", "nein", "x", ""]), "Status": "laufend",
            "Kapazität": rnd.randint(10, 200)})
    members = actors + offices
    seen: set[tuple[str, str]] = set()
    while len(out["Mitgliedschaften"]) < 20000:
        pair = (rnd.choice(members), rnd.choice(committees))
        if pair not in seen:
            seen.add(pair)
            out["Mitgliedschaften"].append({
                "Mitglied": pair[0], "Gremium": pair[1],
                "Funktion": rnd.choice(["Mitglied", "Mitglied", "Gast"]),
                "Seit": dt.datetime(2015 + rnd.randint(0, 9), 1, 1)})
    kinds = ["Kooperation", "Kooperation", "Vermittlung", "Kontrakt"]
    while len(out["Beziehungen"]) < 14000:
        a, b = rnd.sample(actors, 2)
        if (a, b) in seen or (b, a) in seen:
            continue
        seen.add((a, b))
        out["Beziehungen"].append({
            "Von": a, "Zu": b, "Art": rnd.choice(kinds),
            "Stärke": rnd.choice(["1 Austausch", 2, "3", None]),
            "Formal": rnd.choice(["ja", "nein", None]), "Seit": "01.03.2019"})
    return out


def _rows(seed: int = 7) -> dict[str, list[list[Any]]]:
    """The records in template column order (header first), extra headers appended."""
    from netzkarte.schema import SHEETS

    out: dict[str, list[list[Any]]] = {}
    for name, records in _records(seed).items():
        headers = list(next(s for s in SHEETS if s.name == name).headers)
        headers += [h for h in dict.fromkeys(k for r in records for k in r) if h not in headers]
        out[name] = [headers, *[[r.get(h) for h in headers] for r in records]]
    return out


def generate_workbook(path: Path, seed: int = 7) -> dict[str, int]:
    """Write the synthetic Kreis workbook with openpyxl (write-only); return rows per sheet."""
    import openpyxl

    from netzkarte.schema import SHEET_ORDER

    data = _rows(seed)
    wb = openpyxl.Workbook(write_only=True)
    guide = wb.create_sheet("Anleitung")
    guide.append(["Netzwerkkarte – Benchmark-Kreis"])
    guide.append([])
    for label, value in (("Kommune", "Benchmarkkreis"), ("Kreis", "Benchmarkkreis"),
                         ("Stand", dt.datetime(2024, 6, 1))):
        guide.append([label, value])
    for name in SHEET_ORDER[1:-1]:
        ws = wb.create_sheet(name)
        for row in data.get(name, ()):  # Kategorien: none of its own
            ws.append(row)
    wb.create_sheet("Listen").append(["Sektor"])
    wb.save(path)
    return {name: len(rows) - 1 for name, rows in data.items()}


def time_process(code: str, path: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``python -c code path``, ``repeat`` times each.

    CPU time (user + system of the child) is printed beside the wall-clock time because it
    hardly changes when other processes share the machine.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, env=ENV)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


BARE = ("import sys, pandas as pd; "
        "pd.read_excel(sys.argv[1], sheet_name=None, engine='calamine')")
NETZKARTE = "import sys, netzkarte.io.excel as x; x.read_excel(sys.argv[1])"
EMPTY = "import sys"


def main(argv: list[str] | None = None) -> int:
    """Generate the workbook, time both processes, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to write the workbook (kept)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.out or Path(tmp) / "kreis.xlsx"
        start = time.perf_counter()
        rows = generate_workbook(path)
        print(f"Arbeitsmappe {path} ({path.stat().st_size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - start:.1f} s erzeugt")
        nodes = sum(rows[s] for s in ("Akteure", "Ämter", "Gremien", "Angebote"))
        print(f"{nodes} Knoten, {sum(rows.values())} Zeilen: "
              + ", ".join(f"{k} {v}" for k, v in rows.items()))
        subprocess.run([sys.executable, "-c", NETZKARTE, str(path)], check=True,
                       env=ENV)  # warm-up: page cache, .pyc files
        results = {name: time_process(code, path, args.repeat)
                   for name, code in (("python (leer)", EMPTY), ("pandas + calamine", BARE),
                                      ("netzkarte read_excel", NETZKARTE))}
    wall = {k: statistics.median(v[0]) for k, v in results.items()}
    cpu = {k: statistics.median(v[1]) for k, v in results.items()}
    print(f"\n{'Prozess':<24}{'Median s':>10}{'min s':>8}{'max s':>8}{'CPU s':>8}")
    for name, (walls, _) in results.items():
        print(f"{name:<24}{wall[name]:>10.2f}{min(walls):>8.2f}{max(walls):>8.2f}"
              f"{cpu[name]:>8.2f}")
    ratio = wall["netzkarte read_excel"] / wall["pandas + calamine"]
    cpu_ratio = cpu["netzkarte read_excel"] / cpu["pandas + calamine"]
    print(f"\nVerhältnis netzkarte / pandas: {ratio:.2f}× Wanduhr, {cpu_ratio:.2f}× CPU "
          f"(Ziel ≤ 1,5×; {args.repeat} Wiederholungen, Median)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

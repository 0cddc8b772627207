"""Planted problems found in clean and in everyday workbooks, and the speed of ``pruefen``.

For ``--seeds`` random towns (150–300 nodes, every problem planted) and three ways to get
the map:

* **sauber** — :func:`~netzkarte.datasets.synthetic.synthetic`'s map as generated;
* **Alltag** — :func:`~netzkarte.datasets.synthetic.everyday_workbook` rows (typed as
  administrators do) read by :func:`~netzkarte.io.build.build_map`;
* **Alltag, Karte wie beschrieben** — the map those rows describe, analysed directly (what a
  perfect reader would get);

it prints the recall of planted problems (found at high or medium severity in their place /
planted), the number of high or medium findings that contradict the ground truth (see
``tests/planted.py``), and the import errors. Then it writes one Kreis-scale everyday
workbook as .xlsx and times, as separate processes, a bare ``python_calamine`` read of every
sheet (and ``pandas.read_excel`` with calamine, as ``import_benchmark.py``) against
``validate_excel`` and ``netzkarte pruefen`` (which also prints every issue) on the same file
(ratio; target at most 1.5×).

Two more processes show the floor under any reader of that file: the bare read plus one
Python dict per row and one tuple per warning ``pruefen`` reports (``Untergrenze: Zeilen``),
and the same with the rows put into a ``networkx`` graph, as the map holds them, written
straight into its dicts as the importer does (``Untergrenze: Graph``) — no check at all, the
collector off, no collection at exit.

Run::

    python benchmarks/everyday_benchmark.py [--seeds 20] [--size 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "tests"))  # the word pools and the truth matching
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # the warm-up compiles netzkarte, as installed

__all__ = ["main", "quality", "timing"]

BARE = ("import sys; from python_calamine import CalamineWorkbook; "
        "b = CalamineWorkbook.from_path(sys.argv[1]); "
        "[b.get_sheet_by_name(s).to_python(skip_empty_area=False) for s in b.sheet_names]")
PANDAS = ("import sys, pandas as pd; "
          "pd.read_excel(sys.argv[1], sheet_name=None, engine='calamine')")
PRUEFEN = "import sys; from netzkarte.cli import main; sys.exit(main(['pruefen', sys.argv[1]]))"
VALIDATE = "import sys, netzkarte.io.excel as x; x.validate_excel(sys.argv[1])"
EMPTY = "import sys"
_FLOOR = """
import atexit, gc, sys
gc.disable(); atexit.register(gc.freeze)
from python_calamine import CalamineWorkbook
b = CalamineWorkbook.from_path(sys.argv[1])
raw = {s: b.get_sheet_by_name(s).to_python(skip_empty_area=False) for s in b.sheet_names}
def rows(*sheets):
    for s in sheets:
        head, *body = raw.get(s) or [[]]
        for r in body:
            yield r, {h: v for h, v in zip(head, r) if v != ""}
nodes = [(r[0], d) for r, d in rows("Akteure", "Ämter", "Gremien", "Angebote")]
edges = [(r[0], r[1], d) for r, d in rows("Mitgliedschaften", "Beziehungen")]
issues = [("warning", "code", f"Zeile {i}: Wert {i} ist nicht bekannt", "Akteure", i)
          for i in range(int(sys.argv[2]))]
"""
FLOOR_ROWS = _FLOOR
FLOOR_GRAPH = _FLOOR + """
import networkx as nx
g = nx.MultiDiGraph()  # written into its dicts directly, as NetworkMap's importer path does
succ, pred, node = g._succ, g._pred, g._node
for n, d in nodes:
    if n not in node:
        succ[n], pred[n], node[n] = {}, {}, d
for u, v, d in edges:
    for n in (u, v):
        if n not in node:
            succ[n], pred[n], node[n] = {}, {}, {}
    keys = succ[u].get(v)
    if keys is None:
        keys = succ[u][v] = pred[v][u] = {}
    keys[len(keys)] = d
"""


def quality(seeds: int) -> None:
    """Recall and false serious findings per mode, over ``seeds`` towns."""
    from everyday_words import WORDS
    from planted import contradictions, found, planted_items, serious

    from netzkarte.analysis import analyze
    from netzkarte.datasets.synthetic import everyday_workbook, synthetic
    from netzkarte.io.build import build_map

    modes = ("sauber", "Alltag", "Alltag, Karte wie beschrieben")
    hits: dict[str, Counter[str]] = {mode: Counter() for mode in modes}
    totals: Counter[str] = Counter()
    false: Counter[str] = Counter()
    errors = 0
    seconds: Counter[str] = Counter()
    for seed in range(seeds):
        n = 150 + (seed * 37) % 151
        start = time.perf_counter()
        clean = synthetic(n, seed=seed, plant="all")
        book = everyday_workbook(n, seed=seed, plant="all", words=WORDS)
        built, report = build_map(book.sheets, meta=book.meta)
        seconds["erzeugen und einlesen"] += time.perf_counter() - start
        errors += len(report.errors)
        cases = ((modes[0], clean.map, clean.map, clean.truth),
                 (modes[1], built, book.map, book.truth),
                 (modes[2], book.map, book.map, book.truth))
        for mode, analysed, described, truth in cases:
            start = time.perf_counter()
            result = analyze(analysed, progress=False)
            seconds["analysieren"] += time.perf_counter() - start
            findings = serious(result)
            for plant, item in planted_items(truth):
                if mode == modes[0]:
                    totals[plant] += 1
                hits[mode][plant] += found(findings, plant, item)
            false[mode] += len(contradictions(result, described, truth))
    plants = list(totals)
    width = max(len(p) for p in plants) + 2
    print(f"\n{seeds} Orte, 150–300 Knoten, alle Probleme eingepflanzt "
          f"({seconds['erzeugen und einlesen']:.1f} s erzeugen/einlesen, "
          f"{seconds['analysieren']:.1f} s Analyse)\n")
    print(f"{'Problem':<{width}}{'gepflanzt':>10}" + "".join(f"{m[:14]:>16}" for m in modes))
    for plant in plants:
        print(f"{plant:<{width}}{totals[plant]:>10}" + "".join(
            f"{hits[m][plant] / totals[plant]:>16.0%}" for m in modes))
    total = sum(totals.values())
    print(f"{'Recall gesamt':<{width}}{total:>10}" + "".join(
        f"{sum(hits[m].values()) / total:>16.0%}" for m in modes))
    print(f"{'falsche hoch/mittel':<{width}}{'':>10}" + "".join(f"{false[m]:>16}" for m in modes))
    print(f"\nFehler beim Einlesen der Alltags-Arbeitsmappen: {errors}")


def _time(code: str, path: Path, repeat: int, *extra: str
          ) -> tuple[list[float], list[float], int]:
    walls, cpus, rc = [], [], 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code, str(path), *extra], env=ENV,
                              capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        rc = rc or done.returncode
    return walls, cpus, rc


def timing(size: int, repeat: int) -> None:
    """``pruefen`` of a written everyday workbook against a bare calamine read."""
    from everyday_words import WORDS

    from netzkarte.datasets.synthetic import everyday_workbook
    from netzkarte.io.excel import validate_excel

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        book = everyday_workbook(size, seed=1, plant="all", words=WORDS)
        path = book.write(Path(tmp) / "alltag.xlsx")
        rows = sum(len(r) for r in book.sheets.values())
        print(f"\nAlltags-Arbeitsmappe mit {len(book.map)} Knoten, {rows} Zeilen "
              f"({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s "
              "erzeugt und geschrieben")
        warnings = str(len(validate_excel(path)[1].warnings))
        subprocess.run([sys.executable, "-c", PRUEFEN, str(path)], env=ENV,
                       capture_output=True, check=False)  # warm-up: page cache, .pyc files
        results = {name: _time(code, path, repeat, warnings) for name, code in (
            ("python (leer)", EMPTY), ("python_calamine", BARE), ("pandas + calamine", PANDAS),
            ("Untergrenze: Zeilen", FLOOR_ROWS), ("Untergrenze: Graph", FLOOR_GRAPH),
            ("validate_excel", VALIDATE), ("netzkarte pruefen", PRUEFEN))}
    print(f"\n{'Prozess':<22}{'Median s':>10}{'min s':>8}{'CPU s':>8}{'Exit':>6}")
    wall = {k: statistics.median(v[0]) for k, v in results.items()}
    cpu = {k: statistics.median(v[1]) for k, v in results.items()}
    for name, (walls, _, rc) in results.items():
        print(f"{name:<22}{wall[name]:>10.2f}{min(walls):>8.2f}{cpu[name]:>8.2f}{rc:>6}")
    print(f"\nVerhältnis zu python_calamine und zu pandas + calamine (Ziel ≤ 1,5×; "
          f"{repeat} Wiederholungen, Median):")
    for name in ("Untergrenze: Zeilen", "Untergrenze: Graph", "validate_excel",
                 "netzkarte pruefen"):
        print(f"  {name:<20}" + "; ".join(
            f"{wall[name] / wall[base]:.2f}× Wanduhr, {cpu[name] / cpu[base]:.2f}× CPU "
            f"gegen {base}" for base in ("python_calamine", "pandas + calamine")))


def main(argv: list[str] | None = None) -> int:
    """Print the recall table and the timing."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--size", type=int, default=20000,
                        help="nodes of the workbook timed with pruefen")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    quality(args.seeds)
    timing(args.size, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time and memory of a Land programme: ``analyse`` and ``uebersicht`` for many Kommunen.

For each number of Kommunen (default 150 and 500, about 360 nodes each, in Kreise of a
dozen) the script generates a synthetic map with every problem planted
(``netzkarte.datasets.synthetic``), writes it as the inputs a Servicestelle gets, and
runs the real command line on them, each in its own process:

* ``json`` — one JSON export of the whole Land (``netzkarte export``);
* ``xlsx`` — a folder with one filled template per Kommune and one per Kreis level
  (:func:`netzkarte.io.combine.per_municipality`, written with ``write_excel``), read and
  merged by ``netzkarte … ORDNER``.

For every run it prints wall-clock time, CPU time (user + system) and the peak resident
memory of the process (``os.wait4``), against the targets for 150 Kommunen: ``analyse`` at
most 30 s, ``uebersicht`` at most 60 s, memory at most 2 GB. The machine is shared, so
the check uses CPU time; the wall time is shown beside it.

Run::

    python benchmarks/kreis_benchmark.py [--kommunen 150 500] [--inputs json xlsx]
                                         [--keep ORDNER]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from netzkarte import save, write_excel  # noqa: E402
from netzkarte.datasets.synthetic import synthetic  # noqa: E402
from netzkarte.io.combine import per_municipality  # noqa: E402

__all__ = ["NODES_PER_KOMMUNE", "TARGETS", "Run", "main", "measure"]

NODES_PER_KOMMUNE = 360
"""Synthetic nodes per Kommune: 150 Kommunen are about 54,000 nodes."""

TARGETS: dict[str, tuple[float, float]] = {"analyse": (30.0, 2048.0),
                                           "uebersicht": (60.0, 2048.0)}
"""Command → (CPU seconds, peak MB) at 150 Kommunen."""

TARGET_KOMMUNEN = 150


@dataclass
class Run:
    """One measured command."""

    command: str
    inputs: str
    wall: float
    cpu: float
    peak_mb: float
    code: int


def measure(argv: list[str], inputs: str) -> Run:
    """Run ``python -m netzkarte ARGV`` in its own process; time and peak memory of it."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "netzkarte", *argv],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        print(err, file=sys.stderr)
    # ru_maxrss is in kilobytes on Linux
    return Run(argv[0], inputs, wall, usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss / 1024, process.returncode)


def _inputs(kommunen: int, folder: Path, kinds: list[str]) -> tuple[dict[str, list[str]],
                                                                    dict[str, float]]:
    started = time.perf_counter()
    s = synthetic(NODES_PER_KOMMUNE * kommunen, seed=1, municipalities=kommunen, plant="all")
    m = s.map
    facts = {"nodes": len(m), "edges": m.graph.number_of_edges(),
             "generate": time.perf_counter() - started}
    out: dict[str, list[str]] = {}
    if "json" in kinds:
        path = save(m, folder / "land.json")
        out["json"] = [str(path)]
    if "xlsx" in kinds:
        books = folder / "arbeitsmappen"
        books.mkdir()
        started = time.perf_counter()
        for name, part in per_municipality(m):
            write_excel(part, books / f"{name}.xlsx")
        facts["write_xlsx"] = time.perf_counter() - started
        out["xlsx"] = [str(books)]
    return out, facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kommunen", type=int, nargs="+", default=[150, 500])
    parser.add_argument("--inputs", nargs="+", choices=("json", "xlsx"),
                        default=["json", "xlsx"])
    parser.add_argument("--keep", type=Path, help="keep inputs and outputs in this folder")
    args = parser.parse_args(argv)
    rows: list[tuple[int, dict[str, float], Run]] = []
    for kommunen in args.kommunen:
        with tempfile.TemporaryDirectory(prefix="kreis-bench-") as tmp:
            folder = (args.keep / f"k{kommunen}") if args.keep else Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            inputs, facts = _inputs(kommunen, folder, args.inputs)
            print(f"{kommunen} Kommunen: {facts['nodes']:,} nodes, {facts['edges']:,} edges "
                  f"(generated in {facts['generate']:.0f} s"
                  + (f", workbooks written in {facts['write_xlsx']:.0f} s"
                     if "write_xlsx" in facts else "") + ")", flush=True)
            for kind, paths in inputs.items():
                out = folder / f"out-{kind}"
                out.mkdir(exist_ok=True)
                for command in (["analyse", *paths],
                                ["uebersicht", *paths, "-o", str(out / "uebersicht.html"),
                                 "--xlsx", str(out / "uebersicht.xlsx")]):
                    run = measure(command, kind)
                    rows.append((kommunen, facts, run))
                    print(f"  {run.command:<10} {kind:<4} wall {run.wall:6.1f} s  "
                          f"CPU {run.cpu:6.1f} s  peak {run.peak_mb:6.0f} MB  "
                          f"exit {run.code}", flush=True)
    print()
    print("| Kommunen | Knoten | Beziehungen | Befehl | Eingabe | Wand s | CPU s | "
          "Spitze MB | Ziel (150 Kommunen) | erfüllt |")
    print("|---:|---:|---:|---|---|---:|---:|---:|---|---|")
    failed = False
    for kommunen, facts, run in rows:
        seconds, megabytes = TARGETS[run.command]
        if kommunen == TARGET_KOMMUNEN:
            ok = run.code == 0 and run.cpu <= seconds and run.peak_mb <= megabytes
            verdict = "ja" if ok else "nein"
            failed |= not ok
            target = f"≤ {seconds:.0f} s, ≤ {megabytes / 1024:.0f} GB"
        else:
            verdict, target = ("gemessen" if run.code == 0 else "Fehler"), "–"
        print(f"| {kommunen} | {facts['nodes']:,.0f} | {facts['edges']:,.0f} | {run.command} | "
              f"{run.inputs} | {run.wall:.1f} | {run.cpu:.1f} | {run.peak_mb:.0f} | {target} | "
              f"{verdict} |")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fast failure: what a workbook full of mistakes costs ``netzkarte pruefen``.

Writes three workbooks with openpyxl and times ``netzkarte pruefen`` (and ``pruefen --json``)
on each as a separate process, with its peak memory (maximum resident set size):

* **valid** – about 60,000 nodes (actors, offices, committees, offers) with memberships
  and relations, no error;
* **300 typos** – the same workbook with 300 memberships broken: 100 mistyped IDs, 100
  mistyped names, 100 short forms of names (target: at most 1.5× the valid file);
* **250k errors** – 10,000 actors and 249,999 relation rows (the most a sheet may
  have), each with a mistyped ID (every one different, so each gets its own "meinten Sie"
  lookup) and a tie strength that is no strength: half a million errors. Time and memory
  must stay bounded by the file size, not grow with the number of errors times the
  number of IDs; the printed report lists 200 problems per sheet and counts the rest.

Print-only; nothing is asserted. Run::

    python benchmarks/failure_benchmark.py [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "benchmarks"))
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}

from reference_benchmark import break_references, rows  # noqa: E402

__all__ = ["error_rows", "main", "run", "write"]

Rows = dict[str, list[dict[str, Any]]]

# run the command line in a child and report its own peak memory (ru_maxrss is in KiB)
_CHILD = ("import resource, sys\n"
          "from netzkarte.cli import main\n"
          "code = main(sys.argv[1:])\n"
          "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
          "print(f'@@ {code} {peak}', file=sys.stderr)\n")


def error_rows(n_rows: int = 249_999, n_actors: int = 10_000, seed: int = 3) -> Rows:
    """A valid set of actors and ``n_rows`` relations that are all wrong."""
    rnd = random.Random(seed)
    actors = [{"ID": f"A-{i:06d}", "Name": f"Kita {i}", "Kategorie": "Kita"}
              for i in range(n_actors)]
    relations = []
    typed: set[str] = set()
    while len(relations) < n_rows:
        aid = f"A-{rnd.randrange(n_actors):06d}"
        at = rnd.randrange(2, len(aid) + 1)
        letter = rnd.choice("abcdefghijklmnopqrstuvwxyz")
        typo = (aid[:at] + letter + aid[at:] if rnd.random() < 0.5
                else aid[:at - 1] + letter + aid[at:])  # one letter too many or a wrong one
        if typo in typed:
            continue  # every text different: each costs its own lookup
        typed.add(typo)
        relations.append({"Von": typo, "Zu": f"A-{rnd.randrange(n_actors):06d}",
                          "Art": "Kooperation", "Stärke": "viel"})
    return {"Akteure": actors, "Ämter": [], "Gremien": [], "Angebote": [],
            "Mitgliedschaften": [], "Beziehungen": relations}


def write(path: Path, data: Rows) -> Path:
    """Write row dicts as a workbook (openpyxl, write-only)."""
    import openpyxl

    from netzkarte.schema import sheet

    wb = openpyxl.Workbook(write_only=True)
    for name, records in data.items():
        ws = wb.create_sheet(name)
        headers = list(dict.fromkeys(k for r in records for k in r)) or sheet(name).headers
        ws.append(headers)
        for record in records:
            ws.append([record.get(h) for h in headers])
    wb.save(path)
    return path


def run(argv: list[str], repeat: int) -> tuple[float, float, float, int, int]:
    """Median wall and CPU seconds, peak MB, exit code and bytes printed of
    ``netzkarte *argv``. CPU time (user + system of the child) hardly changes when other
    processes share the machine; wall-clock time does."""
    walls, cpus, peaks = [], [], []
    code, printed = -1, 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _CHILD, *argv], capture_output=True,
                              env=ENV, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        tail = done.stderr.decode("utf-8", "replace").rsplit("@@ ", 1)[-1].split()
        code, peaks = int(tail[0]), [*peaks, int(tail[1]) / 1024]
        printed = len(done.stdout)
    return statistics.median(walls), statistics.median(cpus), max(peaks), code, printed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--nodes", type=int, default=60_000)
    parser.add_argument("--typos", type=int, default=300)
    parser.add_argument("--errors", type=int, default=249_999)  # + header: the row cap
    parser.add_argument("--keep", type=Path, help="folder to keep the workbooks in")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        valid = rows(args.nodes)
        files = {"valid": write(folder / "gueltig.xlsx", valid),
                 f"{args.typos} typos": write(folder / "tippfehler.xlsx",
                                              break_references(valid, args.typos)),
                 f"{round(args.errors, -3) // 1000}k errors": write(folder / "fehler.xlsx",
                                                         error_rows(args.errors))}
        print(f"Arbeitsmappen in {time.perf_counter() - start:.0f} s geschrieben: "
              + ", ".join(f"{k} {p.stat().st_size / 1e6:.1f} MB" for k, p in files.items()))
        print(f"\n{'workbook':<14}{'command':<16}{'wall s':>8}{'CPU s':>7}{'peak MB':>9}"
              f"{'exit':>5}{'output MB':>10}")
        times: dict[str, tuple[float, float]] = {}
        for label, path in files.items():
            heavy = label.endswith("errors")
            for command in (["pruefen"], ["pruefen", "--json"]):
                if command[-1] == "--json" and not heavy:
                    continue
                wall, cpu, peak, code, printed = run([*command, str(path)],
                                                     1 if heavy else args.repeat)
                times[label] = wall, cpu
                print(f"{label:<14}{' '.join(command):<16}{wall:>8.2f}{cpu:>7.2f}{peak:>9.0f}"
                      f"{code:>5}{printed / 1e6:>10.2f}")
        typos, valid_time = times[f"{args.typos} typos"], times["valid"]
        print(f"\n{args.typos} typos / valid: {typos[0] / valid_time[0]:.2f}× wall, "
              f"{typos[1] / valid_time[1]:.2f}× CPU (target ≤ 1.5×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

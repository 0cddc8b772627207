"""How fast is the interactive map? Build time, file size and time to ready in Chromium.

For each size the script builds a synthetic map, renders it with netzkarte (``netz`` layout,
positions precomputed, physics off) and with plain pyvis defaults (``Network().from_nx``,
physics on), opens both in headless Chromium (Debian's /usr/bin/chromium) and measures:

* build — Python time to produce the HTML file,
* size  — the file in MB,
* ready — from navigation start to the drawn, settled network: for netzkarte the moment the
  page sets ``data-netzkarte-ready="true"`` (``performance.now()`` inside the page), for
  pyvis the moment its physics has stabilised; ``wall`` is the same seen from Python.

pyvis is skipped for sizes where it does not settle within a minute. Run::

    python benchmarks/map_benchmark.py            # 300, 1000, 5000, 10000 nodes
    python benchmarks/map_benchmark.py 300 2000   # chosen sizes
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from netzkarte import NetworkMap
from netzkarte.render.html_map import write_map

__all__ = ["main"]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PYVIS_LIMIT_S = 60.0


def make_map(n: int, seed: int = 1) -> NetworkMap:
    """The synthetic generator when available, else a small random municipality."""
    try:
        from netzkarte.datasets.synthetic import synthetic
    except ImportError:
        return _fallback_map(n, seed)
    return synthetic(n, seed=seed).map


def _fallback_map(n: int, seed: int) -> NetworkMap:
    rng = random.Random(seed)
    m = NetworkMap(f"Zufall {n}")
    n_comm = max(2, n // 25)
    for i in range(n_comm):
        m.add_node(f"G{i}", "committee", name=f"Gremium {i}", tier="abc"[i % 3])
    actors = [f"A{i}" for i in range(n - n_comm)]
    for i, a in enumerate(actors):
        m.add_node(a, "actor", name=f"Akteur {i}", category=rng.choice(["Kita", "Grundschule"]),
                   district=f"Bezirk {i % 20}")
        m.add_edge(a, f"G{rng.randrange(n_comm)}", "member")
        if i:
            m.add_edge(a, rng.choice(actors[:i]), "cooperation", strength=rng.randint(1, 4))
    return m


def _pyvis_file(m: NetworkMap, path: Path) -> float:
    """Plain pyvis defaults: from_nx on a labelled simple graph, physics on."""
    import networkx as nx
    from pyvis.network import Network

    start = time.perf_counter()
    g: nx.Graph[str] = nx.Graph()
    for node in m.graph.nodes:
        g.add_node(node, label=m.name(node))
    g.add_edges_from((u, v) for u, v in m.graph.edges())
    net = Network(cdn_resources="in_line")
    net.from_nx(g)
    path.write_text(net.generate_html(), encoding="utf-8")
    return time.perf_counter() - start


def _open(browser: Any, path: Path, wait_js: str, timeout_s: float) -> tuple[float, float]:
    """(ready in page ms, wall s); blocks every request except the file itself."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    url = path.resolve().as_uri()
    page.route("**/*", lambda route: route.continue_() if route.request.url == url
               else route.abort())
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        ready_ms = page.evaluate(wait_js, timeout_s * 1000)
        wall = time.perf_counter() - start
    finally:
        page.close()
    return float(ready_ms), wall


_NETZKARTE_READY = """timeout => new Promise((resolve, reject) => {
  const t0 = Date.now();
  (function poll() {
    if (document.body && document.body.dataset.netzkarteReady === "true") {
      resolve(window.netzkarte.timings.drawn);
    } else if (Date.now() - t0 > timeout) { reject(new Error("timeout")); }
    else { setTimeout(poll, 10); }
  })();
})"""

_PYVIS_READY = """timeout => new Promise((resolve, reject) => {
  const t0 = Date.now();
  (function poll() {
    const n = window.network;
    if (n && n.physics && n.physics.stabilized) { resolve(performance.now()); }
    else if (Date.now() - t0 > timeout) { reject(new Error("timeout")); }
    else { setTimeout(poll, 25); }
  })();
})"""


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[300, 1000, 5000, 10000])
    parser.add_argument("--no-pyvis", action="store_true", help="skip the pyvis comparison")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    folder = Path(tempfile.mkdtemp(prefix="netzkarte-bench-"))
    rows: list[tuple[str, ...]] = []
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    pyvis_gave_up = args.no_pyvis
    try:
        for n in args.sizes:
            m = make_map(n)
            nodes, edges = len(m), m.graph.number_of_edges()
            start = time.perf_counter()
            ours = write_map(m, folder / f"netzkarte_{n}.html")
            build = time.perf_counter() - start
            ready, wall = _open(browser, ours, _NETZKARTE_READY, 60)
            rows.append((f"{nodes:,}", f"{edges:,}", "netzkarte", f"{build:.2f}",
                         f"{ours.stat().st_size / 1e6:.2f}", f"{ready / 1000:.2f}",
                         f"{wall:.2f}"))
            if pyvis_gave_up:
                rows.append((f"{nodes:,}", f"{edges:,}", "pyvis", "–", "–", "–",
                             "übersprungen"))
                continue
            theirs = folder / f"pyvis_{n}.html"
            build = _pyvis_file(m, theirs)
            try:
                ready, wall = _open(browser, theirs, _PYVIS_READY, PYVIS_LIMIT_S)
                rows.append((f"{nodes:,}", f"{edges:,}", "pyvis", f"{build:.2f}",
                             f"{theirs.stat().st_size / 1e6:.2f}", f"{ready / 1000:.2f}",
                             f"{wall:.2f}"))
            except Exception:  # timeout: pyvis did not settle within the limit
                rows.append((f"{nodes:,}", f"{edges:,}", "pyvis", f"{build:.2f}",
                             f"{theirs.stat().st_size / 1e6:.2f}",
                             f"> {PYVIS_LIMIT_S:.0f}", "–"))
                pyvis_gave_up = True  # larger sizes will not be faster
    finally:
        browser.close()
        pw.stop()
        shutil.rmtree(folder, ignore_errors=True)

    head = ("Knoten", "Kanten", "Karte", "Bauzeit s", "Datei MB", "bereit s", "Wand s")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    print("\nbereit: ab Navigationsbeginn bis zur gezeichneten, ruhenden Karte (im Browser "
          "gemessen); Wand: dasselbe aus Python gesehen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

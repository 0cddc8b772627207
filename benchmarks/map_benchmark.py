"""How fast is the interactive map? Build, size, time to ready and interaction times in Chromium.

For each size the script builds a map (322 = the example town Kindertal with its findings,
other sizes the synthetic Kreis), writes it with netzkarte and opens it in headless Chromium
(Debian's /usr/bin/chromium). Every figure is the median of ``--runs`` page loads:

* build — Python time to produce the HTML file (analyses not included),
* size  — the file in MB,
* ready — from navigation start to the drawn, settled first view: the moment the page
  sets ``data-netzkarte-ready="true"`` (``performance.now()`` inside the page),
* search — one keystroke in the search box, until the next frame is drawn: the median
  (``search``) and the slowest (``search max``) of typing "Kita", "Schule" and "Amt"
  letter by letter (the first letter of each word changes the look of almost every node),
* click — a click on a node (details, focus), until the next frame,
* filter — switching off one node type, until the next frame,
* finding — showing the first finding (highlight and zoom), until the next frame,
* open — opening the largest bundle in place (large maps only), until the next frame,
* frame p95 — the 95th percentile of the frame times while zooming with the wheel, in the
  first view and with every bundle open (``alle offen``, up to 6,000 nodes).

Run::

    python benchmarks/map_benchmark.py                 # 322, 5000, 20000 nodes
    python benchmarks/map_benchmark.py 322 2000 --runs 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from netzkarte import NetworkMap
from netzkarte.render.html_map import write_map

__all__ = ["main"]

SEARCH_WORDS = ("Kita", "Schule", "Amt")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def make_map(n: int, seed: int = 1) -> tuple[NetworkMap, Any]:
    """Kindertal with its findings for 322, else the synthetic Kreis without findings."""
    if n == 322:
        from netzkarte.analysis.core import analyze
        from netzkarte.datasets import kindertal

        m = kindertal()
        return m, analyze(m, progress=False)
    from netzkarte.datasets.synthetic import synthetic

    return synthetic(n, seed=seed).map, None


_UNTIL_DRAWN = """async (code) => {
  const t0 = performance.now();
  (new Function(code))();
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
}"""

_KEYSTROKE = """const box = document.getElementById('nk-search');
box.value = %r; box.dispatchEvent(new Event('input'));"""

_CLICK = """const ids = netzkarte.visibleNodeIds().filter(id => !id.startsWith('g'));
netzkarte.network.body.emitter.emit('click', {nodes: [ids[Math.floor(ids.length / 2)]],
  edges: [], pointer: {DOM: {x: 0, y: 0}, canvas: {x: 0, y: 0}}});"""

_FILTER = """const cb = document.querySelector("input[data-filter=type][value='offer']");
cb.click();"""

_FINDING = """const b = document.querySelector('.nk-finding-title'); if (b) { b.click(); }"""

_OPEN = """const g = netzkarte.clusterIds().map(id => [id, netzkarte.nodes.get(id).size])
  .sort((a, b) => b[1] - a[1])[0]; if (g) { netzkarte.openGroup(g[0]); }"""

_ZOOM_FRAMES = """async () => {
  const c = document.querySelector('#nk-network canvas');
  const r = c.getBoundingClientRect();
  const times = [];
  let last = performance.now(), running = true;
  function tick(now) {
    times.push(now - last); last = now; if (running) { requestAnimationFrame(tick); }
  }
  requestAnimationFrame(tick);
  for (let i = 0; i < 40; i++) {
    c.dispatchEvent(new WheelEvent('wheel', {deltaY: i < 20 ? -120 : 120,
      clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true,
      cancelable: true}));
    await new Promise(res => setTimeout(res, 16));
  }
  await new Promise(res => setTimeout(res, 100));
  running = false;
  times.sort((a, b) => a - b);
  return times.slice(2);
}"""

_READY = """timeout => new Promise((resolve, reject) => {
  const t0 = Date.now();
  (function poll() {
    if (document.body && document.body.dataset.netzkarteReady === "true") {
      resolve(window.netzkarte.timings.drawn);
    } else if (Date.now() - t0 > timeout) { reject(new Error("timeout")); }
    else { setTimeout(poll, 10); }
  })();
})"""


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _measure(browser: Any, path: Path) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    url = path.resolve().as_uri()
    page.route("**/*", lambda route: route.continue_() if route.request.url == url
               else route.abort())
    out: dict[str, float] = {}
    try:
        page.goto(url, wait_until="commit")
        out["ready"] = float(page.evaluate(_READY, 60_000))
        page.wait_for_timeout(300)
        out["frame"] = _p95(page.evaluate(_ZOOM_FRAMES))
        keys = []
        for word in SEARCH_WORDS:
            keys += [page.evaluate(_UNTIL_DRAWN, _KEYSTROKE % word[:i])
                     for i in range(1, len(word) + 1)]
            page.evaluate(_UNTIL_DRAWN, _KEYSTROKE % "")
        out["search"] = statistics.median(keys)
        out["search_max"] = max(keys)
        out["click"] = page.evaluate(_UNTIL_DRAWN, _CLICK)
        out["filter"] = page.evaluate(_UNTIL_DRAWN, _FILTER)
        page.evaluate(_UNTIL_DRAWN, _FILTER)
        out["finding"] = page.evaluate(_UNTIL_DRAWN, _FINDING)
        if page.evaluate("netzkarte.clusterIds().length"):
            page.evaluate("netzkarte.reset()")
            out["open"] = page.evaluate(_UNTIL_DRAWN, _OPEN)
            if page.evaluate("netzkarte.meta.nodeCount") <= 6000:
                page.evaluate("netzkarte.openAll()")
                page.evaluate("netzkarte.network.fit()")
                page.wait_for_timeout(300)
                out["frame_all"] = _p95(page.evaluate(_ZOOM_FRAMES))
    finally:
        page.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[322, 5000, 20000])
    parser.add_argument("--runs", type=int, default=3, help="page loads per size (median)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    folder = Path(tempfile.mkdtemp(prefix="netzkarte-bench-"))
    rows: list[tuple[str, ...]] = []
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    try:
        for n in args.sizes:
            m, findings = make_map(n)
            start = time.perf_counter()
            path = write_map(m, folder / f"netzkarte_{n}.html", findings=findings)
            build = time.perf_counter() - start
            runs = [_measure(browser, path) for _ in range(args.runs)]

            def med(key: str, runs: list[dict[str, float]] = runs) -> str:
                values = [r[key] for r in runs if key in r]
                return f"{statistics.median(values):.0f}" if values else "–"

            rows.append((f"{len(m):,}", f"{m.graph.number_of_edges():,}", f"{build:.2f}",
                         f"{path.stat().st_size / 1e6:.2f}", med("ready"), med("search"),
                         med("search_max"), med("click"), med("filter"), med("finding"),
                         med("open"), med("frame"), med("frame_all")))
    finally:
        browser.close()
        pw.stop()
        shutil.rmtree(folder, ignore_errors=True)

    head = ("Knoten", "Kanten", "Bauzeit s", "Datei MB", "bereit ms", "Suche ms",
            "Suche max ms", "Klick ms",
            "Filter ms", "Befund ms", "Öffnen ms", "Bild p95 ms", "alle offen p95 ms")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    print(f"\nMediane aus {args.runs} Ladevorgängen, Chromium ohne GPU, Fenster 1366×768. "
          "Interaktionen: bis das nächste Bild gezeichnet ist; Suche: Median und langsamster "
          "Tastendruck.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

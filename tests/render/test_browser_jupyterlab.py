"""Jupyter for real: JupyterLab in Chromium runs a notebook and shows the map inline.

A JupyterLab server starts on a free localhost port with its own token, a temporary root
directory and its own Jupyter directories (config, data, runtime, settings, workspaces), so
nothing of the machine's Jupyter setup takes part. Its only kernel is the test's own Python
(the venv, absolute path). Chromium opens the notebook, runs the cells with Shift+Enter and
looks at what a user sees: the findings panel beside the map in the output, the page ready
inside its iframe, and the mouse wheel — it scrolls the notebook over the map until the map
is clicked or Ctrl is held, then it zooms. The server is shut down after the test.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat as _nbformat
import pytest

nbformat: Any = _nbformat  # untyped library

pytestmark = pytest.mark.browser

KERNEL = "netzkarte-test"
CODE = [
    "import sys\nprint('Python:', sys.prefix)",
    "import netzkarte as nk\nm = nk.datasets.kindertal()\nnk.analyze(m)",
]
KERNEL_READY = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = panel && panel.sessionContext && panel.sessionContext.session
        && panel.sessionContext.session.kernel;
    return !!kernel && kernel.connectionStatus === "connected" && kernel.status === "idle"; }"""
FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
"""Two frames of the notebook page: a scroll the wheel caused would have happened."""
WAIT = 60_000  # ms: generous, the machine is shared


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    log: Path
    process: subprocess.Popen[bytes]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "netzkarte (Test)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Die Karte im Treffen"),
                *(nbformat.v4.new_code_cell(source) for source in CODE),
                nbformat.v4.new_markdown_cell("Weiter unten:\n\n" + "Notizen zum Treffen.\n\n"
                                              * 30)]
    nbformat.write(nb, path)


def _answers(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until the server answers (or fail with its log when it stopped or hangs)."""
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail("JupyterLab ist beendet:\n" + log.read_text(errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            pytest.fail("JupyterLab antwortet nicht:\n"
                        + log.read_text(errors="replace")[-3000:])
        time.sleep(0.2)  # polling interval of the readiness check, not a synchronisation


def _stop(lab: Lab) -> None:
    """Shut the server down through its API (kernels too), else terminate, else kill."""
    process = lab.process
    if process.poll() is None:
        request = urllib.request.Request(f"{lab.url}api/shutdown", method="POST",
                                         headers={"Authorization": f"token {lab.token}"})
        with contextlib.suppress(urllib.error.URLError, OSError):
            urllib.request.urlopen(request, timeout=5).close()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    # the kernel the server started (same process group) must not outlive it
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    if shutil.which("jupyter-lab", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("jupyterlab fehlt: pip install -e '.[test]'")
    base = tmp_path_factory.mktemp("jupyterlab")
    root, home = base / "notizen", base / "jupyter"
    root.mkdir()
    kernel_dir = home / "data" / "kernels" / KERNEL
    kernel_dir.mkdir(parents=True)
    # the venv's Python, by absolute path: no kernel of the machine can stand in
    (kernel_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "netzkarte (Test)", "language": "python"}), encoding="utf-8")
    _notebook(root / "treffen.ipynb")
    # offline: no news feed, no update check (and no question about them over the notebook)
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    env = {**os.environ,
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_PATH": str(home / "data"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "IPYTHONDIR": str(home / "ipython"), "JUPYTER_PLATFORM_DIRS": "1",
           "PYTHONUNBUFFERED": "1"}
    port, token = _free_port(), os.urandom(16).hex()
    log = base / "jupyterlab.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
             "--ServerApp.allow_root=True", "--ServerApp.open_browser=False",
             # offline: no update check, no news feed
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             "--LabApp.news_url=None",
             "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: the kernel's state
             f"--KernelSpecManager.allowed_kernelspecs={KERNEL}",
             "--KernelSpecManager.ensure_native_kernel=False"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    found = Lab(f"http://127.0.0.1:{port}/", token, root, log, process)
    try:
        _answers(f"{found.url}api/status?token={token}", process, log)
        yield found
    finally:
        _stop(found)
    assert process.returncode is not None


def _scroller(page: Any) -> Any:
    """The element that scrolls the notebook (the nearest scrolling ancestor of the map)."""
    return page.evaluate_handle("""() => {
        let e = document.querySelector('.jp-OutputArea-output iframe').parentElement;
        while (e && !(e.scrollHeight > e.clientHeight + 10
                      && /(auto|scroll)/.test(getComputedStyle(e).overflowY))) {
            e = e.parentElement;
        }
        return e; }""")


def _map_point(page: Any, inner: Any, scroller: Any) -> tuple[float, float]:
    """A point on the map that the notebook shows (its canvas within the scrolled area)."""
    canvas = inner.locator("#nk-network").bounding_box()  # in the page's coordinates
    area = scroller.evaluate("e => { const r = e.getBoundingClientRect();"
                             " return [r.left, r.top, r.right, r.bottom]; }")
    left, top = max(canvas["x"], area[0]), max(canvas["y"], area[1])
    right = min(canvas["x"] + canvas["width"], area[2])
    bottom = min(canvas["y"] + canvas["height"], area[3])
    assert right - left > 100 and bottom - top > 100, (canvas, area)
    return (left + right) / 2, (top + bottom) / 2


def test_jupyterlab_runs_the_notebook_and_shows_the_map_with_its_findings(
        browser: Any, lab: Lab, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith((lab.url, "data:", "about:", "blob:")) else None)
    try:
        page.goto(f"{lab.url}lab/tree/treffen.ipynb?token={lab.token}")
        cells = page.locator(".jp-NotebookPanel .jp-Cell")
        cells.nth(1).locator(".jp-InputArea-editor").wait_for(timeout=WAIT)
        page.locator(".jp-NotebookPanel .jp-Toolbar-kernelName",
                     has_text="netzkarte (Test)").wait_for(timeout=WAIT)
        # the kernel has started and the notebook is connected to it (before that, JupyterLab
        # drops a run without a word)
        page.wait_for_function(KERNEL_READY, timeout=WAIT)
        # run the two code cells as a user does: click into the first, Shift+Enter twice
        cells.nth(1).locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")
        page.keyboard.press("Shift+Enter")
        out = cells.nth(1).locator(".jp-OutputArea-output")
        out.wait_for(timeout=WAIT)
        assert out.inner_text().strip() == f"Python: {sys.prefix}"  # the venv's kernel
        result = cells.nth(2).locator(".jp-OutputArea-output .netzkarte-befunde")
        result.wait_for(timeout=WAIT)
        count = int(result.locator("p").first.inner_text().split(":")[1].split()[0])
        iframe = result.locator("iframe")
        assert iframe.is_visible()
        inner_doc = page.frame_locator(".jp-OutputArea-output iframe")
        inner_doc.locator("body[data-netzkarte-ready=true]").wait_for(state="attached",
                                                                    timeout=WAIT)
        inner = next(f for f in page.frames if f.parent_frame is not None
                     and f.evaluate("!!window.netzkarte"))
        assert inner.evaluate("document.body.dataset.netzkarteReady") == "true"
        # the findings list beside the map, every finding
        assert inner.locator("#nk-findings-section").is_visible()
        assert inner.locator("#nk-findings .nk-finding-title").count() == count > 10
        assert inner.evaluate("netzkarte.visibleNodeIds().length") > 100
        page.screenshot(path=str(tmp_path / "jupyterlab.png"))

        scroller = _scroller(page)
        assert scroller.evaluate("e => e !== null")
        # the map near the top of the notebook's area, with more notebook below it
        scroller.evaluate("""e => {
            const f = document.querySelector('.jp-OutputArea-output iframe');
            e.scrollTop += f.getBoundingClientRect().top - e.getBoundingClientRect().top - 40;
        }""")
        scale = inner.evaluate("netzkarte.scale()")
        # the wheel over the map scrolls the notebook, the map stays as it is
        top = scroller.evaluate("e => e.scrollTop")
        page.mouse.move(*_map_point(page, inner, scroller))
        page.mouse.wheel(0, 240)
        page.wait_for_function("([e, top]) => e.scrollTop > top", arg=[scroller, top],
                               timeout=WAIT)
        assert inner.evaluate("netzkarte.scale()") == scale

        # with Ctrl held the map zooms and the notebook stays
        top = scroller.evaluate("e => e.scrollTop")
        page.mouse.move(*_map_point(page, inner, scroller))
        page.keyboard.down("Control")
        page.mouse.wheel(0, -240)
        page.keyboard.up("Control")
        inner.wait_for_function(f"netzkarte.scale() !== {scale}", timeout=WAIT)
        page.evaluate(FRAMES)
        assert scroller.evaluate("e => e.scrollTop") == top
        zoomed = inner.evaluate("netzkarte.scale()")

        # after a click into the map the wheel zooms it, the notebook stays
        page.mouse.move(*_map_point(page, inner, scroller))
        page.mouse.down()
        page.mouse.up()
        page.mouse.wheel(0, -240)
        inner.wait_for_function(f"netzkarte.scale() !== {zoomed}", timeout=WAIT)
        page.evaluate(FRAMES)
        assert scroller.evaluate("e => e.scrollTop") == top
        page.screenshot(path=str(tmp_path / "jupyterlab-zoomed.png"))
        assert outside == []
    finally:
        page.close()

"""Fixtures of the render tests: a map with hostile names and one Chromium per session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from map_fixtures import CHROMIUM_ARGS, MapPage, build_hostile_map

from netzkarte import NetworkMap
from netzkarte.render.html_map import write_map


@pytest.fixture
def hostile_map() -> NetworkMap:
    """A fresh map whose names try to break out of every context."""
    return build_hostile_map()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium (Debian's package, never a Playwright download) per session."""
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    path = shutil.which("chromium") or "/usr/bin/chromium"
    chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()
        pw.stop()


@pytest.fixture
def open_map(browser: Any, tmp_path: Path) -> Iterator[Any]:
    pages: list[Any] = []

    def opener(m: NetworkMap, name: str = "karte.html", *,
               viewport: tuple[int, int] = (1400, 900), hash: str = "",
               **options: Any) -> MapPage:
        path = write_map(m, tmp_path / name, **options)
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        pages.append(page)
        shown = MapPage(page, path.resolve().as_uri())

        def on_dialog(dialog: Any) -> None:
            shown.dialogs.append(dialog.message)
            dialog.dismiss()

        def on_route(route: Any) -> None:
            if route.request.url == shown.url:
                route.continue_()
            else:
                route.abort()

        page.on("pageerror", lambda exc: shown.errors.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: shown.errors.append(f"console: {msg.text}")
                if msg.type in ("error", "warning") else None)
        page.on("dialog", on_dialog)
        page.on("request", lambda request: shown.requests.append(request.url))
        page.route("**/*", on_route)
        page.goto(shown.url + hash)
        page.wait_for_selector("body[data-netzkarte-ready=true]", state="attached",
                               timeout=60_000)
        return shown

    yield opener
    for page in pages:
        page.close()

"""Fixtures of the render tests: a map with hostile names and one Chromium per session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from map_fixtures import CHROMIUM_ARGS, build_hostile_map

from netzkarte import NetworkMap


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

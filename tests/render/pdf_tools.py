"""Printed pages for the tests: Chromium's PDF read back with poppler (pdftotext, pdftoppm)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

__all__ = ["PdfLine", "page_count", "page_lines", "pdf_text", "render_pages", "require_poppler"]

_XHTML = "{http://www.w3.org/1999/xhtml}"


def require_poppler() -> None:
    """Skip when poppler-utils is missing (``.ci/run`` installs it)."""
    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils fehlt (apt-get install poppler-utils)")


@dataclass(frozen=True)
class PdfLine:
    """One line of text on a page, in points from the top left."""

    page: int
    top: float
    bottom: float
    left: float
    text: str


def page_lines(pdf: Path) -> list[list[PdfLine]]:
    """Every page's text lines, top to bottom (``pdftotext -bbox-layout``)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))
    pages = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        lines = []
        for line in page.iter(f"{_XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{_XHTML}word")]
            lines.append(PdfLine(number, float(line.get("yMin", 0)), float(line.get("yMax", 0)),
                                 float(line.get("xMin", 0)), " ".join(words)))
        pages.append(sorted(lines, key=lambda x: (x.top, x.left)))
    return pages


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The text of the PDF (or of one page), whitespace folded to single spaces."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert match, info
    return int(match.group(1))


def render_pages(pdf: Path, dpi: int = 50) -> list[Path]:
    """Every page as a PNG next to the PDF (``pdftoppm``); the paths, in page order."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(pdf.parent.glob(prefix.name + "-*.png"),
                  key=lambda p: int(p.stem.rsplit("-", 1)[1]))

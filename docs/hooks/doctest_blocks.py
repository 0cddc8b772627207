"""MkDocs hook: render bare doctest examples in docstrings as Python console code.

numpydoc ``Examples`` sections are turned into code blocks by mkdocstrings, but the house style
also puts short runnable examples straight into module and function summaries. Markdown would
read their output lines (``['unknown-reference']``, ``[100, 0, 0]``) as reference links, which
``mkdocs build --strict`` rejects. This hook adds a tiny Markdown preprocessor that wraps every
doctest block outside a fenced code block in a ``pycon`` fence, for the handbook pages and the
docstrings alike. It reads and writes nothing else.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]
from mkdocs.plugins import event_priority

__all__ = ["DoctestBlocks", "on_config"]

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_PROMPT = re.compile(r"^( {0,3})>>>( |$)")


class _Wrap(Preprocessor):  # type: ignore[misc]
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence: str | None = None
        i = 0
        while i < len(lines):
            line = lines[i]
            marker = _FENCE.match(line)
            if fence is not None:
                if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                    fence = None
                out.append(line)
                i += 1
                continue
            if marker:
                fence = marker.group(1)
                out.append(line)
                i += 1
                continue
            prompt = _PROMPT.match(line)
            if prompt is None:
                out.append(line)
                i += 1
                continue
            indent = len(prompt.group(1))
            block: list[str] = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][indent:] if lines[i][:indent].isspace() else lines[i])
                i += 1
            out.extend(["", "```pycon", *block, "```", ""])
        return out


class DoctestBlocks(Extension):  # type: ignore[misc]
    """Markdown extension: wrap bare ``>>>`` blocks in a ``pycon`` code fence."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Before fenced_code (25) and before mkdocstrings sees headings.
        md.preprocessors.register(_Wrap(md), "netzkarte_doctest_blocks", 27)


@event_priority(100)  # before mkdocstrings reads the extension list
def on_config(config: Any) -> Any:
    """Register :class:`DoctestBlocks` for pages and docstrings."""
    config.markdown_extensions.append(DoctestBlocks())
    return config

"""Regenerate the files netzkarte ships from the code and data that define them.

    python tools/regenerate.py

writes

* ``netzkarte/datasets/data/kindertal_2017.json`` and ``kindertal_2019.json`` – the rows of
  the example town Kindertal (from ``tools/kindertal_data.py``, where the example is edited);
* ``examples/kindertal_2017.xlsx`` and ``examples/kindertal_2019.xlsx`` – the same maps as
  filled templates;
* ``data_templates/netzkarte_vorlage.xlsx`` – the empty template.

The tests compare the shipped files with what the code writes and name this command when
they differ. This script is a tool of the repository, not part of the installed package.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import kindertal_data  # noqa: E402  (the tools folder, after the path is set)

from netzkarte.datasets.kindertal import DATA, YEARS, write_examples  # noqa: E402
from netzkarte.io.template import write_template  # noqa: E402

_ROWS = {2017: (kindertal_data.rows_2017, kindertal_data.CUTOFF_2017),
         2019: (kindertal_data.rows_2019, kindertal_data.CUTOFF_2019)}


def kindertal_json(year: int) -> dict[str, object]:
    """The rows of one snapshot, column-major per sheet (headers once, then the rows)."""
    rows, cutoff = _ROWS[year]
    sheets: dict[str, object] = {}
    for name, records in rows().items():
        headers: dict[str, None] = {}
        for record in records:
            headers.update(dict.fromkeys(record))
        sheets[name] = {"headers": list(headers),
                        "rows": [[record.get(h) for h in headers] for record in records]}
    return {"schema": "netzkarte-kindertal/1", "year": year, "cutoff": cutoff,
            "meta": kindertal_data.META, "sheets": sheets}


def _dumps(doc: dict[str, object]) -> str:
    """JSON with one row per line, so a change of the example is a readable diff."""
    def one(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = {k: v for k, v in doc.items() if k != "sheets"}
    lines = ["{" + ",\n".join(f" {one(k)}: {one(v)}" for k, v in head.items()) + ",",
             ' "sheets": {']
    sheets = doc["sheets"]
    assert isinstance(sheets, dict)
    for i, (name, sheet) in enumerate(sheets.items()):
        rows = ",\n".join(f"   {one(row)}" for row in sheet["rows"])
        lines.append(f"  {one(name)}: {{\"headers\": {one(sheet['headers'])},\n"
                     f"   \"rows\": [\n{rows}]}}{',' if i < len(sheets) - 1 else ''}")
    lines.append(" }\n}\n")
    return "\n".join(lines)


def main() -> int:
    DATA.mkdir(parents=True, exist_ok=True)
    for year in YEARS:
        path = DATA / f"kindertal_{year}.json"
        path.write_text(_dumps(kindertal_json(year)), encoding="utf-8")
        print(f"geschrieben: {path.relative_to(ROOT)}")
    sys.modules["netzkarte.datasets.kindertal"]._built.cache_clear()  # the JSON just changed
    for path in write_examples(ROOT / "examples"):
        print(f"geschrieben: {path.relative_to(ROOT)}")
    template = write_template(ROOT / "data_templates" / "netzkarte_vorlage.xlsx")
    print(f"geschrieben: {Path(template).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

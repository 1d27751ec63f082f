"""docs/schema.md documents every column of every table, with the code's types."""

from __future__ import annotations

import re
from pathlib import Path

from tifalab.tables import DERIVED_SCHEMAS, SCHEMAS, conform, empty_frame

DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"


def _documented() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    current = None
    for line in DOC.read_text("utf-8").splitlines():
        m = re.match(r"### (\w+) —", line)
        if m:
            current = m.group(1)
            out[current] = {}
            continue
        if line.startswith("## "):
            current = None
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if current and len(cells) >= 3 and cells[1] != "type" and not cells[0].startswith("-"):
            out[current][cells[0]] = cells[1]
    return out


def test_every_table_column_is_documented_with_its_type() -> None:
    doc = _documented()
    for table, cols in {**SCHEMAS, **DERIVED_SCHEMAS}.items():
        assert table in doc, f"table {table} missing from docs/schema.md"
        assert list(doc[table]) == list(cols), f"{table}: documented columns differ from the code"
        for col, dtype in cols.items():
            assert doc[table][col] == dtype, f"{table}.{col}: documented {doc[table][col]}, code {dtype}"


def test_conform_gives_exact_columns_and_dtypes() -> None:
    df = conform("numbers", [{"article_id": "a", "text": "50家", "value": 50, "unit": "家", "extra": 1}])
    assert list(df.columns) == list(SCHEMAS["numbers"])
    assert str(df["value"].dtype) == "Float64" and str(df["start"].dtype) == "Int64"
    assert list(empty_frame("statements").columns) == list(SCHEMAS["statements"])

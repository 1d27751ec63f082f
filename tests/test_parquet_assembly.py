"""Assembled Parquet files equal pq.ParquetWriter's byte for byte (the build relies on it)."""

from __future__ import annotations

import io
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tifalab.parquet_assembly import (
    AssemblyError,
    assemble,
    empty_footer,
    encode_row_group,
    read_footer,
    row_group_from_file,
)

OPTS = {"compression": "zstd"}


def _tables() -> list[pa.Table]:
    rng = random.Random(7)
    schema = pa.schema([
        ("id", pa.string()), ("n", pa.int64()), ("x", pa.float64()), ("flag", pa.bool_()),
        ("tags", pa.list_(pa.string())),
    ], metadata={b"note": b"kept"})
    out = []
    for size in (5, 0, 300, 20_000):  # 20,000 distinct long strings: the dictionary falls back
        out.append(pa.table({
            "id": [f"id-{rng.random()}-{'长' * rng.randint(0, 40)}" for _ in range(size)],
            "n": [None if i % 7 == 0 else rng.randint(-10**12, 10**12) for i in range(size)],
            "x": [rng.random() for _ in range(size)],
            "flag": [i % 3 == 0 for i in range(size)],
            "tags": [["a", "b"][: i % 3] for i in range(size)],
        }, schema=schema))
    return out


def _pyarrow_file(tables: list[pa.Table]) -> bytes:
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, tables[0].schema, **OPTS) as w:
        for t in tables:
            if t.num_rows:
                w.write_table(t, row_group_size=t.num_rows)
    return sink.getvalue()


def test_encoded_groups_assemble_to_parquetwriter_bytes() -> None:
    tables = _tables()
    schema = tables[0].schema
    groups = [encode_row_group(t, schema, **OPTS) for t in tables if t.num_rows]
    assert assemble(groups, empty_footer(schema, **OPTS)) == _pyarrow_file(tables)


def test_copied_groups_in_any_order_equal_a_fresh_file() -> None:
    tables = [t for t in _tables() if t.num_rows]
    schema = tables[0].schema
    old = _pyarrow_file(tables)
    fh = io.BytesIO(old)
    meta, _ = read_footer(fh=fh)
    order = [2, 0, 1, 0]  # copied out of order, one twice: offsets and ordinals re-based
    got = assemble([row_group_from_file(fh, meta, i) for i in order], empty_footer(schema, **OPTS))
    assert got == _pyarrow_file([tables[i] for i in order])
    assert pq.read_table(io.BytesIO(got)).equals(pa.concat_tables([tables[i] for i in order]))


def test_empty_file_and_bad_input() -> None:
    schema = _tables()[0].schema
    assert assemble([], empty_footer(schema, **OPTS)) == _pyarrow_file([schema.empty_table()])
    with pytest.raises(AssemblyError):
        read_footer(b"not parquet at all")
    with pytest.raises(AssemblyError):  # page indexes carry offsets this module does not move
        sink = io.BytesIO()
        pq.write_table(_tables()[0], sink, write_page_index=True)
        fh = io.BytesIO(sink.getvalue())
        row_group_from_file(fh, read_footer(fh=fh)[0], 0)
